"""Phone first (issue 11, point 7): at 375 px the first screen of an interview shows the most urgent draft, its
text and not only its name, with or without email set up, and a done draft gives its place to the next."""

from __future__ import annotations

from typing import Any

import pytest

from tests.delivery.conftest import cert_dir, smtp_server  # noqa: F401 - fixtures
from tests.delivery.servers import SmtpServer
from tests.web.conftest import backend, store_with_drafts
from tests.web.test_browser import PHONE, LiveServer, browser_type_launch_args, live  # noqa: F401 - fixtures
from tests.web.test_sending import smtp  # noqa: F401 - fixture

pytestmark = pytest.mark.browser
#: The draft's text must start this far above the fold: two lines of it at least.
LINES = 50

FIRST = """() => {
  const card = document.querySelector('.card');
  const text = card.querySelector('textarea.body');
  return {id: card.id, done: card.classList.contains('is-done'), top: text.getBoundingClientRect().top,
          fold: window.innerHeight};
}"""


def first_screen(live: LiveServer, browser: Any, interview_id: int, locale: str) -> dict[str, Any]:  # noqa: F811
    context = browser.new_context(viewport=PHONE, locale=locale, extra_http_headers={"accept-language": locale})
    page = context.new_page()
    page.goto(f"{live.url}/interviews/{interview_id}")
    found: dict[str, Any] = page.evaluate(FIRST)
    context.close()
    return found


@pytest.mark.parametrize("locale", ["en-GB", "nl-NL"])
def test_the_first_phone_screen_shows_the_most_urgent_draft(live: LiveServer, browser: Any,  # noqa: F811
                                                            locale: str) -> None:
    interview_id = store_with_drafts(live.app)
    shown = first_screen(live, browser, interview_id, locale)  # email not set up: a notice on top
    assert shown["id"] == "card-maria--email" and not shown["done"]
    assert shown["top"] + LINES < shown["fold"], shown


def test_with_email_set_up_and_the_first_draft_done_the_next_comes_first(
        live: LiveServer, browser: Any, smtp: SmtpServer) -> None:  # noqa: F811
    interview_id = store_with_drafts(live.app)
    backend(live.app).service.set_status(interview_id, "maria", "email", "sent")
    shown = first_screen(live, browser, interview_id, "en-GB")  # "Send all" and its schedule on top
    assert shown["id"] == "card-maria--linkedin" and not shown["done"]
    assert shown["top"] + LINES < shown["fold"], shown
