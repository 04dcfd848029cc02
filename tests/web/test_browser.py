"""Browser tests: headless Debian Chromium driving the real server (capture, edit, mark sent, XSS)."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from afterword.core.notes import parse_notes
from afterword.web.app import create_app
from tests.web.conftest import ACME, NOW, backend, store_with_drafts

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
PHONE = {"width": 375, "height": 812}

expect.set_options(timeout=15_000)  # generous for a loaded CI machine; a passing check returns at once

if not CHROMIUM.exists():  # pragma: no cover - CI installs it; say so loudly rather than skip silently
    raise RuntimeError("browser tests need Debian's chromium at /usr/bin/chromium (apt install chromium)")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"],
    }


class LiveServer:
    """The real app under uvicorn in a thread, on a free loopback port (or `port`, to restart it there)."""

    def __init__(self, db_url: str, port: int = 0, csrf_secret: str | None = None) -> None:
        import uvicorn

        self.app = create_app(db_url, now=lambda: NOW, csrf_secret=csrf_secret)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart takes the same port
        self.sock.bind(("127.0.0.1", port))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning", access_log=False))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture
def live(db_url: str) -> Iterator[LiveServer]:
    with LiveServer(db_url) as server:
        yield server


def test_capture_an_interview_end_to_end_on_a_phone(live: LiveServer, browser: Any) -> None:
    context = browser.new_context(viewport=PHONE, locale="en-GB", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    page.goto(f"{live.url}/capture")
    assert page.locator("#f-timezone").input_value() == "Europe/Amsterdam"  # the browser's zone
    page.fill("#f-company", "Northwind Freight")
    page.fill("#f-role", "Data Lead")
    page.fill("#f-start", "2026-11-27T10:00")
    page.fill("#f-end", "11:00")
    page.fill("#f-theme", "Fewer empty kilometres")
    page.fill("#f-contacts-0-name", "Anneke van der Meer")
    page.fill("#f-contacts-0-email", "anneke@northwind.example")
    page.click("button.add-row[data-table=contacts]")
    person = page.locator("#contacts-rows > .row").nth(1)
    person.locator(".person-name").fill("Zoë Okafor")
    person.locator("input[type=email]").fill("zoe@northwind.example")
    page.fill("#f-needs-0-text", "Trucks drive back empty a third of the time")
    needs_picker = page.locator('[data-name="needs-0-raised_by"]')
    needs_picker.get_by_text("Anneke van der Meer").click()
    needs_picker.get_by_text("Zoë Okafor").click()
    page.fill("#f-strengths-0-text", "Built a route matcher that cut empty runs by 18 percent")
    page.locator('[data-name="strengths-0-answers"]').get_by_text("Trucks drive back empty").click()
    page.fill("#f-questions-0-text", "Which lanes hurt most today?")
    page.locator('[data-name="questions-0-for"]').get_by_text("Zoë Okafor").click()
    page.fill("#f-candidate_name", "Sam Jansen")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "capture-375.png"), full_page=True)
    page.get_by_role("button", name="Save and draft follow-ups").click()
    page.wait_for_url(re.compile(r"/interviews/\d+$"))
    assert page.locator("h1").inner_text().startswith("Northwind Freight")
    assert page.locator("#card-anneke--email").is_visible()
    assert page.locator("#card-zoe--email").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "interview-375.png"), full_page=False)
    interview_id = int(page.url.rsplit("/", 1)[1])
    interview, _ = backend(live.app).service.get_interview(interview_id)
    assert interview.needs[0].raised_by == ("anneke", "zoe")
    assert interview.questions[0].for_ == ("zoe",)
    assert interview.strengths[0].answers == (interview.needs[0].id,)
    # The form on a phone does not scroll sideways.
    page.goto(f"{live.url}/capture")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_a_finding_appears_and_disappears_while_typing(live: LiveServer, page: Any) -> None:
    interview_id = store_with_drafts(live.app)
    page.goto(f"{live.url}/interviews/{interview_id}")
    body = page.locator("#body-maria--email")
    findings = page.locator("#findings-maria--email")
    placeholder = findings.locator('[data-code="placeholder"]')
    assert placeholder.count() == 0
    original = body.input_value()
    body.fill(original.replace("Hi Maria", "Hi [Name]"))
    placeholder.wait_for(state="visible", timeout=15000)
    body.fill(original)
    placeholder.wait_for(state="detached", timeout=15000)
    # The LinkedIn counter follows the text.
    note = page.locator("#body-maria--linkedin")
    note.fill("x" * 201)
    counter = page.locator('.counter[data-for="body-maria--linkedin"]')
    assert counter.locator(".count").inner_text() == "201"
    assert "over" in (counter.get_attribute("class") or "")


def test_mark_sent_and_see_the_dashboard_change(live: LiveServer, page: Any) -> None:
    interview_id = store_with_drafts(live.app)
    page.goto(live.url + "/")
    assert page.locator('.owed-row[data-contact="tom"]').count() == 1
    page.goto(f"{live.url}/interviews/{interview_id}")
    page.locator("#card-tom--email").get_by_role("button", name="Mark sent").click()
    page.locator('#card-tom--email[data-status="sent"]').wait_for(timeout=15000)
    page.goto(live.url + "/")
    assert page.locator('.owed-row[data-contact="tom"]').count() == 0
    assert page.locator('.owed-row[data-contact="maria"]').count() >= 1
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SCREENSHOTS / "dashboard-375.png"), full_page=True)


def test_script_in_notes_shows_as_text_and_never_runs(live: LiveServer, page: Any) -> None:
    text = ACME.read_text(encoding="utf-8")
    text = text.replace('theme = "Real-time shipment visibility for the EU expansion"',
                        'theme = "<script>alert(\'theme\')</script>"')
    text = text.replace('name = "Tom Okafor"', 'name = "Tom <img src=x onerror=alert(\'name\')>"')
    text = text.replace('text = "Cloud warehouse costs doubled last year"',
                        'text = "<svg onload=alert(\'need\')></svg> costs doubled"')
    interview_id = backend(live.app).add(parse_notes(text), NOW)
    dialogs: list[str] = []
    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(f"{live.url}/interviews/{interview_id}")
    page.locator("details.notes-view summary").click()
    assert page.get_by_text("<script>alert('theme')</script>").first.is_visible()
    assert page.locator("#card-tom--email h3").inner_text() == "Tom <img src=x onerror=alert('name')>"
    assert page.get_by_text("<svg onload=alert('need')></svg> costs doubled").first.is_visible()
    assert page.locator("svg").count() == 0
    page.goto(live.url + "/")
    assert page.get_by_text("Tom <img src=x onerror=alert('name')>").first.is_visible()
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.locator("img[src=x]").count() == 0


def test_dutch_ui_with_dutch_countdowns(live: LiveServer, browser: Any) -> None:
    store_with_drafts(live.app)
    context = browser.new_context(locale="nl-NL", extra_http_headers={"accept-language": "nl-NL,nl;q=0.9"})
    page = context.new_page()
    page.goto(live.url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == "Nog te versturen"
    countdown = page.locator("time.countdown").first.inner_text()
    assert re.fullmatch(r"nog (\d+ d )?\d+ u \d+ min", countdown), countdown
    page.get_by_role("button", name="EN").click()
    expect(page.locator("h1")).to_have_text("Still owed")
    assert page.locator("time.countdown").first.inner_text().endswith("left")
    context.close()


def test_copy_puts_the_message_on_the_clipboard(live: LiveServer, browser: Any) -> None:
    interview_id = store_with_drafts(live.app)
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live.url)
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    card = page.locator("#card-tom--x")
    card.locator("textarea").fill("Hi Tom, great talk about dbt tests. Sam")
    card.get_by_role("button", name="Copy").click()
    # The clipboard write is asynchronous: wait for the label to change rather than look once.
    expect(card.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == "Hi Tom, great talk about dbt tests. Sam"
    context.close()
