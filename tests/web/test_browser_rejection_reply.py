"""The reply to a rejection in the browser (issue 12, point 4; headless Debian Chromium, the real server, a real
aiosmtpd): the outcome form offers who told you, the stored reply card is addressed to that person, edited,
sent once through the send flow, or dropped; in English and in Dutch."""

# ruff: noqa: F811
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.delivery.conftest import cert_dir, smtp_server  # noqa: F401 - fixtures
from tests.delivery.servers import SmtpServer
from tests.web.conftest import store_with_drafts
from tests.web.test_browser import PHONE, LiveServer, browser_type_launch_args, live  # noqa: F401 - fixtures
from tests.web.test_sending import smtp  # noqa: F401 - fixture

pytestmark = pytest.mark.browser


def _context(browser: Any, language: str) -> Any:
    tag = "nl-NL" if language == "nl" else "en-GB"
    return browser.new_context(viewport=PHONE, locale=tag, timezone_id="Europe/Amsterdam",
                               extra_http_headers={"accept-language": f"{tag},{language};q=0.9"})


def _rows(db_url: str) -> list[tuple[str, str]]:
    with sqlite3.connect(Path(db_url.removeprefix("sqlite:///"))) as conn:
        return conn.execute("SELECT contact_key, state FROM rejection_replies").fetchall()


def _set_rejected(page: Any, who: str | None, button: str) -> None:
    outcome = page.locator("#outcome")
    outcome.locator("select[name=kind]").select_option("rejected")
    outcome.locator("input[name=date]").fill("2026-12-14")
    if who is not None:
        outcome.locator("select[name=from]").select_option(who)
    outcome.get_by_role("button", name=button).click()


def test_the_reply_goes_to_the_person_chosen_and_is_sent_once(live: LiveServer, browser: Any, smtp: SmtpServer,
                                                              db_url: str) -> None:
    interview_id = store_with_drafts(live.app)
    context = _context(browser, "en")
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    # Who told you: the people with an email address, the hiring manager chosen (Acme has no recruiter).
    chooser = page.locator("#outcome select[name=from]")
    assert [chooser.locator("option").nth(i).get_attribute("value") for i in range(chooser.locator("option").count())
            ] == ["maria", "tom"]
    expect(chooser).to_have_value("maria")
    expect(page.locator("#door-open")).to_have_count(0)

    _set_rejected(page, "tom", "Set outcome")
    expect(page.locator("#page-notice")).to_contain_text("outcome: rejected on 2026-12-14")
    card = page.locator("#door-open")
    expect(card).to_have_attribute("data-contact", "tom")
    expect(card.locator("h3")).to_contain_text("To Tom Okafor")
    expect(card.locator("h3")).to_contain_text("tom.okafor@acme.example")
    expect(card.locator("textarea.reply-body")).to_contain_text("Thank you for letting me know")
    expect(card.locator("textarea.reply-body")).to_contain_text("Tom")

    # Set again: still the one reply.
    _set_rejected(page, "tom", "Set outcome")
    expect(page.locator("#door-open")).to_have_count(1)
    assert _rows(db_url) == [("tom", "pending")]

    card.locator("input[name=subject]").fill("Thank you, Tom")
    card.get_by_role("button", name="Save").click()
    expect(page.locator("#page-notice")).to_contain_text("Reply saved.")
    expect(page.locator("#door-open input[name=subject]")).to_have_value("Thank you, Tom")

    page.locator("#door-open").get_by_role("button", name="Send now").click()
    expect(page.locator("#page-notice")).to_contain_text("Sent.")
    expect(page.locator("#door-open")).to_have_attribute("data-state", "sent")
    expect(page.locator("#door-open .badge")).to_have_text("sent")
    expect(page.locator('#timeline li[data-kind="rejection-reply-sent"]')).to_contain_text("Tom Okafor")
    [got] = smtp.handler.received
    assert got.recipients == ["tom.okafor@acme.example"] and got.message["Subject"] == "Thank you, Tom"
    assert _rows(db_url) == [("tom", "sent")]
    expect(page.locator("#door-open button")).to_have_count(0)  # nothing left to send twice
    context.close()


def test_in_dutch_the_reply_card_speaks_dutch_and_can_be_dropped(live: LiveServer, browser: Any,
                                                                 smtp: SmtpServer, db_url: str) -> None:
    interview_id = store_with_drafts(live.app)
    context = _context(browser, "nl")
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    expect(page.locator("#outcome")).to_contain_text("Wie het je vertelde")
    _set_rejected(page, None, "Uitkomst vastleggen")
    card = page.locator("#door-open")
    expect(card).to_have_attribute("data-contact", "maria")
    expect(page.locator("#rejection-reply h2")).to_have_text("Antwoord op de afwijzing")
    expect(card.locator("h3")).to_contain_text("Aan Maria de Vries")
    expect(card.locator(".badge")).to_have_text("nog niet verstuurd")
    card.get_by_role("button", name="Laten vervallen").click()
    expect(page.locator("#page-notice")).to_contain_text("Antwoord vervallen: het wordt niet verstuurd.")
    expect(page.locator("#door-open")).to_have_attribute("data-state", "dropped")
    assert _rows(db_url) == [("maria", "dropped")] and smtp.handler.received == []
    context.close()
