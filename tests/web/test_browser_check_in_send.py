"""A stored check-in sent early from the interview page reaches a real SMTP server (aiosmtpd), threaded under
the first message, and the page then shows it as sent (headless Debian Chromium, the real server)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from afterword.service.checkins import CheckIns
from tests.delivery.conftest import cert_dir, smtp_server  # noqa: F401 - fixtures
from tests.delivery.servers import SmtpServer
from tests.web.conftest import backend, store_with_drafts
from tests.web.test_browser import PHONE, LiveServer, browser_type_launch_args, live  # noqa: F401 - fixtures
from tests.web.test_sending import smtp  # noqa: F401 - fixture

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "nl"])
def test_send_now_of_a_check_in_arrives_threaded_and_shows_as_sent(
        live: LiveServer, browser: Any, smtp: SmtpServer, language: str) -> None:  # noqa: F811
    interview_id = store_with_drafts(live.app)
    tag = "nl-NL" if language == "nl" else "en-GB"
    context = browser.new_context(viewport=PHONE, locale=tag, timezone_id="Europe/Amsterdam",
                                  extra_http_headers={"accept-language": f"{tag},{language};q=0.9"})
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    send_now, sent, sent_notice = (("Nu versturen", "Check-in verstuurd.", "check-in verstuurd") if language == "nl"
                                   else ("Send now", "Check-in sent.", "check-in sent"))

    # The first message, sent from its card: once the server took it, a check-in waits for Maria's silence.
    page.locator("#card-maria--email").get_by_role("button", name=send_now).click()
    page.locator('#card-maria--email .outbox-state[data-state="sent"]').wait_for(timeout=15000)
    [first] = smtp.handler.received
    [stored] = CheckIns(backend(live.app).service).views(interview_ids=[interview_id])
    assert (stored.contact, stored.state) == ("maria", "pending")

    page.goto(f"{live.url}/interviews/{interview_id}")
    stale = context.new_page()  # a second tab with the same check-in open: it must not send it twice
    stale.goto(f"{live.url}/interviews/{interview_id}")
    box = page.locator("#check-ins article.check-in")
    expect(box).to_have_count(1)
    assert box.get_attribute("data-contact") == "maria"
    box.get_by_role("button", name=send_now).click()
    expect(page.locator("#page-notice")).to_contain_text(sent)

    # It arrived once, to Maria, with its own subject, as a reply to the first message.
    assert len(smtp.handler.received) == 2
    check_in = smtp.handler.received[1]
    assert check_in.recipients == ["maria.devries@acme.example"]
    assert "maria.devries@acme.example" in check_in.message["To"]
    assert check_in.message["Subject"] == stored.subject
    assert check_in.message["Message-ID"] != first.message["Message-ID"]
    assert check_in.message["In-Reply-To"] == first.message["Message-ID"]
    assert check_in.message["References"] == first.message["Message-ID"]

    # The page: no check-in waits any more; the timeline says it went out, with its subject.
    expect(page.locator("#check-ins article.check-in")).to_have_count(0)
    done = page.locator('#timeline li[data-kind="check-in-sent"]')
    expect(done).to_have_count(1)
    expect(done).to_contain_text(sent_notice)
    expect(done).to_contain_text(stored.subject)
    [after] = CheckIns(backend(live.app).service).views(interview_ids=[interview_id])
    assert after.state == "sent" and after.sent_at is not None

    # Send now in the other tab, opened before: refused in one line, and nothing goes out twice.
    stale.locator("#check-ins").get_by_role("button", name=send_now).click()
    expect(stale.locator("#page-notice")).to_contain_text("alleen een geplande" if language == "nl"
                                                          else "only a pending one can be sent")
    assert len(smtp.handler.received) == 2
    context.close()
