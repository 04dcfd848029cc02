"""Issue 12 in the browser (headless Debian Chromium, the real server): the timeline per interview and per
person, the dashboard's overview charts (numbers, both languages, 375 px), pending check-ins edited and
dropped on the interview page, and the public X post only after its warning."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from afterword.service.interviews import open_service
from tests.service.seed import NOW as SEEDED_NOW
from tests.service.seed import schedule_check_ins, seed
from tests.web.conftest import store_with_drafts
from tests.web.test_browser import PHONE, LiveServer, browser_type_launch_args  # noqa: F401 - fixture

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def seeded(db_url: str) -> Iterator[tuple[LiveServer, int, int]]:
    """The seeded history (tests/service/seed.py) behind a live server whose clock is Monday 30 November."""
    service = open_service(db_url)
    try:
        acme, gemeente = seed(service)
        schedule_check_ins(service)
    finally:
        service.close()
    server = LiveServer(db_url)
    server.app.state["now"] = lambda: SEEDED_NOW
    with server:
        yield server, acme, gemeente


def _context(browser: Any, language: str, viewport: dict[str, int] = PHONE) -> Any:
    tag = "nl-NL" if language == "nl" else "en-GB"
    return browser.new_context(viewport=viewport, locale=tag, timezone_id="Europe/Amsterdam",
                               extra_http_headers={"accept-language": f"{tag},{language};q=0.9"})


def _bars(page: Any, chart: str) -> list[tuple[str, int]]:
    bars = page.locator(f"#{chart} svg g.bar")
    return [(bars.nth(i).get_attribute("data-label"), int(bars.nth(i).get_attribute("data-value") or -1))
            for i in range(bars.count())]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_dashboard_draws_the_overview_as_accessible_svg_on_a_phone(
        seeded: tuple[LiveServer, int, int], browser: Any, language: str) -> None:
    live, _, _ = seeded
    context = _context(browser, language)
    page = context.new_page()
    page.goto(live.url)
    nl = language == "nl"
    expect(page.locator("#overview h2")).to_have_text("Hoe je follow-ups het doen" if nl else "How your follow-ups are doing")
    for chart in ("chart-24h", "chart-replies", "chart-delay"):
        svg = page.locator(f"#{chart} svg")
        expect(svg).to_be_visible()
        assert svg.get_attribute("role") == "img"
        assert svg.get_attribute("aria-labelledby") == f"{chart}-title {chart}-desc"
        assert page.locator(f"#{chart}-title").text_content()
        assert page.locator(f"#{chart}-desc").text_content()
        box = svg.bounding_box()
        assert box is not None and box["width"] <= PHONE["width"] and box["height"] > 40
    # The numbers of the seeded history: 3 of 5 timed sends inside 24 hours; replies 1/3 email, 1/2 LinkedIn.
    assert _bars(page, "chart-24h") == ([("binnen 24 u", 3), ("later", 2)] if nl else [("within 24 h", 3), ("later", 2)])
    assert _bars(page, "chart-replies") == [("E-mail" if nl else "Email", 33), ("LinkedIn", 50)]
    assert [v for _, v in _bars(page, "chart-delay")] == [1, 1, 0, 1, 1, 1]
    assert _bars(page, "chart-delay")[0][0] == ("tot 2 u" if nl else "up to 2 h")
    desc = page.locator("#chart-24h-desc").text_content() or ""
    assert ("3 van 5 follow-ups gingen binnen 24 uur" if nl else "3 of 5 follow-ups went out within 24 hours") in desc
    assert "18 u 30 min" in (page.locator("#chart-delay-desc").text_content() or "") if nl else \
        "18 h 30 min" in (page.locator("#chart-delay-desc").text_content() or "")
    # The same numbers as a table, for reading rather than looking.
    page.locator("#chart-replies summary").click()
    rows = page.locator("#chart-replies table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator("td")).to_have_text("33% (1/3)")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    context.close()


def test_the_overview_sits_in_three_columns_on_a_desktop(seeded: tuple[LiveServer, int, int], browser: Any) -> None:
    live, _, _ = seeded
    context = _context(browser, "en", DESKTOP)
    page = context.new_page()
    page.goto(live.url)
    boxes = [page.locator(f"#{c}").bounding_box() for c in ("chart-24h", "chart-replies", "chart-delay")]
    assert all(b is not None for b in boxes)
    assert len({round(b["y"]) for b in boxes if b}) == 1  # side by side
    context.close()


def test_the_interview_timeline_and_a_person_s_own(seeded: tuple[LiveServer, int, int], browser: Any) -> None:
    live, acme, _ = seeded
    context = _context(browser, "en")
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{acme}")
    events = page.locator("#timeline li.tl-event")
    kinds = [events.nth(i).get_attribute("data-kind") for i in range(events.count())]
    assert kinds == ["interview", *["drafted"] * 5, "sent", "edited", "sent", "skipped", "sent", "sent", "replied",
                     "replied", "check-in-planned"]
    last = events.last
    assert "tl-upcoming" in (last.get_attribute("class") or "")
    expect(last).to_contain_text("check-in planned")
    expect(last).to_contain_text("Maria de Vries")
    replied = page.locator('#timeline li[data-kind="replied"][data-contact="tom"]')
    expect(replied).to_contain_text("09:00")
    assert replied.locator("time").get_attribute("datetime") == "2026-11-30T09:00:00+01:00"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    replied.get_by_role("link", name="Tom Okafor").click()
    page.wait_for_url(f"**/interviews/{acme}/people/tom")
    expect(page.locator("h1")).to_have_text("Tom Okafor")
    mine = page.locator("#timeline li.tl-event")
    assert [mine.nth(i).get_attribute("data-kind") for i in range(mine.count())] == [
        "interview", "drafted", "drafted", "skipped", "sent", "replied"]
    context.close()


def test_the_timeline_speaks_dutch(seeded: tuple[LiveServer, int, int], browser: Any) -> None:
    live, _, gemeente = seeded
    context = _context(browser, "nl")
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{gemeente}")
    expect(page.locator("#timeline-heading")).to_have_text("Tijdlijn")
    expect(page.locator('#timeline li[data-kind="sent"]')).to_contain_text("verstuurd")
    expect(page.locator('#timeline li[data-kind="check-in-planned"]')).to_contain_text("check-in gepland")
    context.close()


def test_a_pending_check_in_is_edited_and_dropped_on_the_interview_page(
        seeded: tuple[LiveServer, int, int], browser: Any) -> None:
    live, acme, _ = seeded
    context = _context(browser, "en")
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{acme}")
    box = page.locator("#check-ins article.check-in")
    expect(box).to_have_count(1)  # Maria's; Tom replied, so he has none
    assert box.get_attribute("data-contact") == "maria"
    expect(box.locator(".check-in-when")).to_contain_text("Goes out")
    expect(box.locator(".check-in-when time")).to_contain_text("2026")
    box.locator("input[name=subject]").fill("Real-time visibility: any news?")
    box.get_by_role("button", name="Save").click()
    expect(page.locator("#page-notice")).to_contain_text("Check-in saved.")
    expect(page.locator("#check-ins input[name=subject]")).to_have_value("Real-time visibility: any news?")
    expect(page.locator('#timeline li[data-kind="check-in-planned"]')).to_contain_text("Real-time visibility: any news?")
    # Send early needs email set up: it says so, in one line, and nothing changes.
    page.locator("#check-ins").get_by_role("button", name="Send now").click()
    expect(page.locator("#page-notice")).to_contain_text("SMTP")
    expect(page.locator("#check-ins article.check-in")).to_have_count(1)
    page.locator("#check-ins").get_by_role("button", name="Drop").click()
    expect(page.locator("#page-notice")).to_contain_text("Check-in dropped")
    expect(page.locator("#check-ins")).to_have_count(0)
    expect(page.locator('#timeline li[data-kind="check-in-dropped"]')).to_contain_text("dropped by the user")
    context.close()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_public_x_post_comes_only_after_the_warning(db_url: str, browser: Any, language: str) -> None:
    with LiveServer(db_url) as live:
        interview_id = store_with_drafts(live.app)
        context = _context(browser, language)
        page = context.new_page()
        page.goto(f"{live.url}/interviews/{interview_id}")
        social = page.locator("#social-tom--x")
        open_link = social.locator("a.copy-open")
        assert (open_link.get_attribute("href") or "") == "https://x.com/tomokafor"  # private by default: follow
        nl = language == "nl"
        choice = social.get_by_role("link", name="Liever openbaar posten…" if nl else "Post publicly instead…")
        choice.click()
        warning = page.locator("#public-warning")
        expect(warning).to_contain_text("Iedereen kan een openbaar bericht zien." if nl else
                                        "Everyone can see a public post.")
        expect(warning).to_contain_text("Een openbaar bericht op X laat iedereen zien dat je bij Acme Logistics"
                                        if nl else "A public post on X shows everyone that you are applying at "
                                        "Acme Logistics")
        assert page.locator("a.copy-open").count() == 0  # nothing to post before the choice is confirmed
        page.get_by_role("button", name="Begrepen: maak een openbaar bericht klaar" if nl else
                         "I understand: prepare a public post").click()
        post = page.locator("#x-public a.copy-open")
        assert (post.get_attribute("href") or "").startswith("https://x.com/intent/post?text=%40tomokafor")
        expect(page.locator(".x-public-text")).to_contain_text("@tomokafor")
        expect(page.locator("#public-warning")).to_be_visible()  # the warning stays beside the post
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        context.close()


#: Where each line of an element's text starts, by character offset (the characters a line break came after).
_LINE_BREAKS = """el => {
  const node = [...el.childNodes].filter(n => n.nodeType === 3);
  const text = el.textContent; const breaks = []; let top = null; let offset = 0;
  for (const t of node) {
    for (let i = 0; i < t.length; i++) {
      const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
      const rect = r.getBoundingClientRect();
      if (rect.width === 0) { offset++; continue; }
      if (top !== null && rect.top > top + 2) breaks.push(text[offset - 1]);
      top = rect.top; offset++;
    }
  }
  return breaks;
}"""


def test_an_email_address_wraps_after_its_at_or_dot_on_a_phone(db_url: str, browser: Any) -> None:
    """Seen on a 375 px phone with the Northwind example: "grace.whitfield@northwind.examp|le". An address now
    wraps only at "@", "." or "/" (a hyphen of a profile link may also take a line break)."""
    from pathlib import Path

    northwind = Path(__file__).resolve().parents[2] / "examples" / "northwind-panel.toml"
    with LiveServer(db_url) as live:
        interview_id = store_with_drafts(live.app, northwind)
        context = _context(browser, "en")
        page = context.new_page()
        page.goto(f"{live.url}/interviews/{interview_id}")
        addresses = page.locator(".card-head .addr")
        assert addresses.count() > 0
        wrapped = 0
        for i in range(addresses.count()):
            addr = addresses.nth(i)
            text = addr.text_content() or ""
            assert "<wbr>" not in text and " " not in text  # the address reads (and copies) as typed
            breaks = addr.evaluate(_LINE_BREAKS)
            assert all(ch in "@./-" for ch in breaks), (text, breaks)  # never mid-word ("northwind.examp|le")
            wrapped += bool(breaks)
        assert wrapped  # at least one address is long enough to wrap at 375 px, so the test can fail
        context.close()
