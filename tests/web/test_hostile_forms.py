"""Every form route and query string, given hostile values, answers 4xx (or a page that says what is wrong)
in the UI's language, never 500 (issue 15, point 3). The forms and their fields are read from the pages
themselves, so a form added later is covered too."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.web.conftest import BASE_URL, csrf, store_with_drafts

HOSTILE = ["", " ", "\x00", "x" * 20_000, "<script>alert(1)</script>", "9999-12-31T23:59", "0001-01-01T00:00",
           "-1", "99999999999999999999999", "1e309", "NaN", "\r\nBcc: x@evil.example", "💥" * 2000, "{{ x }}%(x)s",
           "\\ud800", "../../etc/passwd", "[[[[[[[[[[", "Europe/Nowhere"]
#: English phrases of Afterword's own refusals: on a Dutch page none of them may show.
ENGLISH = ["could not be understood", "Something went wrong", "Not allowed", "Not found", "is not a valid",
           "expected", "must be", "is required", "too large", "Try again"]


def _forms(html: str) -> list[tuple[str, list[str]]]:
    forms = []
    for match in re.finditer(r"<form\b([^>]*)>(.*?)</form>", html, re.S):
        attrs, body = match.groups()
        method = re.search(r'method="(\w+)"', attrs)
        action = re.search(r'(?:action|hx-post)="([^"]+)"', attrs)
        if method is None or method.group(1).lower() != "post" or action is None:
            continue
        names = sorted(set(re.findall(r'name="([^"]+)"', body)) - {"_csrf_token"})
        forms.append((unescape(action.group(1)), names))
    for match in re.finditer(r'hx-post="([^"]+)"', html):  # buttons that post on their own
        forms.append((unescape(match.group(1)), []))
    return forms


def _pages(app: Litestar) -> list[str]:
    ident = store_with_drafts(app)
    return ["/", "/capture", "/upload", f"/interviews/{ident}", f"/interviews/{ident}/edit",
            f"/interviews/{ident}/delete"]


def _assert_answer(response: Any, language: str, what: str) -> None:
    assert response.status_code < 500, f"{what}: HTTP {response.status_code}"
    assert "Traceback" not in response.text, what
    if language == "nl" and 400 <= response.status_code < 500 and "text/html" in response.headers.get(
            "content-type", ""):
        text = re.sub(r"<[^>]+>", " ", response.text)
        text = re.sub(r"<script.*?</script>|<textarea.*?</textarea>", " ", text, flags=re.S)
        shown = [phrase for phrase in ENGLISH if phrase in text]
        assert not shown, f"{what}: English on a Dutch page: {shown}"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_hostile_values_in_every_form(app: Litestar, language: str) -> None:
    with TestClient(app, base_url=BASE_URL) as client:
        client.cookies.set("afterword_lang", language)
        client.get("/")
        pages = _pages(app)
        forms = {(action, tuple(names)) for page in pages for action, names in _forms(client.get(page).text)}
        assert len({action for action, _ in forms}) >= 8, sorted(forms)  # the page reading still finds the forms
        for action, names in sorted(forms):
            for value in HOSTILE:
                data = dict.fromkeys(names, value) | {"_csrf_token": csrf(client)}
                response = client.post(action, data=data, follow_redirects=False,
                                       headers={"x-csrftoken": csrf(client)})
                _assert_answer(response, language, f"POST {action} with {value[:20]!r}")
            for name in names:  # one field missing, one given twice
                data = {n: "1" for n in names if n != name} | {"_csrf_token": csrf(client)}
                _assert_answer(client.post(action, data=data, follow_redirects=False), language,
                               f"POST {action} without {name}")
                twice: dict[str, Any] = dict.fromkeys(names, "1") | {name: ["1", "<x>"], "_csrf_token": csrf(client)}
                _assert_answer(client.post(action, data=twice, follow_redirects=False), language,
                               f"POST {action} with {name} twice")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_hostile_paths_and_query_strings(app: Litestar, language: str) -> None:
    ident = store_with_drafts(app)
    with TestClient(app, base_url=BASE_URL) as client:
        client.cookies.set("afterword_lang", language)
        client.get("/")
        for path in ["/?page=-1&per_page=1e309", "/?lang=%00", f"/interviews/{ident}?tab=%ff%fe",
                     "/interviews/99999999999999999999999", "/interviews/-1", f"/interviews/{ident}/edit?x=<y>",
                     "/rules/%00", "/rules/" + "x" * 5000, f"/interviews/{ident}/notes.toml?format=../../x",
                     "/calendar.ics?from=9999-12-31", f"/interviews/{ident}/reminders.ics?x=%ZZ", "/upload?x=%",
                     "/capture?start=0001-01-01T00:00&timezone=Europe/Nowhere"]:
            _assert_answer(client.get(path), language, f"GET {path}")
        for path in [f"/interviews/{ident}/cards/%00/email/check", f"/interviews/{ident}/cards/x/fax",
                     f"/interviews/{ident}/cards/{'x' * 3000}/email/status", f"/interviews/{ident}/outbox/0",
                     "/interviews/99999999999999999999/send-all"]:
            response = client.post(path, data={"_csrf_token": csrf(client), "status": "\x00", "body": "x"},
                                   follow_redirects=False, headers={"x-csrftoken": csrf(client)})
            _assert_answer(response, language, f"POST {path}")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_hostile_uploads(app: Litestar, language: str) -> None:
    with TestClient(app, base_url=BASE_URL) as client:
        client.cookies.set("afterword_lang", language)
        client.get("/")
        for name, content in [("n.toml", b"\xff\xfe\x00garbage"), ("n.toml", b"[" * 5000),
                              ("../../etc/passwd", b"format = 1\n"), ("n.toml", b"format = 1\n" * 20_000),
                              ("n.ics", b"BEGIN:VCALENDAR\r\nRRULE:FREQ=DAILY;INTERVAL=0\r\n"), ("", b""),
                              ("n.toml", b'format = 1\n[interview]\nstart = 9999-12-31T23:59:59-23:59\n')]:
            response = client.post("/upload", files={"notes": (name, content, "application/toml")},
                                   data={"_csrf_token": csrf(client)}, follow_redirects=False)
            _assert_answer(response, language, f"upload {name!r}")
