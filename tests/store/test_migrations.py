"""Migrating an empty database to head, on SQLite and PostgreSQL, and the refusals around it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from afterword.core.errors import StoreError
from afterword.core.notes import load_notes
from afterword.store.db import open_store
from afterword.store.migrate import scripts
from tests.conftest import Result, example_files


def _tables(url: str) -> set[str]:
    store = open_store(url)
    try:
        return set(sa.inspect(store.engine).get_table_names())
    finally:
        store.close()


def test_empty_database_migrates_to_head(db_url: str) -> None:
    tables = _tables(db_url)
    assert {"interviews", "contacts", "items", "touchpoints", "touchpoint_events", "alembic_version"} <= tables
    store = open_store(db_url)  # a second open finds it at head and changes nothing
    try:
        with store.engine.connect() as conn:
            current = {r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}
    finally:
        store.close()
    assert current == set(scripts().get_heads())
    assert "0001_initial" in {rev.revision for rev in scripts().walk_revisions()}


def test_sqlite_pragmas(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert int(conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 5000
    finally:
        store.close()


def test_afterword_home_and_default_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         run_cli: Callable[..., Result]) -> None:
    monkeypatch.setenv("AFTERWORD_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("AFTERWORD_DB", raising=False)
    result = run_cli("import", str(example_files()[0]))
    assert result.code == 0, result.err
    assert (tmp_path / "home" / "afterword.db").is_file()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _prepared_file(tmp_path: Path, run_cli: Callable[..., Result]) -> Path:
    path = tmp_path / "afterword.db"
    assert run_cli("--db", f"sqlite:///{path}", "import", str(example_files()[0])).code == 0
    return path


def test_newer_revision_is_refused_and_untouched(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    path = _prepared_file(tmp_path, run_cli)
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    engine.dispose()
    before = _digest(path)
    for args in (["list"], ["import", str(example_files()[-1])]):
        result = run_cli("--db", f"sqlite:///{path}", *args)
        assert result.code == 2
        assert "9999_from_the_future" in result.err and "newer" in result.err
        assert len(result.err.strip().splitlines()) == 1
        assert "Traceback" not in result.err
    assert _digest(path) == before
    with pytest.raises(StoreError, match="upgrade Afterword"):
        open_store(f"sqlite:///{path}")


def test_read_only_file_reads_but_refuses_writes(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    path = _prepared_file(tmp_path, run_cli)
    path.chmod(0o444)
    before = _digest(path)
    listed = run_cli("--db", f"sqlite:///{path}", "list", "--json")
    assert listed.code == 0 and '"id": 1' in listed.out
    result = run_cli("--db", f"sqlite:///{path}", "import", str(example_files()[-1]))
    assert result.code == 2
    assert "read-only" in result.err and str(path) in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert _digest(path) == before
    path.chmod(0o644)
    assert run_cli("--db", f"sqlite:///{path}", "list", "--json").out.count('"id"') == 1


def test_unsupported_url_is_one_clear_line(run_cli: Callable[..., Result]) -> None:
    result = run_cli("--db", "mysql://x@localhost/db", "list")
    assert result.code == 2
    assert "unsupported database" in result.err


def test_quick_head_check_agrees_with_alembic() -> None:
    from afterword.store.migrate import quick_heads

    assert quick_heads() == set(scripts().get_heads())


_BATCH_MIGRATION = '''"""Test only: rebuild the interviews table the way SQLite batch mode does."""
import sqlalchemy as sa
from alembic import op

revision = "9000_batch_test"
down_revision = {heads!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("interviews", recreate="always") as batch:
        batch.add_column(sa.Column("note", sa.Text()))


def downgrade() -> None:
    pass
'''


def test_a_batch_migration_keeps_child_rows(sqlite_url: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from afterword.service.interviews import open_service
    from afterword.store import migrate

    service = open_service(sqlite_url)
    interview_id = service.import_interview(load_notes(example_files()[0]))
    service.close()
    copy = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, copy)
    heads = tuple(scripts().get_heads())
    (copy / "versions" / "9000_batch_test.py").write_text(
        _BATCH_MIGRATION.format(heads=heads[0] if len(heads) == 1 else heads), encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS", copy)
    service = open_service(sqlite_url)  # migrates to 9000_batch_test: interviews is copied and dropped
    try:
        interview, _ = service.get_interview(interview_id)
        assert interview == load_notes(example_files()[0])
        with service.store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert "note" in {c["name"] for c in sa.inspect(conn).get_columns("interviews")}
    finally:
        service.close()


def test_default_database_lives_in_the_user_data_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from afterword.store.engine import default_url, normalise_url

    monkeypatch.delenv("AFTERWORD_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_url() == f"sqlite:///{tmp_path / 'xdg' / 'afterword' / 'afterword.db'}"
    monkeypatch.setenv("AFTERWORD_HOME", str(tmp_path / "home"))
    assert default_url() == f"sqlite:///{tmp_path / 'home' / 'afterword.db'}"
    assert normalise_url("postgresql://u:p@localhost/db").drivername == "postgresql+psycopg"
    assert normalise_url(str(tmp_path / "plain.db")).database == str(tmp_path / "plain.db")


def test_not_a_database_and_unreachable_server(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("this is not a database\n" * 100, encoding="utf-8")
    before = _digest(junk)
    result = run_cli("--db", str(junk), "list")
    assert result.code == 2
    assert "not a database" in result.err and str(junk) in result.err
    assert _digest(junk) == before
    down = run_cli("--db", "postgresql://someone:secret@127.0.0.1:1/nothing", "list")
    assert down.code == 2 and "cannot open the database" in down.err
    assert "secret" not in down.err
    folder = run_cli("--db", str(tmp_path), "list")
    assert folder.code == 2 and "is a directory" in folder.err
