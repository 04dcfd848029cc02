"""Browser tests for "what you see is what goes out": copy buttons copy the editor, nothing is cut
silently, one count per card, unsaved edits warn, stale status changes conflict, Send all asks first."""

# The fixtures imported from the other browser tests are parameters here (F811).
# ruff: noqa: F811
from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.delivery.conftest import cert_dir, smtp_server  # noqa: F401 - fixtures
from tests.delivery.servers import SmtpServer
from tests.web.conftest import backend, store_with_drafts
from tests.web.test_browser import LiveServer, browser_type_launch_args, live  # noqa: F401 - fixtures
from tests.web.test_sending import smtp  # noqa: F401 - fixture

pytestmark = pytest.mark.browser


def status_of(server: LiveServer, interview_id: int, contact: str, channel: str) -> str:
    _, touchpoints = backend(server.app).service.get_interview(interview_id)
    return next(str(tp.status) for tp in touchpoints if tp.contact == contact and tp.channel.value == channel)


@pytest.fixture
def clip(live: LiveServer, browser: Any) -> Any:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live.url)
    context.route("https://x.com/**", lambda route: route.fulfill(body="x", status=200))
    context.route("https://www.linkedin.com/**", lambda route: route.fulfill(body="linkedin", status=200))
    yield context
    context.close()


def test_copy_and_open_takes_the_editors_unsaved_text(live: LiveServer, clip: Any) -> None:
    interview_id = store_with_drafts(live.app)
    page = clip.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    card = page.locator("#card-tom--x")
    card.locator("textarea").fill("Hi Tom, your story about dbt tests stays with me. Sam")  # not saved
    with clip.expect_page() as opened:
        card.locator("a.copy-open").click()
    # X is private by default: their profile opens (follow, then a direct message); nothing is posted publicly.
    posted = "Hi Tom, your story about dbt tests stays with me. Sam"
    assert urlsplit(opened.value.url).path.strip("/") == "tomokafor" and "intent" not in opened.value.url
    expect(card.locator("a.copy-open.copied")).to_have_count(1)
    assert page.evaluate("navigator.clipboard.readText()") == posted
    note = page.locator("#card-maria--linkedin")
    note.locator("textarea").fill("Hi Maria, the Rotterdam outage story stayed with me. Sam")
    with clip.expect_page():
        note.locator("a.copy-open").click()
    expect(note.locator("a.copy-open.copied")).to_have_count(1)
    assert page.evaluate("navigator.clipboard.readText()") == "Hi Maria, the Rotterdam outage story stayed with me. Sam"


def test_text_over_the_limit_is_never_cut_or_copied(live: LiveServer, clip: Any) -> None:
    interview_id = store_with_drafts(live.app)
    page = clip.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    page.evaluate("navigator.clipboard.writeText('before')")
    card = page.locator("#card-maria--linkedin")
    long_note = "Hi Maria, " + "thanks for the talk about shipment visibility; " * 5 + "Sam"
    card.locator("textarea").fill(long_note)
    warning = card.locator(".too-long")
    expect(warning).to_be_visible()
    assert f"{len(long_note)} of 200 characters" in warning.inner_text()
    expect(card.locator("a.copy-open")).to_have_attribute("aria-disabled", "true")
    card.locator("a.copy-open").click(force=True)  # tapped anyway
    page.wait_for_timeout(500)
    assert len(clip.pages) == 1  # nothing opened
    assert page.evaluate("navigator.clipboard.readText()") == "before"
    # Shortened to fit, it goes: the warning leaves and the link copies the whole text.
    card.locator("textarea").fill("Hi Maria, thanks for the talk. Sam")
    expect(warning).to_be_hidden()
    with clip.expect_page():
        card.locator("a.copy-open").click()
    expect(card.locator("a.copy-open.copied")).to_have_count(1)
    assert page.evaluate("navigator.clipboard.readText()") == "Hi Maria, thanks for the talk. Sam"


