"""Browser test: edit an interview on a phone (its drafts stay), then delete it (after being told what goes)."""

# The fixtures imported from the other browser tests are parameters here (F811).
# ruff: noqa: F811
from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.conftest import NOW, backend, store_with_drafts
from tests.web.test_browser import PHONE, SCREENSHOTS, LiveServer, browser_type_launch_args, live  # noqa: F401

pytestmark = pytest.mark.browser


def test_edit_then_delete_an_interview_on_a_phone(live: LiveServer, browser: Any) -> None:
    interview_id = store_with_drafts(live.app)
    service = backend(live.app).service
    drafts_before = {(tp.contact, tp.channel, tp.body) for tp in service.get_interview(interview_id)[1]}
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    page.locator("#more-actions > summary").click()
    page.get_by_role("link", name="Edit interview").click()
    expect(page.locator("h1")).to_have_text("Edit the interview")
    assert page.locator("#f-company").input_value() == "Acme Logistics"
    page.fill("#f-theme", "Shipment status in minutes, not hours")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(f"{live.url}/interviews/{interview_id}")
    expect(page.locator(".theme")).to_have_text("Shipment status in minutes, not hours")
    assert {(tp.contact, tp.channel, tp.body) for tp in service.get_interview(interview_id)[1]} == drafts_before
    page.locator("#more-actions > summary").click()
    page.get_by_role("link", name="Delete interview").click()
    expect(page.locator("#what-goes")).to_contain_text("drafts and their history")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "delete-375.png"), full_page=True)
    page.get_by_role("button", name="Delete for good").click()
    page.wait_for_url(f"{live.url}/")
    expect(page.locator(".empty")).to_contain_text("Nothing owed right now.")
    assert service.list_interviews(NOW) == []
    context.close()
