"""HTTP tests of the pages: dashboard, interview page, 404s, language, escaping, download."""

from __future__ import annotations

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from afterword.core.notes import load_notes, parse_notes
from afterword.web.app import create_app
from tests.web.conftest import ACME, GEMEENTE, NOW, backend, form_post, store_example


def test_empty_dashboard_invites_a_capture(client: TestClient[Litestar]) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert "Nothing owed right now." in r.text
    assert 'href="/capture"' in r.text


def test_dashboard_lists_what_is_owed_most_urgent_first(app: Litestar, client: TestClient[Litestar]) -> None:
    store_example(app, ACME)
    store_example(app, GEMEENTE)
    r = client.get("/")
    assert r.status_code == 200
    # Gemeente (26 November) is overdue; Acme (27 November) still has time: Gemeente comes first.
    assert r.text.index("Gemeente Utrecht") < r.text.index("Acme Logistics")
    assert "overdue" in r.text
    assert "21 h 30 min left" in r.text  # Acme: deadline 28 Nov 15:30, now 27 Nov 18:00
    assert 'class="countdown' in r.text and 'datetime="2026-11-28T15:30:00+01:00"' in r.text


def test_interview_page_has_one_card_per_person_and_channel(app: Litestar, client: TestClient[Litestar]) -> None:
    interview_id = store_example(app, ACME)
    r = client.get(f"/interviews/{interview_id}")
    assert r.status_code == 200
    interview = load_notes(ACME)
    expected = [f"{c.id}--{ch.value}" for c in interview.contacts for ch in c.channels]
    for key in expected:
        assert f'id="card-{key}"' in r.text
    assert r.text.count('class="card ') == len(expected)
    assert 'href="https://www.linkedin.com/in/maria-de-vries"' in r.text
    assert 'href="https://x.com/tomokafor"' in r.text
    assert "/ 200 characters" in r.text and "/ 280 characters" in r.text


