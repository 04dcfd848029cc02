"""axe-core on every page, in English and Dutch, on a phone (375 px) and a desktop: no serious or
critical violation. Plus the phone-first checks axe cannot make (tap targets, the sticky bar, focus)."""

# The fixtures imported from the other browser tests are parameters here (F811).
# ruff: noqa: F811
from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.delivery.conftest import cert_dir, smtp_server  # noqa: F401 - fixtures
from tests.delivery.servers import SmtpServer
from tests.web.conftest import backend, store_with_drafts
from tests.web.test_browser import PHONE, SCREENSHOTS, LiveServer, browser_type_launch_args, live  # noqa: F401
from tests.web.test_sending import smtp  # noqa: F401 - fixture

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
LANGUAGES = {"en": "en-GB,en;q=0.9", "nl": "nl-NL,nl;q=0.9"}


def violations(page: Any) -> list[str]:
    """Serious and critical axe violations on the page as it is now, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:5])
            for v in result if v["impact"] in ("serious", "critical")]


def pages_to_check(live: LiveServer) -> list[tuple[str, str, str | None]]:
    """(name, path, what to do first: a CSS selector to click) for every page of the UI."""
    interview_id = store_with_drafts(live.app)
    service = backend(live.app).service
    service.set_status(interview_id, "maria", "linkedin", "sent")  # a done card
    service.set_status(interview_id, "els", "linkedin", "skipped")
    return [
        ("dashboard", "/", None),
        ("interview", f"/interviews/{interview_id}", None),
        ("interview-schedule", f"/interviews/{interview_id}", "#card-tom--email details.schedule > summary"),
        ("interview-notes", f"/interviews/{interview_id}", "details.notes-view > summary"),
        ("interview-more", f"/interviews/{interview_id}", "#more-actions > summary"),
        ("capture", "/capture", None),
        ("capture-errors", "/capture", ".actions.sticky button[type=submit]"),
        ("upload", "/upload", None),
        ("rule", "/rules/placeholder", None),
        ("not-found", "/no/such/page", None),
        ("send-all", f"/interviews/{interview_id}", "form.send-all button[value=now]"),
        ("edit", f"/interviews/{interview_id}/edit", None),
        ("delete", f"/interviews/{interview_id}/delete", None),
        ("settings", "/settings", None),
        ("settings-saved", "/settings", "form[data-settings] .actions button[type=submit]"),
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_passes_axe(live: LiveServer, browser: Any, smtp: SmtpServer, language: str,
                               viewport: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport], bypass_csp=True,  # to inject axe
                                  extra_http_headers={"accept-language": LANGUAGES[language]})
    page = context.new_page()
    found: dict[str, list[str]] = {}
    for name, path, action in pages_to_check(live):
        page.goto(live.url + path)
        if action:
            page.locator(action).first.click()
            page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == language
        if problems := violations(page):
            found[name] = problems
    context.close()
    assert found == {}, "\n".join(f"{name}: {line}" for name, lines in found.items() for line in lines)


TARGETS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('a, button, summary, select, input:not([type=hidden]), label.chip, label.check')) {
    if (el.matches('label.chip input, label.check input')) continue;  // the label around it is the target
    const style = getComputedStyle(el);
    if (style.display === 'inline' && !el.matches('.button')) continue;  // a link inside a sentence
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || style.visibility === 'hidden') continue;
    if (r.height < 43.5 || r.width < 43.5) out.push(`${el.outerHTML.slice(0, 90)} ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  return out;
}"""

HEADINGS = "() => Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => Number(h.tagName[1]))"

