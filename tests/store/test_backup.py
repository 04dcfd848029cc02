"""`afterword backup` / `restore` (issue 15, point 6): everything, online, private, all or nothing; and the
automatic backup before a SQLite migration."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from afterword.core.model import Channel, TouchpointStatus
from afterword.core.notes import load_notes
from afterword.service.interviews import open_service
from afterword.store.backup import KEEP_AUTOMATIC, backups_folder
from afterword.store.db import open_store
from tests.conftest import EXAMPLES, Result, example_files
from tests.store.migration_tools import current, engine_for, migrate_to, snapshot

NOTES = EXAMPLES / "northwind-panel.toml"
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _fill(url: str) -> None:
    """An interview with drafts, a changed status, an outbox message that was replied to, a social action."""
    service = open_service(url)
    try:
        interview = load_notes(NOTES)
        ident, _, _ = service.import_with_drafts(interview, at=NOW)
        contact = interview.contacts[0].id
        service.set_status(ident, contact, Channel.EMAIL, TouchpointStatus.SENT, NOW)
    finally:
        service.close()
    engine = engine_for(url)
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO outbox (message_id, interview_id, contact, kind, sender, recipients, subject, body, "
            "send_at, state, attempts, created_at, updated_at, sent_at, replied_at, reply_message_id) VALUES "
            "('<m1@afterword>', :i, :c, 'follow-up', 'me@example.org', '[]', 'Hoi — ü', 'Body 😀', :t, 'sent', 1,"
            " :t, :t, :t, :t, '<reply@example.org>')"), {"i": ident, "c": contact, "t": NOW.replace(tzinfo=None)})
        conn.execute(sa.text("INSERT INTO social_done (interview_id, contact, channel, personalised, done_at) "
                             "VALUES (:i, :c, 'linkedin', true, :t)"),
                     {"i": ident, "c": contact, "t": NOW.replace(tzinfo=None)})
    engine.dispose()


def _change(url: str) -> None:
    service = open_service(url)
    try:
        service.import_with_drafts(load_notes(example_files()[-1]), at=NOW)
        engine = engine_for(url)
        with engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM outbox")
            conn.exec_driver_sql("UPDATE touchpoints SET body = 'changed after the backup'")
        engine.dispose()
    finally:
        service.close()


def _tables(url: str) -> dict[str, list[dict[str, object]]]:
    engine = engine_for(url)
    try:
        return snapshot(engine)
    finally:
        engine.dispose()


def test_backup_and_restore_bring_back_everything(db_url: str, tmp_path: Path,
                                                  run_cli: Callable[..., Result]) -> None:
    _fill(db_url)
    before = _tables(db_url)
    assert all(before[name] for name in ("interviews", "contacts", "items", "touchpoints", "touchpoint_events",
                                         "outbox", "social_done"))
    target = tmp_path / "saved.backup"
    made = run_cli("--db", db_url, "backup", str(target))
    assert made.code == 0, made.err
    assert made.out.strip() == str(target) and _mode(target) == 0o600
    _change(db_url)
    assert _tables(db_url) != before
    restored = run_cli("--db", db_url, "restore", str(target))
    assert restored.code == 0, restored.err
    assert "restored 1 interview" in restored.out
    assert _tables(db_url) == before
    kept = list(backups_folder().glob("*-before-restore-*"))
    assert len(kept) == 1 and _mode(kept[0]) == 0o600 and _mode(backups_folder()) == 0o700


def test_default_backup_goes_to_the_backups_folder(sqlite_url: str, run_cli: Callable[..., Result]) -> None:
    _fill(sqlite_url)
    made = run_cli("--db", sqlite_url, "backup", "--json")
    assert made.code == 0, made.err
    import json

    answer = json.loads(made.out)
    path = Path(answer["backup"])
    assert path.parent == backups_folder() and answer["interviews"] == 1 and answer["kind"] == "sqlite"
    assert not path.with_name(path.name + "-wal").exists()  # one self-contained file
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT count(*) FROM outbox WHERE replied_at IS NOT NULL").fetchone()[0] == 1


def test_backup_is_online_and_consistent(sqlite_url: str, tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    """A writer in the middle of a transaction: the backup has what was committed, and does not wait for it."""
    _fill(sqlite_url)
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE interviews SET company = 'half-written'")
    try:
        made = run_cli("--db", sqlite_url, "backup", str(tmp_path / "b.db"))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert made.code == 0, made.err
    with sqlite3.connect(tmp_path / "b.db") as conn:
        assert conn.execute("SELECT company FROM interviews").fetchone()[0] != "half-written"


def test_backup_refuses_to_overwrite_the_database_itself(sqlite_url: str, run_cli: Callable[..., Result]) -> None:
    _fill(sqlite_url)
    before = _tables(sqlite_url)
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    for target in (path, path.with_name(path.name + "-wal")):
        result = run_cli("--db", sqlite_url, "backup", str(target))
        assert result.code == 2 and "is the database itself" in result.err
    assert _tables(sqlite_url) == before


def _other_sqlite(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
    return path


@pytest.mark.parametrize("kind", ["text", "folder", "truncated", "other-sqlite", "newer", "missing"])
def test_restore_refuses_what_is_not_an_afterword_backup(kind: str, sqlite_url: str, tmp_path: Path,
                                                         run_cli: Callable[..., Result]) -> None:
    _fill(sqlite_url)
    good = tmp_path / "good.db"
    assert run_cli("--db", sqlite_url, "backup", str(good)).code == 0
    bad = tmp_path / "bad.db"
    if kind == "text":
        bad.write_text("interview notes, not a database\n", encoding="utf-8")
    elif kind == "folder":
        bad.mkdir()
    elif kind == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif kind == "other-sqlite":
        _other_sqlite(bad)
    elif kind == "newer":
        bad.write_bytes(good.read_bytes())
        with sqlite3.connect(bad) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = _tables(sqlite_url)
    result = run_cli("--db", sqlite_url, "restore", str(bad))
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err
    assert str(bad) in lines[0]
    if kind != "missing":
        assert "nothing was restored" in lines[0].lower()
    if kind in ("text", "folder", "truncated", "other-sqlite"):
        assert "is not an Afterword backup" in lines[0]
    if kind == "newer":
        assert "9999_from_the_future" in lines[0] and "newer" in lines[0]
    assert _tables(sqlite_url) == before
    assert not list(backups_folder().glob("*-before-restore-*"))


def test_restore_under_a_running_server_keeps_its_file(sqlite_url: str, tmp_path: Path,
                                                       run_cli: Callable[..., Result]) -> None:
    """The restore writes into the live file: a server that has it open reads the restored data and may go
    on writing (its inode guard does not fire), and no -wal of the old data is left to replay."""
    _fill(sqlite_url)
    assert run_cli("--db", sqlite_url, "backup", str(tmp_path / "b.db")).code == 0
    server = open_service(sqlite_url)
    try:
        server.import_with_drafts(load_notes(example_files()[-1]), at=NOW)
        assert server.count_interviews() == 2
        assert run_cli("--db", sqlite_url, "restore", str(tmp_path / "b.db")).code == 0
        assert server.count_interviews() == 1
        server.import_with_drafts(load_notes(example_files()[-1]), at=NOW)  # still writes, to the same file
    finally:
        server.close()
    again = open_service(sqlite_url)
    try:
        assert again.count_interviews() == 2
    finally:
        again.close()


def test_restoring_an_older_backup_migrates_it(sqlite_url: str, tmp_path: Path,
                                               run_cli: Callable[..., Result]) -> None:
    old = tmp_path / "old.db"
    engine = engine_for(f"sqlite:///{old}")
    migrate_to(engine, "0003_outbox_one_active")
    engine.dispose()
    assert run_cli("--db", sqlite_url, "import", str(NOTES)).code == 0
    result = run_cli("--db", sqlite_url, "restore", str(old))
    assert result.code == 0, result.err
    live = engine_for(sqlite_url)
    try:
        assert current(live) == _head()
    finally:
        live.dispose()


def _head() -> str:
    from afterword.store.migrate import scripts

    heads = scripts().get_heads()
    assert len(heads) == 1
    return str(heads[0])


def test_a_migration_is_preceded_by_a_backup(sqlite_url: str) -> None:
    """An older SQLite file migrated on opening: first a private backup of it in the Afterword folder;
    only the newest few are kept."""
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    engine = engine_for(sqlite_url)
    migrate_to(engine, "0003_outbox_one_active")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO interviews (owner, identity, candidate_name, company, role, start_utc, start_offset, "
            "deadline_utc, owed, open, created_at, updated_at) VALUES ('local', 'x', 'Ann', 'Acme', 'Dev', "
            "'2026-01-01 10:00:00', 0, '2026-01-02 10:00:00', 0, 1, '2026-01-01 10:00:00', '2026-01-01 10:00:00')")
    engine.dispose()
    folder = backups_folder()
    for n in range(KEEP_AUTOMATIC + 2):  # older automatic backups of this database
        (folder / f"{path.stem}-before-migration-2020010{n}T000000000000Z.db").write_bytes(b"old")
    store = open_store(sqlite_url)
    store.close()
    kept = sorted(folder.glob(f"{path.stem}-before-migration-*"))
    assert len(kept) == KEEP_AUTOMATIC
    newest = kept[-1]
    assert not newest.name.startswith(f"{path.stem}-before-migration-2020") and _mode(newest) == 0o600
    with sqlite3.connect(newest) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0003_outbox_one_active"
        assert conn.execute("SELECT company FROM interviews").fetchone()[0] == "Acme"
    store = open_store(sqlite_url)  # at head: no further backup
    store.close()
    assert sorted(folder.glob(f"{path.stem}-before-migration-*")) == kept


def test_a_new_database_is_not_backed_up(sqlite_url: str) -> None:
    open_store(sqlite_url).close()
    assert not list(backups_folder().glob("*"))


@pytest.mark.postgres
def test_postgresql_restore_refuses_a_sqlite_file(pg_url: str, tmp_path: Path,
                                                  run_cli: Callable[..., Result]) -> None:
    _fill(pg_url)
    sqlite_backup = tmp_path / "s.db"
    assert run_cli("--db", f"sqlite:///{tmp_path / 'x.db'}", "backup", str(sqlite_backup)).code == 0
    before = _tables(pg_url)
    for bad in (sqlite_backup, tmp_path / "text.dump"):
        if not bad.exists():
            bad.write_text("PGDMP but not really", encoding="utf-8")
        result = run_cli("--db", pg_url, "restore", str(bad))
        assert result.code == 2 and "is not an Afterword backup" in result.err, result.err
        assert len(result.err.strip().splitlines()) == 1
    assert _tables(pg_url) == before