def test_unknown_interview_is_a_404_page_without_a_trace(client: TestClient[Litestar]) -> None:
    for path in ("/interviews/999", "/interviews/999/notes.toml", "/no/such/page"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "Not found" in r.text
        assert "Traceback" not in r.text and "File \"" not in r.text
        assert r.headers["content-security-policy"].startswith("default-src 'self'")


def test_unknown_card_is_404(app: Litestar, client: TestClient[Litestar]) -> None:
    interview_id = store_example(app, ACME)
    r = form_post(client, f"/interviews/{interview_id}/cards/nobody/email", {"body": "x", "version": "1"})
    assert r.status_code == 404
    r = form_post(client, f"/interviews/{interview_id}/cards/maria/fax", {"body": "x", "version": "1"})
    assert r.status_code == 404
    r = form_post(client, f"/interviews/{interview_id}/cards/tom/linkedin", {"body": "x", "version": "1"})
    assert r.status_code == 404  # Tom has no LinkedIn address


def test_security_headers_on_every_response(client: TestClient[Litestar]) -> None:
    for path in ("/", "/capture", "/static/app.css", "/missing"):
        r = client.get(path)
        assert "script-src 'self'" in r.headers["content-security-policy"], path
        assert "unsafe-inline" not in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert "camera=()" in r.headers["permissions-policy"]
        assert r.headers["referrer-policy"] == "same-origin"


def test_pages_with_notes_or_drafts_are_never_cached(app: Litestar, client: TestClient[Litestar]) -> None:
    interview_id = store_example(app, ACME)
    for path in ("/", "/capture", "/upload", f"/interviews/{interview_id}", f"/interviews/{interview_id}/notes.toml",
                 "/missing"):
        assert client.get(path).headers["cache-control"] == "no-store", path
    r = form_post(client, f"/interviews/{interview_id}/cards/maria/linkedin/check", {"body": "Hi", "version": "1"})
    assert r.headers["cache-control"] == "no-store"
    assert "no-store" not in client.get("/static/app.css").headers.get("cache-control", "")


def test_dutch_from_accept_language_and_the_switch(app: Litestar, client: TestClient[Litestar]) -> None:
    interview_id = store_example(app, ACME)
    r = client.get("/", headers={"accept-language": "nl-BE,nl;q=0.9,en;q=0.5"})
    assert '<html lang="nl">' in r.text
    assert "Nog te versturen" in r.text
    assert "nog 21 u 30 min" in r.text
    r = client.get("/", headers={"accept-language": "de-DE,en;q=0.8"})
    assert '<html lang="en">' in r.text
    r = form_post(client, "/language", {"lang": "nl", "next": f"/interviews/{interview_id}"})
    assert r.status_code == 303 and r.headers["location"] == f"/interviews/{interview_id}"
    r = client.get(f"/interviews/{interview_id}", headers={"accept-language": "en"})
    assert "Markeer als verstuurd" in r.text
    assert "zaterdag 28 november 2026 om 15:30" in r.text  # the deadline, in Dutch
    r = form_post(client, "/language", {"lang": "en", "next": "//evil.example/"})
    assert r.headers["location"] == "/"  # never an open redirect
    assert "Mark sent" in client.get(f"/interviews/{interview_id}").text


def test_notes_text_is_escaped_everywhere(app: Litestar, client: TestClient[Litestar]) -> None:
    text = ACME.read_text(encoding="utf-8")
    text = text.replace('theme = "Real-time shipment visibility for the EU expansion"',
                        'theme = "<script>alert(1)</script>"')
    text = text.replace('name = "Tom Okafor"', 'name = "Tom <img src=x onerror=alert(2)>"')
    interview_id = backend(app).add(parse_notes(text), NOW)
    for path in ("/", f"/interviews/{interview_id}"):
        r = client.get(path)
        assert "<script>alert" not in r.text and "<img src=x" not in r.text, path
        assert "&lt;img src=x onerror=alert(2)&gt;" in r.text, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(f"/interviews/{interview_id}").text


def test_download_gives_the_notes_back(app: Litestar, client: TestClient[Litestar]) -> None:
    interview_id = store_example(app, ACME)
    r = client.get(f"/interviews/{interview_id}/notes.toml")
    assert r.status_code == 200
    assert r.headers["content-disposition"] == 'attachment; filename="acme-logistics-2026-11-27.toml"'
    assert parse_notes(r.content) == load_notes(ACME)


def test_htmx_is_vendored_2_0(client: TestClient[Litestar]) -> None:
    r = client.get("/static/htmx.min.js")
    assert r.status_code == 200
    assert 'version:"2.0.' in r.text
    assert '<script src="/static/htmx.min.js"' in client.get("/").text


def test_an_interview_imported_without_drafts_gets_them_on_its_page(
    app: Litestar, client: TestClient[Litestar]
) -> None:
    service = backend(app).service
    interview_id = service.import_interview(load_notes(GEMEENTE), at=NOW)  # as `afterword import` does
    assert service.get_interview(interview_id)[1] == ()
    r = client.get(f"/interviews/{interview_id}")
    assert r.status_code == 200
    assert 'id="card-henk--email"' in r.text and 'id="card-lisa--linkedin"' in r.text
    assert len(service.get_interview(interview_id)[1]) == 2


def test_an_unexpected_error_is_a_plain_500_page(app: Litestar, client: TestClient[Litestar],
                                                 caplog: pytest.LogCaptureFixture) -> None:
    app.state["backend"] = object()  # every handler now fails with an AttributeError
    r = client.get("/")
    assert r.status_code == 500
    assert "Something went wrong" in r.text
    assert "AttributeError" not in r.text and "Traceback" not in r.text and "backend" not in r.text
    assert "content-security-policy" in r.headers
    assert any("internal error while serving GET /" in m for m in caplog.messages)  # the details go to the log


def test_profile_links_can_only_be_web_pages() -> None:
    from afterword.core.model import Channel, Contact
    from afterword.service.views import open_url

    sneaky = Contact("x", "X", linkedin="javascript:alert(1).example", x="@ok_handle", email="a@b.example")
    assert open_url(sneaky, Channel.LINKEDIN) == "https://javascript:alert(1).example"
    assert open_url(sneaky, Channel.X) == "https://x.com/ok_handle"
    assert open_url(sneaky, Channel.EMAIL, "Hi & bye", "Line 1\nLine 2") == (
        "mailto:a@b.example?subject=Hi%20%26%20bye&body=Line%201%0ALine%202")
    assert open_url(Contact("y", "Y"), Channel.LINKEDIN) is None


def test_create_app_is_reachable_from_the_package() -> None:
    import afterword.web

    assert afterword.web.create_app is create_app
