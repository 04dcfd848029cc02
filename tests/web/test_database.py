"""The web UI over a database it cannot write or does not understand: a clear message, nothing changed."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from litestar.testing import TestClient

from afterword.core.notes import load_notes
from afterword.service.interviews import open_service
from afterword.web.app import create_app
from tests.conftest import Result
from tests.web.conftest import BASE_URL, GEMEENTE, NOW, card_version, store_with_drafts


def test_read_only_database_shows_pages_and_refuses_changes_clearly(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    url = f"sqlite:///{path}"
    writable = create_app(url, now=lambda: NOW)
    interview_id = store_with_drafts(writable)
    undrafted = writable.state["backend"].service.import_interview(load_notes(GEMEENTE), at=NOW)
    writable.state["backend"].close()
    for leftover in tmp_path.glob("ro.db-*"):
        leftover.unlink()
    path.chmod(0o444)
    try:
        app = create_app(url, now=lambda: NOW)
        with TestClient(app, base_url=BASE_URL) as client:
            assert client.get("/").status_code == 200
            page = client.get(f"/interviews/{interview_id}")
            assert page.status_code == 200
            assert client.get(f"/interviews/{undrafted}").status_code == 200  # nothing to draft into, still a page
            version = card_version(page.text, "maria--email")
            r = client.post(f"/interviews/{interview_id}/cards/maria/email",
                            data={"subject": "S", "body": "changed", "version": str(version)},
                            headers={"x-csrftoken": client.cookies["afterword_csrf"]}, follow_redirects=False)
            assert r.status_code == 503
            assert "read-only" in r.text and "Nothing was changed" in r.text
            assert "Traceback" not in r.text
            client.cookies.set("afterword_lang", "nl")
            r = client.post(f"/interviews/{interview_id}/cards/maria/email",
                            data={"subject": "S", "body": "changed", "version": str(version)},
                            headers={"x-csrftoken": client.cookies["afterword_csrf"]}, follow_redirects=False)
            assert r.status_code == 503
            assert "alleen-lezen" in r.text and "Er is niets veranderd" in r.text and "read-only" not in r.text
        app.state["backend"].close()
    finally:
        path.chmod(0o644)
    service = open_service(url)
    assert service.touchpoint(interview_id, "maria", "email").body != "changed"
    service.close()


def test_a_database_from_a_newer_version_stops_serve_with_one_line(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "future.db"
    open_service(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = path.read_bytes()
    result = run_cli("serve", "--no-browser", "--port", "0", "--db", f"sqlite:///{path}")
    assert result.code == 2
    assert "newer than this version of Afterword" in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert path.read_bytes() == before


def test_a_database_file_deleted_under_the_server_stops_its_writes_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "served.db"
    app = create_app(f"sqlite:///{path}", now=lambda: NOW)
    interview_id = store_with_drafts(app)
    with TestClient(app, base_url=BASE_URL) as client:
        page = client.get(f"/interviews/{interview_id}")
        version = card_version(page.text, "maria--email")
        for name in ("served.db", "served.db-wal", "served.db-shm"):
            (tmp_path / name).unlink(missing_ok=True)
        r = client.post(f"/interviews/{interview_id}/cards/maria/email",
                        data={"subject": "S", "body": "changed", "version": str(version)},
                        headers={"x-csrftoken": client.cookies["afterword_csrf"]}, follow_redirects=False)
        assert r.status_code == 503
        assert "deleted or replaced while Afterword was running" in r.text and "nothing was written" in r.text
    app.state["backend"].close()
    assert not path.exists()  # nothing was written into a new file by the same name either
