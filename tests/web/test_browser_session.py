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