def test_one_character_count_per_card(live: LiveServer, page: Any) -> None:
    interview_id = store_with_drafts(live.app)
    page.goto(f"{live.url}/interviews/{interview_id}")
    for key in ("tom--x", "maria--linkedin"):
        text = page.locator(f"#card-{key}").inner_text()
        assert len(re.findall(r"\d+\s*(?:/|of|van)\s*\d+", text)) == 1, text


def test_the_mail_app_link_carries_the_editors_text(live: LiveServer, page: Any) -> None:
    interview_id = store_with_drafts(live.app)
    page.goto(f"{live.url}/interviews/{interview_id}")
    card = page.locator("#card-maria--email")
    card.locator("input.subject").fill("The Rotterdam outage")
    card.locator("textarea").fill("Hi Maria,\n\nThank you. Sam")
    query = parse_qs(urlsplit(card.locator("a.open-mail").get_attribute("href")).query)
    assert query == {"subject": ["The Rotterdam outage"], "body": ["Hi Maria,\n\nThank you. Sam"]}


def test_leaving_with_unsaved_edits_asks_first(live: LiveServer, page: Any) -> None:
    interview_id = store_with_drafts(live.app)
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", on_dialog)
    page.goto(f"{live.url}/interviews/{interview_id}")
    page.goto(live.url + "/")
    assert dialogs == []  # nothing typed: leave at once
    page.goto(f"{live.url}/interviews/{interview_id}")
    page.locator("#card-tom--x textarea").fill("Hi Tom, one more thought. Sam")
    page.goto(live.url + "/")
    assert dialogs == ["beforeunload"]
    page.goto(f"{live.url}/interviews/{interview_id}")
    card = page.locator("#card-tom--x")
    card.locator("textarea").fill("Hi Tom, saved this time. Sam")
    card.get_by_role("button", name="Save").click()
    expect(page.locator("#card-tom--x .saved-note")).to_be_visible()
    page.goto(live.url + "/")
    assert dialogs == ["beforeunload"]  # saved: no second question


def test_a_status_change_from_a_stale_tab_is_a_conflict(live: LiveServer, browser: Any) -> None:
    interview_id = store_with_drafts(live.app)
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.goto(f"{live.url}/interviews/{interview_id}")
    first.locator("#card-tom--email").get_by_role("button", name="Skip").click()
    first.locator('#card-tom--email[data-status="skipped"]').wait_for()
    second.locator("#card-tom--email").get_by_role("button", name="Mark sent").click()
    expect(second.locator("#card-tom--email .alert.conflict")).to_contain_text("Changed in another tab.")
    assert status_of(live, interview_id, "tom", "email") == "skipped"
    # Copy-and-open's "Mark done" too: the note was rewritten in the other tab.
    other = first.locator("#card-maria--linkedin")
    other.locator("textarea").fill("Hi Maria, rewritten in the first tab. Sam")
    other.get_by_role("button", name="Save").click()
    expect(first.locator("#card-maria--linkedin .saved-note")).to_be_visible()
    second.locator("#card-maria--linkedin").get_by_role("button", name="Mark done").click()
    expect(second.locator("#card-maria--linkedin .alert.conflict")).to_be_visible()
    assert status_of(live, interview_id, "maria", "linkedin") == "edited"
    context.close()


def test_send_all_asks_who_gets_what_first(live: LiveServer, page: Any, smtp: SmtpServer) -> None:
    interview_id = store_with_drafts(live.app)
    page.goto(f"{live.url}/interviews/{interview_id}")
    page.get_by_role("button", name="Send all emails (2)").click()
    expect(page.locator("h1")).to_have_text("Send 2 emails now?")
    assert "Maria de Vries" in page.locator("#going").inner_text()
    assert smtp.handler.received == []
    page.get_by_role("link", name="Back, send nothing").click()
    page.get_by_role("button", name="Send all emails (2)").click()
    page.get_by_role("button", name="Yes, send 2 emails").click()
    expect(page.locator("#page-notice")).to_be_visible()
    assert sorted(r.recipients[0] for r in smtp.handler.received) == ["maria.devries@acme.example",
                                                                      "tom.okafor@acme.example"]
