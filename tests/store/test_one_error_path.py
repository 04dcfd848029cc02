"""`import` is one transaction, and a database error (the outbox's included) is one line without SQL or text.

The failure is the database's own: a trigger makes the drafts' INSERT fail the way a full disk does
(PostgreSQL: SQLSTATE 53100 disk_full), and a read-only SQLite file refuses the outbox's INSERT.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from afterword.service.interviews import open_service
from tests.conftest import EXAMPLES, Result

NOTES = EXAMPLES / "northwind-panel.toml"


def _fail_drafts(db_url: str) -> None:
    """From now on, storing a draft fails inside the database."""
    import sqlalchemy as sa

    from afterword.store.engine import normalise_url

    engine = sa.create_engine(normalise_url(db_url))
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("CREATE TRIGGER disk_full BEFORE INSERT ON touchpoints "
                                 "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
        else:
            conn.exec_driver_sql("CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                 "RAISE EXCEPTION 'could not extend file: No space left on device' "
                                 "USING ERRCODE = 'disk_full'; END $$")
            conn.exec_driver_sql("CREATE TRIGGER disk_full BEFORE INSERT ON touchpoints "
                                 "FOR EACH ROW EXECUTE FUNCTION disk_full()")
    engine.dispose()


def test_import_stores_the_interview_and_its_drafts_or_nothing(
    db_url: str, run_cli: Callable[..., Result]
) -> None:
    open_service(db_url).close()  # create and migrate
    _fail_drafts(db_url)
    result = run_cli("--db", db_url, "import", str(NOTES))
    assert result.code == 2, result.err
    assert result.err.count("\n") == 1 and result.err.startswith("afterword: error:")
    assert "INSERT" not in result.err and "Grace" not in result.err
    listed = run_cli("--db", db_url, "list", "--json")
    assert json.loads(listed.out)["interviews"] == [], "the interview was stored without its drafts"


def test_import_reports_what_it_drafted(db_url: str, run_cli: Callable[..., Result]) -> None:
    first = run_cli("--db", db_url, "import", str(NOTES), "--json")
    assert first.code == 0, first.err
    stored = json.loads(first.out)
    assert stored["replaced"] is False and stored["drafted"] > 0
    again = json.loads(run_cli("--db", db_url, "import", str(NOTES), "--replace", "--json").out)
    assert again == {"id": stored["id"], "replaced": True, "drafted": 0}
    shown = json.loads(run_cli("--db", db_url, "show", str(stored["id"]), "--json").out)
    assert len(shown["touchpoints"]) == stored["drafted"]


def test_read_only_database_refuses_the_outbox_in_one_line_without_the_email(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AFTERWORD_HOME", str(tmp_path))
    (tmp_path / "config.toml").write_text('[smtp]\nhost = "127.0.0.1"\nport = 2525\nsecurity = "none"\n'
                                         'from = "Priya Raman <priya.raman@example.org>"\n')
    ident = run_cli("import", str(NOTES)).out.split()[0]
    service = open_service(None)
    try:
        tp = service.touchpoint(int(ident), "grace", "email")
        body = "Dear Grace,\n\nA body that must never be printed: Zanzibar-7781.\n\nPriya\n"
        service.save_draft(int(ident), "grace", "email", "Intake before the first visit", body, tp.version)
    finally:
        service.close()
    (tmp_path / "afterword.db").chmod(0o444)
    result = run_cli("send", ident, "--contact", "grace", "--force")
    assert result.code == 2, result.err
    assert result.err.count("\n") == 1
    assert "read" in result.err.lower() and "afterword.db" in result.err
    assert "Zanzibar" not in result.err and "INSERT" not in result.err and "[SQL" not in result.err
