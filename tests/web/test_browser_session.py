"""Browser tests for sessions that must not die: a server restart under an open page, a dropped
connection, an expired form token, and a page on another localhost port trying to change things."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.conftest import NOW, backend, store_with_drafts
from tests.web.test_browser import LiveServer, browser_type_launch_args  # noqa: F401 - fixture

pytestmark = pytest.mark.browser


def stored_body(server: LiveServer, interview_id: int, contact: str, channel: str) -> str:
    _, touchpoints = backend(server.app).service.get_interview(interview_id)
    return next(tp.body for tp in touchpoints if tp.contact == contact and tp.channel.value == channel)


def test_a_page_open_across_a_server_restart_still_saves(db_url: str, page: Any) -> None:
    with LiveServer(db_url) as first:
        interview_id = store_with_drafts(first.app)
        page.goto(f"{first.url}/interviews/{interview_id}")
        port = first.port
    with LiveServer(db_url, port=port) as second:  # `afterword serve` again, same data folder
        card = page.locator("#card-tom--x")
        card.locator("textarea").fill("Hi Tom, thanks for the talk about dbt tests. Sam")
        card.get_by_role("button", name="Save").click()
        expect(page.locator("#card-tom--x .saved-note")).to_have_text("Saved")
        assert stored_body(second, interview_id, "tom", "x") == "Hi Tom, thanks for the talk about dbt tests. Sam"
        page.reload()
        card.locator("textarea").fill("Hi Tom, thanks again. Sam")
        card.get_by_role("button", name="Save").click()
        expect(page.locator("#card-tom--x .saved-note")).to_have_text("Saved")
        assert stored_body(second, interview_id, "tom", "x") == "Hi Tom, thanks again. Sam"


def test_a_dropped_connection_is_told_and_try_again_saves(db_url: str, page: Any) -> None:
    with LiveServer(db_url) as first:
        interview_id = store_with_drafts(first.app)
        page.goto(f"{first.url}/interviews/{interview_id}")
        port = first.port
    card = page.locator("#card-tom--x")
    typed = "Hi Tom, the dbt tests story stayed with me. Sam"
    card.locator("textarea").fill(typed)
    # The live check cannot reach the server: the findings say so instead of "ready".
    expect(card.locator(".findings-stale")).to_have_text("Not checked: the last change could not be checked.")
    assert card.locator(".findings-clear").count() == 0
    card.get_by_role("button", name="Save").click()
    problem = card.locator(".request-problem")
    expect(problem).to_be_visible()
    assert "could not be reached" in problem.inner_text()
    assert card.locator("textarea").input_value() == typed  # nothing typed is lost
    with LiveServer(db_url, port=port) as again:
        problem.get_by_role("button", name="Try again").click()
        expect(page.locator("#card-tom--x .saved-note")).to_have_text("Saved")
        assert stored_body(again, interview_id, "tom", "x") == typed


def test_an_expired_token_is_renewed_and_try_again_saves_in_dutch(db_url: str, browser: Any) -> None:
    context = browser.new_context(locale="nl-NL", extra_http_headers={"accept-language": "nl-NL,nl;q=0.9"})
    page = context.new_page()
    with LiveServer(db_url, csrf_secret="a key that is lost when the server stops") as first:
        interview_id = store_with_drafts(first.app)
        page.goto(f"{first.url}/interviews/{interview_id}")
        port = first.port
    with LiveServer(db_url, port=port, csrf_secret="a different key after the restart") as second:
        card = page.locator("#card-tom--x")
        card.locator("textarea").fill("Hoi Tom, bedankt voor het gesprek. Sam")
        card.get_by_role("button", name="Opslaan").click()
        problem = card.locator(".request-problem")
        expect(problem).to_be_visible()
        assert "vernieuwd" in problem.inner_text()
        assert card.locator("textarea").input_value() == "Hoi Tom, bedankt voor het gesprek. Sam"
        problem.get_by_role("button", name="Opnieuw proberen").click()
        expect(page.locator("#card-tom--x .saved-note")).to_have_text("Opgeslagen")
        assert stored_body(second, interview_id, "tom", "x") == "Hoi Tom, bedankt voor het gesprek. Sam"
        # A reload gets a token that verifies again, and saving needs no second try.
        page.reload()
        card.locator("textarea").fill("Hoi Tom, tot snel. Sam")
        card.get_by_role("button", name="Opslaan").click()
        expect(page.locator("#card-tom--x .saved-note")).to_have_text("Opgeslagen")
    context.close()


class _Attacker(BaseHTTPRequestHandler):
    """Another program on this machine: its page reads the cookies it can see and posts a capture form."""

    target = ""

    def do_GET(self) -> None:
        page = f"""<!doctype html><meta charset=utf-8><title>other</title>
