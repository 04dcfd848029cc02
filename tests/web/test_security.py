"""HTTP tests of the defences: Host allow-list, CSRF, upload limits and validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from afterword.web.app import create_app
from tests.web.conftest import ACME, BASE_URL, NOW, backend, csrf, form_post


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "localhost", "LOCALHOST."])
def test_loopback_hosts_are_served(client: TestClient[Litestar], host: str) -> None:
    assert client.get("/", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1.evil.example", "[::2]:8765", ""])
def test_other_hosts_are_refused_against_dns_rebinding(client: TestClient[Litestar], host: str) -> None:
    r = client.get("/", headers={"host": host})
    assert r.status_code == 400
    assert "not served by Afterword" in r.text
    assert "Owed" not in r.text


def test_configured_host_is_allowed(db_url: str) -> None:
    app = create_app(db_url, now=lambda: NOW, allowed_hosts=["afterword.lan"])
    with TestClient(app, base_url="http://afterword.lan:8765") as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"host": "other.lan"}).status_code == 400


def test_state_changes_need_the_csrf_token(app: Litestar, client: TestClient[Litestar]) -> None:
    data = {"candidate_name": "Sam", "company": "Acme", "role": "Eng", "start": "2026-11-27T14:00",
            "timezone": "Europe/Amsterdam"}
    r = client.post("/capture", data=data, follow_redirects=False)
    assert r.status_code == 403
    r = client.post("/capture", data={**data, "_csrf_token": "forged"}, follow_redirects=False)
    assert r.status_code == 403
    assert "Traceback" not in r.text
    assert backend(app).service.list_interviews(NOW) == []
    r = client.post("/capture", data=data, headers={"x-csrftoken": csrf(client)}, follow_redirects=False)
    assert r.status_code == 303


def test_htmx_requests_send_the_token_header(client: TestClient[Litestar]) -> None:
    html = client.get("/").text
    assert f'hx-headers=\'{{"x-csrftoken": "{csrf(client)}"}}\'' in html


def test_csrf_cookie_is_strict_and_http_only(app: Litestar) -> None:
    with TestClient(app, base_url=BASE_URL) as c:
        r = c.get("/")
        cookie = r.headers["set-cookie"].lower()
        assert "afterword_csrf=" in cookie and "samesite=strict" in cookie and "httponly" in cookie


CAPTURE = {"candidate_name": "Sam", "company": "Acme", "role": "Eng", "start": "2026-11-27T14:00",
           "timezone": "Europe/Amsterdam"}


@pytest.mark.parametrize("headers", [
    {"origin": "http://127.0.0.1:9999"},  # another program on another port
    {"origin": "http://evil.example"},
    {"origin": "null"},
    {"sec-fetch-site": "same-site", "origin": "http://127.0.0.1:8765"},
    {"sec-fetch-site": "cross-site"},
])
def test_state_changes_from_another_origin_are_refused(app: Litestar, client: TestClient[Litestar],
                                                       headers: dict[str, str]) -> None:
    r = form_post(client, "/capture", CAPTURE, headers=headers)
    assert r.status_code == 403
    assert "came from another site" in r.text
    assert backend(app).service.list_interviews(NOW) == []


@pytest.mark.parametrize("headers", [
    {"origin": "http://127.0.0.1:8765", "sec-fetch-site": "same-origin"},
    {"origin": "http://127.0.0.1:8765"},
    {},  # a client that sends neither (curl, a test client) still needs the token
])
def test_state_changes_from_our_own_pages_pass(app: Litestar, client: TestClient[Litestar],
                                               headers: dict[str, str]) -> None:
    assert form_post(client, "/capture", CAPTURE, headers=headers).status_code == 303


def test_a_token_signed_with_an_old_key_is_replaced_on_the_next_page(db_url: str) -> None:
    old = create_app(db_url, now=lambda: NOW, csrf_secret="the key before the restart")
    new = create_app(db_url, now=lambda: NOW, csrf_secret="the key after the restart")
    with TestClient(old, base_url=BASE_URL) as c:
        c.get("/")
        stale = csrf(c)
    with TestClient(new, base_url=BASE_URL) as c:
        c.cookies.set("afterword_csrf", stale)
        r = c.post("/capture", data={**CAPTURE, "_csrf_token": stale}, follow_redirects=False)
        assert r.status_code == 403
        renewed = r.headers["x-csrftoken"]  # the refusal carries a fresh token for the page to retry with
        assert renewed != stale and f"afterword_csrf={renewed}" in r.headers["set-cookie"]
        assert f'value="{renewed}"' in r.text
        r = c.post("/capture", data={**CAPTURE, "_csrf_token": renewed}, follow_redirects=False)
        assert r.status_code == 303
        c.cookies.clear()
        c.cookies.set("afterword_csrf", stale)
        r = c.get("/capture")  # a page load replaces the dead cookie
        fresh = r.cookies["afterword_csrf"]
        assert fresh != stale and f'value="{fresh}"' in r.text
        c.cookies.clear()
        c.cookies.set("afterword_csrf", fresh)
        assert form_post(c, "/capture", {**CAPTURE, "company": "Beta"}).status_code == 303


def test_the_key_is_kept_in_the_data_folder_0600(mail_home: Path, db_url: str) -> None:
    import stat

    first = create_app(db_url, now=lambda: NOW)
    key = mail_home / "web-secret"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    with TestClient(first, base_url=BASE_URL) as c:
        c.get("/")
        token = csrf(c)
    second = create_app(db_url, now=lambda: NOW)  # `afterword serve` again
    with TestClient(second, base_url=BASE_URL) as c:
        c.cookies.set("afterword_csrf", token)
        r = c.post("/capture", data={**CAPTURE, "_csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303


def test_a_read_only_data_folder_still_gives_a_key(tmp_path: Path) -> None:
    from afterword.service.settings import web_secret

    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert len(web_secret(folder)) >= 32
    finally:
        folder.chmod(0o700)
    (folder / "web-secret").write_text("short\n")  # damaged: replaced by a good one
    fixed = web_secret(folder)
    assert len(fixed) >= 32 and web_secret(folder) == fixed


def _upload(client: TestClient[Litestar], content: bytes, name: str = "notes.toml",
            extra: dict[str, str] | None = None) -> object:
    return client.post("/upload", files={"notes": (name, content, "application/toml")},
                       data={"_csrf_token": csrf(client), **(extra or {})}, follow_redirects=False)


def test_upload_stores_and_redirects(app: Litestar, client: TestClient[Litestar]) -> None:
    r = _upload(client, ACME.read_bytes(), "acme.toml")
    assert r.status_code == 303  # type: ignore[attr-defined]
    assert r.headers["location"].startswith("/interviews/")  # type: ignore[attr-defined]
    assert [s.company for s in backend(app).service.list_interviews(NOW)] == ["Acme Logistics"]


def test_upload_twice_says_so_and_offers_replace(app: Litestar, client: TestClient[Litestar]) -> None:
    _upload(client, ACME.read_bytes())
    r = _upload(client, ACME.read_bytes())
    assert r.status_code == 409  # type: ignore[attr-defined]
    assert "already stored" in r.text and 'name="replace"' in r.text  # type: ignore[attr-defined]
    r = _upload(client, ACME.read_bytes(), extra={"replace": "1"})
    assert r.status_code == 303  # type: ignore[attr-defined]
    assert len(backend(app).service.list_interviews(NOW)) == 1


def test_non_toml_upload_shows_the_parser_message(app: Litestar, client: TestClient[Litestar]) -> None:
    r = _upload(client, b"<html>this is not toml</html>", "page.html")
    assert r.status_code == 422  # type: ignore[attr-defined]
    assert "page.html:1: not valid TOML" in r.text  # type: ignore[attr-defined]
    assert "Nothing was stored." in r.text  # type: ignore[attr-defined]
    r = _upload(client, b"\x89PNG\r\n\x1a\n\x00\x00binary", "photo.png")
    assert "is a binary file" in r.text  # type: ignore[attr-defined]
    r = _upload(client, ACME.read_bytes().replace(b"raised_by", b"raised-by"))
    assert "unknown key" in r.text and "raised-by" in r.text  # type: ignore[attr-defined]
    assert backend(app).service.list_interviews(NOW) == []


def test_a_notes_file_over_1_mb_is_a_clear_413(app: Litestar, client: TestClient[Litestar]) -> None:
    r = _upload(client, ACME.read_bytes() + b"\n# " + b"x" * 1_100_000)
    assert r.status_code == 413  # type: ignore[attr-defined]
    assert "at most 1 MB" in r.text  # type: ignore[attr-defined]
    assert backend(app).service.list_interviews(NOW) == []


def test_a_50_mb_upload_is_rejected_cleanly(app: Litestar, client: TestClient[Litestar], tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as f:
        f.write(b"format = 1\n# ")
        f.write(b"x" * (50 * 1024 * 1024))
    with big.open("rb") as f:
        r = client.post("/upload", files={"notes": ("big.toml", f, "application/toml")},
                        data={"_csrf_token": csrf(client)}, follow_redirects=False)
    assert r.status_code == 413
    assert "File too large" in r.text and "Traceback" not in r.text
    assert backend(app).service.list_interviews(NOW) == []


def test_upload_without_a_file(client: TestClient[Litestar]) -> None:
    r = form_post(client, "/upload", {"replace": "0"})
    assert r.status_code == 400
    assert "Choose a notes file first." in r.text


def test_pages_have_no_inline_script_or_handlers(app: Litestar, client: TestClient[Litestar]) -> None:
    """The CSP forbids inline script; the pages must not need any (else they would break silently)."""
    import re

    from tests.web.conftest import store_with_drafts

    interview_id = store_with_drafts(app)
    for path in ("/", "/capture", "/upload", f"/interviews/{interview_id}", "/missing"):
        html = client.get(path).text
        assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", html) == [], path
        assert re.findall(r"\son[a-z]+\s*=", html) == [], path
        assert "hx-on" not in html and "javascript:" not in html, path
        assert '"allowEval": false' in html, path


def test_upload_errors_speak_dutch_in_the_dutch_ui(app: Litestar, client: TestClient[Litestar]) -> None:
    client.cookies.set("afterword_lang", "nl")
    r = _upload(client, b"<html>this is not toml</html>", "pagina.html")
    assert r.status_code == 422  # type: ignore[attr-defined]
    assert "pagina.html:1: geen geldige TOML" in r.text  # type: ignore[attr-defined]
    r = _upload(client, ACME.read_bytes().replace(b"raised_by", b"raised-by"))
    assert "onbekende sleutel (bedoel je `raised_by`?)" in r.text  # type: ignore[attr-defined]
    assert "unknown key" not in r.text  # type: ignore[attr-defined]
    r = _upload(client, "naam = 'Zoë'".encode("latin-1"), "oud.toml")
    assert "geen UTF-8-tekst" in r.text  # type: ignore[attr-defined]
    assert backend(app).service.list_interviews(NOW) == []
    assert _upload(client, ACME.read_bytes()).status_code == 303  # type: ignore[attr-defined]
    r = _upload(client, ACME.read_bytes())
    assert r.status_code == 409  # type: ignore[attr-defined]
    assert "is al opgeslagen" in r.text and "Vervang het opgeslagen gesprek" in r.text  # type: ignore[attr-defined]
    assert "already stored" not in r.text and "--replace" not in r.text  # type: ignore[attr-defined]


def test_hostile_uploads_are_422_in_the_ui_language_not_500(app: Litestar, client: TestClient[Litestar]) -> None:
    head = ACME.read_bytes()
    deep = head + b"\n[extra]\nx = " + b"{a = " * 450 + b"1" + b"}" * 450 + b"\n"
    far = head.replace(b"start = 2026-", b"start = 9999-", 1)
    assert far != head
    for data, en, nl in ((deep, "nested too deeply", "te diep genest"),
                         (far, "between the years 1900 and 2999", "tussen de jaren 1900 en 2999")):
        client.cookies.set("afterword_lang", "en")
        r = _upload(client, data)
        assert r.status_code == 422 and en in r.text  # type: ignore[attr-defined]
        client.cookies.set("afterword_lang", "nl")
        r = _upload(client, data)
        assert r.status_code == 422 and nl in r.text  # type: ignore[attr-defined]
    assert backend(app).service.list_interviews(NOW) == []