RING = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [.2126, .7152, .0722][i], 0);
  const el = document.activeElement;
  const style = getComputedStyle(el);
  let bg = el.parentElement;
  // The nearest opaque background (a translucent one lets its parent's show through).
  while (bg && rgb(getComputedStyle(bg).backgroundColor).length === 4) bg = bg.parentElement;
  const back = rgb(bg ? getComputedStyle(bg).backgroundColor : 'rgb(255,255,255)');
  const ring = rgb(style.outlineColor);
  const [a, b] = [lum(ring), lum(back)].sort((x, y) => y - x);
  return {el: el.outerHTML.slice(0, 80), width: parseFloat(style.outlineWidth) || 0,
          style: style.outlineStyle, ratio: (a + .05) / (b + .05)};
}"""


def test_phone_tap_targets_headings_and_draft_languages(live: LiveServer, browser: Any, smtp: SmtpServer) -> None:
    from tests.web.conftest import GEMEENTE, store_example

    pages = pages_to_check(live)
    dutch = store_example(live.app, GEMEENTE)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    small: dict[str, list[str]] = {}
    for name, path, action in [*pages, ("dutch-interview", f"/interviews/{dutch}", None)]:
        page.goto(live.url + path)
        if action:
            page.locator(action).first.click()
            page.wait_for_load_state()
        if found := page.evaluate(TARGETS):
            small[name] = found
        levels = page.evaluate(HEADINGS)
        assert levels[0] == 1 and all(b <= a + 1 for a, b in pairwise(levels)), (name, levels)
    assert small == {}, "\n".join(f"{k}: {v}" for k, vs in small.items() for v in vs)
    # Every draft's editor says which language it is in (the Dutch interview's, in the English UI).
    page.goto(f"{live.url}/interviews/{dutch}")
    langs = page.locator("form.draft textarea.body").evaluate_all("els => els.map(e => e.lang)")
    assert langs and set(langs) == {"nl"}
    subject = page.locator("form.draft input.subject").first.get_attribute("lang")
    assert subject == "nl"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "interview-nl-draft-375.png"))
    context.close()


def test_the_sticky_bar_never_hides_the_field_in_focus(live: LiveServer, browser: Any) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live.url + "/capture")
    page.locator("#f-company").focus()
    button = page.locator(".actions.sticky button[type=submit]")
    hidden: list[str] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => { const r = document.activeElement.getBoundingClientRect();"
                                " return [document.activeElement.id || document.activeElement.className, r.top, r.bottom]; }")
        bar = button.bounding_box()
        assert bar is not None
        if focused[0] not in ("", "page-capture") and "primary" not in str(focused[0]) and focused[2] > bar["y"] + 1:
            hidden.append(f"{focused[0]}: bottom {focused[2]:.0f} > bar {bar['y']:.0f}")
    page.screenshot(path=str(SCREENSHOTS / "capture-focus-375.png"))
    context.close()
    assert hidden == []


def test_focus_rings_stand_out_three_to_one(live: LiveServer, browser: Any) -> None:
    interview_id = store_with_drafts(live.app)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    weak: list[str] = []
    for path in ("/", f"/interviews/{interview_id}", "/capture"):
        page.goto(live.url + path)
        for _ in range(25):
            page.keyboard.press("Tab")
            ring = page.evaluate(RING)
            if ring["el"].startswith("<body"):  # past the last control
                continue
            if ring["style"] == "none" or ring["width"] < 2 or ring["ratio"] < 3:
                weak.append(f"{path} {ring['el']}: {ring['style']} {ring['width']}px {ring['ratio']:.2f}:1")
    context.close()
    assert weak == [], "\n".join(weak)


def test_after_a_refused_capture_the_first_marked_field_has_focus(live: LiveServer, browser: Any) -> None:
    context = browser.new_context(viewport=PHONE, extra_http_headers={"accept-language": "nl-NL,nl;q=0.9"})
    page = context.new_page()
    page.goto(live.url + "/capture")
    page.fill("#f-role", "Data Lead")
    page.fill("#f-contacts-0-name", "Anneke")
    page.fill("#f-contacts-0-email", "not an address")
    page.locator(".actions.sticky button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "f-company"
    assert page.locator("#f-company").get_attribute("aria-invalid") == "true"
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_conflict_and_a_failed_request_pass_axe(live: LiveServer, browser: Any, language: str) -> None:
    interview_id = store_with_drafts(live.app)
    service = backend(live.app).service
    context = browser.new_context(viewport=PHONE, bypass_csp=True,
                                  extra_http_headers={"accept-language": LANGUAGES[language]})
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    version = service.touchpoint(interview_id, "tom", "x").version
    service.save_draft(interview_id, "tom", "x", None, "Saved in another tab. Sam", version)
    card = page.locator("#card-tom--x")
    card.locator("textarea").fill("Typed in this tab. Sam")
    card.locator("button[type=submit]").click()
    expect(page.locator("#card-tom--x .alert.conflict")).to_be_visible()
    working = live.app.state["backend"]
    live.app.state["backend"] = object()  # the next request fails with a 500
    try:
        other = page.locator("#card-maria--email")
        other.locator("button[type=submit]").click()
        expect(other.locator(".request-problem")).to_be_visible()
        assert violations(page) == []
    finally:
        live.app.state["backend"] = working
    context.close()