<form method=post action="{self.target}/capture">
<input name=_csrf_token id=t><input name=company value=Evil><input name=role value=Spy>
<input name=start value=2026-11-27T14:00><input name=timezone value=Europe/Amsterdam>
<input name=candidate_name value=Mallory></form>
<script>var m = document.cookie.match(/afterword_csrf=([^;]+)/); document.getElementById('t').value = m ? m[1] : '';
document.forms[0].submit();</script>""".encode()
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.send_header("content-length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def attacker(live: LiveServer) -> Iterator[str]:
    handler = type("Handler", (_Attacker,), {"target": live.url})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def live(db_url: str) -> Iterator[LiveServer]:
    with LiveServer(db_url) as server:
        yield server


def test_a_page_on_another_localhost_port_cannot_change_anything(live: LiveServer, attacker: str,
                                                                  page: Any) -> None:
    page.goto(live.url + "/")  # the user has Afterword open, so the browser holds its cookie
    assert page.evaluate("document.cookie") == ""  # HttpOnly: no script can read the token
    page.goto(attacker)
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Not allowed")
    assert "another site" in page.locator("main").inner_text()
    assert backend(live.app).service.list_interviews(NOW) == []
    # Afterword's own capture form still works.
    page.goto(live.url + "/capture")
    page.fill("#f-company", "Acme")
    page.fill("#f-role", "Engineer")
    page.fill("#f-start", "2026-11-27T14:00")
    page.fill("#f-timezone", "Europe/Amsterdam")
    page.fill("#f-candidate_name", "Sam")
    page.get_by_role("button", name="Save and draft follow-ups").click()
    page.wait_for_url("**/interviews/*")
    assert [s.company for s in backend(live.app).service.list_interviews(NOW)] == ["Acme"]


def test_a_capture_that_could_not_be_sent_comes_back_when_the_form_is_opened_again(db_url: str, page: Any) -> None:
    with LiveServer(db_url) as first:
        page.goto(f"{first.url}/capture")
        port = first.port
        page.fill("#f-company", "Northwind Freight")
        page.fill("#f-role", "Data Lead")
        page.fill("#f-start", "2026-11-27T10:00")
        page.fill("#f-contacts-0-name", "Anneke van der Meer")
        page.click("button.add-row[data-table=contacts]")
        person = page.locator("#contacts-rows > .row").nth(1)
        person.locator(".person-name").fill("Zoë Okafor")
        person.locator("input[type=email]").fill("zoe@northwind.example")
        page.fill("#f-needs-0-text", "Trucks drive back empty a third of the time")
        page.locator('[data-name="needs-0-raised_by"]').get_by_text("Zoë Okafor").click()
        page.fill("#f-candidate_name", "Sam Jansen")
    # The server is gone when Save is pressed: the browser can only show its own error page.
    page.get_by_role("button", name="Save and draft follow-ups").click()
    page.wait_for_load_state()
    with LiveServer(db_url, port=port) as again:
        page.goto(f"{again.url}/capture")
        expect(page.locator("#restored")).to_be_visible()
        assert page.locator("#f-company").input_value() == "Northwind Freight"
        person = page.locator("#contacts-rows > .row").nth(1)
        assert person.locator(".person-name").input_value() == "Zoë Okafor"
        assert person.locator("input[type=email]").input_value() == "zoe@northwind.example"
        picker = page.locator('[data-name="needs-0-raised_by"]')
        assert picker.get_by_label("Zoë Okafor").is_checked()
        assert not picker.get_by_label("Anneke van der Meer").is_checked()
        page.get_by_role("button", name="Save and draft follow-ups").click()
        page.wait_for_url("**/interviews/*")
        interview = backend(again.app).service.get_interview(int(page.url.rsplit("/", 1)[1]))[0]
        assert [c.name for c in interview.contacts] == ["Anneke van der Meer", "Zoë Okafor"]
        assert interview.needs[0].raised_by == ("zoe",)
        page.goto(f"{again.url}/capture")  # saved: the form starts empty again
        assert page.locator("#f-company").input_value() == ""
        assert page.locator("#restored").is_hidden()


def test_a_server_error_is_told_and_try_again_saves(live: LiveServer, page: Any) -> None:
    interview_id = store_with_drafts(live.app)
    page.goto(f"{live.url}/interviews/{interview_id}")
    working = live.app.state["backend"]
    live.app.state["backend"] = object()  # every handler now fails: a 500
    card = page.locator("#card-tom--x")
    card.locator("textarea").fill("Hi Tom, one more thought on dbt tests. Sam")
    card.get_by_role("button", name="Save").click()
    problem = card.locator(".request-problem")
    expect(problem).to_contain_text("Afterword hit a problem (error 500)")
    assert card.locator("textarea").input_value() == "Hi Tom, one more thought on dbt tests. Sam"
    live.app.state["backend"] = working
    problem.get_by_role("button", name="Try again").click()
    expect(page.locator("#card-tom--x .saved-note")).to_have_text("Saved")
    assert stored_body(live, interview_id, "tom", "x") == "Hi Tom, one more thought on dbt tests. Sam"
