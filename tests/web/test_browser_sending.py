"""Browser tests for sending: Send now turns the card to "sent", in English and Dutch; copy-and-open; screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.delivery.conftest import cert_dir, smtp_server  # noqa: F401 - fixtures
from tests.delivery.servers import SmtpServer
from tests.web.conftest import store_with_drafts
from tests.web.test_browser import PHONE, SCREENSHOTS, LiveServer, browser_type_launch_args, live  # noqa: F401
from tests.web.test_sending import smtp  # noqa: F401 - fixture

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1280, "height": 900}


def test_send_now_turns_the_card_to_sent(live: LiveServer, browser: Any, smtp: SmtpServer) -> None:  # noqa: F811
    interview_id = store_with_drafts(live.app)
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    card = page.locator("#card-maria--email")
    card.locator("summary", has_text="Schedule…").click()
    assert card.locator('input[type="datetime-local"]').input_value() == "2026-11-27T18:00"
    page.screenshot(path=str(SCREENSHOTS / "interview-send-desktop.png"), full_page=True)
    page.screenshot(path=str(SCREENSHOTS / "interview-top-desktop.png"))
    card.get_by_role("button", name="Send now").click()
    page.locator('#card-maria--email .outbox-state[data-state="sent"]').wait_for(timeout=15000)
    assert page.locator('#card-maria--email[data-status="sent"]').count() == 1
    assert page.locator("#card-maria--email .notice-ok").inner_text().strip() == "Sent."
    assert [r.recipients for r in smtp.handler.received] == [["maria.devries@acme.example"]]
    card.screenshot(path=str(SCREENSHOTS / "card-sent-desktop.png"))
    # Tom's card is untouched and can still be sent.
    assert page.locator("#card-tom--email").get_by_role("button", name="Send now").is_visible()
    context.close()


def test_dutch_send_now_and_the_phone_layout(live: LiveServer, browser: Any, smtp: SmtpServer) -> None:  # noqa: F811
    interview_id = store_with_drafts(live.app)
    context = browser.new_context(viewport=PHONE, locale="nl-NL",
                                  extra_http_headers={"accept-language": "nl-NL,nl;q=0.9"})
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    assert page.locator("html").get_attribute("lang") == "nl"
    card = page.locator("#card-tom--email")
    card.locator("summary", has_text="Inplannen…").click()
    assert "Kantoortijden van de ontvanger" in card.locator(".schedule-box").inner_text()
    assert "zaterdag 28 november 2026" in card.locator(".schedule-box").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(SCREENSHOTS / "interview-send-375.png"), full_page=True)
    page.screenshot(path=str(SCREENSHOTS / "interview-top-375.png"))
    card.screenshot(path=str(SCREENSHOTS / "card-send-375.png"))
    card.get_by_role("button", name="Nu versturen").click()
    page.locator('#card-tom--email .outbox-state[data-state="sent"]').wait_for(timeout=15000)
    assert page.locator("#card-tom--email .badge.state-sent").inner_text() == "verstuurd"
    assert len(smtp.handler.received) == 1
    context.close()


def test_copy_and_open_copies_the_note_and_opens_linkedin_in_a_new_tab(
        live: LiveServer, browser: Any, mail_home: Path) -> None:  # noqa: F811
    interview_id = store_with_drafts(live.app)
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live.url)
    context.route("https://www.linkedin.com/**", lambda route: route.fulfill(body="linkedin", status=200))
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    card = page.locator("#card-maria--linkedin")
    with context.expect_page() as opened:
        card.locator("a.copy-open").click()
    tab = opened.value
    assert tab.url == "https://www.linkedin.com/in/maria-de-vries"
    assert tab.evaluate("window.opener") is None  # rel=noopener
    assert page.evaluate("navigator.clipboard.readText()") == card.locator("a.copy-open").get_attribute("data-text")
    card.get_by_role("button", name="Mark done").click()
    page.locator('#card-maria--linkedin[data-status="sent"]').wait_for(timeout=15000)
    context.close()


def test_schedule_from_the_browser_then_cancel(live: LiveServer, browser: Any, smtp: SmtpServer) -> None:  # noqa: F811
    interview_id = store_with_drafts(live.app)
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    card = page.locator("#card-tom--email")
    card.locator("summary", has_text="Schedule…").click()
    card.locator('input[type="datetime-local"]').fill("2026-11-28T09:30")
    card.get_by_role("button", name="Schedule", exact=True).click()
    page.locator('#card-tom--email .outbox-state[data-state="queued"]').wait_for(timeout=15000)
    assert "Saturday 28 November 2026, 09:30" in card.locator(".outbox-state").inner_text()
    assert card.get_by_role("button", name="Mark sent").count() == 0
    card.screenshot(path=str(SCREENSHOTS / "card-scheduled-desktop.png"))
    card.get_by_role("button", name="Cancel sending").click()
    page.locator('#card-tom--email .badge.state-cancelled').wait_for(timeout=15000)
    assert smtp.handler.received == []
    context.close()
