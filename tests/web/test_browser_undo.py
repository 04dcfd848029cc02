"""Every send has an undo window (issue 11, point 5): "Send now" and "Send all" hold the email for
`[ui] undo_seconds`, the card counts down with Undo, and Undo means nothing reaches the server."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.delivery.conftest import cert_dir, smtp_server  # noqa: F401 - fixtures
from tests.delivery.servers import SmtpServer
from tests.web.conftest import store_with_drafts
from tests.web.test_browser import PHONE, LiveServer, browser_type_launch_args, live  # noqa: F401 - fixtures
from tests.web.test_sending import outbox, smtp, write_config  # noqa: F401 - fixture

pytestmark = pytest.mark.browser
WINDOW = 3


@pytest.fixture
def held(smtp: SmtpServer, mail_home: Path, cert_dir: Path) -> SmtpServer:  # noqa: F811
    write_config(mail_home, smtp, cert=cert_dir, undo_seconds=WINDOW)
    return smtp


def test_undo_within_the_window_sends_nothing(live: LiveServer, browser: Any,  # noqa: F811
                                              held: SmtpServer, db_url: str) -> None:
    interview_id = store_with_drafts(live.app)
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    card = page.locator("#card-maria--email")
    card.get_by_role("button", name="Send now").click()
    expect(card.locator(".outbox-state.held")).to_contain_text(f"Sending in {WINDOW} s")
    card.get_by_role("button", name="Undo").click()
    expect(card.locator(".badge.state-cancelled")).to_be_visible()
    time.sleep(WINDOW + 1.5)
    assert held.handler.received == []
    assert [r.state for r in outbox(db_url)] == ["cancelled"]  # withdrawn (a real state now), never handed over
    assert card.get_by_role("button", name="Send now").is_visible()  # and it can be sent again
    context.close()


def test_without_undo_the_card_turns_sent_when_the_window_closes(live: LiveServer, browser: Any,  # noqa: F811
                                                                 held: SmtpServer) -> None:
    interview_id = store_with_drafts(live.app)
    context = browser.new_context(viewport=PHONE, locale="nl-NL", extra_http_headers={"accept-language": "nl"})
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    card = page.locator("#card-tom--email")
    card.get_by_role("button", name="Nu versturen").click()
    expect(card.locator(".outbox-state.held")).to_contain_text("Versturen over")
    assert held.handler.received == []  # held back for the window
    expect(card.locator('.outbox-state[data-state="sent"]')).to_be_visible(timeout=15000)
    assert [r.recipients for r in held.handler.received] == [["tom.okafor@acme.example"]]
    context.close()


def test_send_all_holds_every_email_and_each_can_be_undone(live: LiveServer, browser: Any,  # noqa: F811
                                                           held: SmtpServer) -> None:
    interview_id = store_with_drafts(live.app)
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    page.get_by_role("button", name="Send all emails (2)").click()
    page.get_by_role("button", name="Yes, send 2 emails").click()
    expect(page.locator("#page-notice")).to_contain_text(f"Sending in {WINDOW} s")
    page.locator("#card-tom--email").get_by_role("button", name="Undo").click()
    expect(page.locator("#card-tom--email .badge.state-cancelled")).to_be_visible()
    expect(page.locator('#card-maria--email .outbox-state[data-state="sent"]')).to_be_visible(timeout=15000)
    assert [r.recipients for r in held.handler.received] == [["maria.devries@acme.example"]]
    context.close()
