"""Browser tests for following as a step of its own and for an interview's outcome (issue 12, points 2
and 4): the page to open, a "done" mark that leaves the LinkedIn note owed, and a rejection answered with a
reply that keeps the door open, in English and in Dutch."""

# The fixtures imported from the other browser tests are parameters here (F811).
# ruff: noqa: F811
from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.conftest import store_with_drafts
from tests.web.test_browser import LiveServer, browser_type_launch_args, live  # noqa: F401 - fixtures
from tests.web.test_browser_what_goes_out import status_of

pytestmark = pytest.mark.browser


def test_follow_steps_open_the_page_and_are_marked_done_without_sending_the_note(live: LiveServer,
                                                                                 browser: Any) -> None:
    interview_id = store_with_drafts(live.app)
    page = browser.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    follow = page.locator("#follow")
    expect(follow.locator("h2")).to_have_text("Follow")
    maria = follow.locator("#follow-maria-linkedin")
    expect(maria.locator("a.follow-open")).to_have_attribute("href", "https://www.linkedin.com/in/maria-de-vries")
    expect(follow.locator("#follow-tom-x a.follow-open")).to_have_attribute("href", "https://x.com/tomokafor")
    maria.locator("button.follow-mark").click()
    expect(page.locator("#follow-maria-linkedin .follow-done")).to_contain_text("Followed")
    expect(page.locator("#follow-tom-x button.follow-mark")).to_have_count(1)  # only the one marked
    assert status_of(live, interview_id, "maria", "linkedin") != "sent"  # the LinkedIn note is still owed
    page.close()


def test_a_rejection_set_in_the_browser_offers_a_reply_that_keeps_the_door_open(live: LiveServer,
                                                                                browser: Any) -> None:
    interview_id = store_with_drafts(live.app)
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    outcome = page.locator("#outcome")
    outcome.locator("select[name=kind]").select_option("rejected")
    outcome.locator("input[name=date]").fill("2026-12-14")
    outcome.locator("button").click()
    expect(page.locator("#page-notice")).to_contain_text("outcome: rejected on 2026-12-14")
    expect(page.locator("#door-open")).to_contain_text("Maria de Vries")
    expect(page.locator("#door-open .reply-body")).to_contain_text("Thank you for letting me know")
    expect(page.locator("#outcome .outcomes")).to_contain_text("2026-12-14: rejected")

    context.add_cookies([{"name": "afterword_lang", "value": "nl", "url": live.url}])
    page.goto(f"{live.url}/interviews/{interview_id}")
    expect(page.locator("#outcome h2")).to_have_text("Uitkomst")
    expect(page.locator("#outcome .outcomes")).to_contain_text("2026-12-14: afgewezen")
    expect(page.locator("#follow h2")).to_have_text("Volgen")
    expect(page.locator("#follow-maria-linkedin button.follow-mark")).to_have_text("Markeer als gevolgd")
    context.close()
