"""Bring the schema to head on first use (Alembic, driven from code; no alembic.ini)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from afterword.core.errors import StoreError
from afterword.core.text import Text
from afterword.store.engine import WRITE_OPTION
from afterword.store.quick import quick_heads as _quick_heads

if TYPE_CHECKING:
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_PG_LOCK_KEY = 0x4166_7465_7277  # pg_advisory_xact_lock key: "Afterw"


def scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS))


def current_revisions(conn: Connection) -> tuple[str, ...]:
    from alembic.runtime.migration import MigrationContext

    return tuple(MigrationContext.configure(conn).get_current_heads())


def _check_known(current: tuple[str, ...], script: ScriptDirectory, where: str) -> None:
    for revision in current:
        try:
            known = script.get_revision(revision)
        except Exception:
            known = None
        if known is None:
            heads = ", ".join(script.get_heads())
            raise StoreError(Text(
                f"the database is at schema revision {revision}, newer than this version of Afterword "
                f"knows (latest {heads}); upgrade Afterword to use it. Nothing was changed",
                f"de database heeft schemaversie {revision}, nieuwer dan deze versie van Afterword kent "
                f"(laatste {heads}); werk Afterword bij om haar te gebruiken. Er is niets veranderd"),
                file=where,
            )


def quick_heads() -> set[str] | None:
    """The head revisions read straight from the version files of MIGRATIONS (see `quick.quick_heads`)."""
    return _quick_heads(MIGRATIONS)


def _at_quick_head(engine: Engine) -> bool:
    heads = quick_heads()
    if heads is None:
        return False
    try:
        with engine.connect() as conn:
            current = {row[0] for row in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}
    except DBAPIError:
        return False
    return current == heads


def ensure_head(engine: Engine, *, read_only: bool, where: str) -> None:
    """Migrate to head unless already there; refuse a newer or read-only database with a StoreError."""
    if _at_quick_head(engine):
        return
    script = scripts()
    heads = set(script.get_heads())
    with engine.connect() as conn:
        current = current_revisions(conn)
    _check_known(current, script, where)
    if set(current) == heads:
        return
    if read_only:
        raise StoreError(Text("the database file is read-only and its schema needs an upgrade; "
                              "make it writable. Nothing was changed",
                              "het databasebestand is alleen-lezen en het schema moet worden bijgewerkt; "
                              "maak het schrijfbaar. Er is niets veranderd"), file=where)
    with engine.connect() as conn:
        conn.execution_options(**{WRITE_OPTION: True})
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations copy and drop tables; with foreign keys on, dropping a parent table would
            # cascade-delete its children. The pragma only works outside a transaction, so set it first.
            _raw_pragma(conn, "PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                if not sqlite:
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})")
                current = current_revisions(conn)  # another process may have migrated meanwhile
                _check_known(current, script, where)
                if set(current) != heads:
                    if sqlite and current:
                        backup_before_migration(conn, current)
                    _upgrade(conn)
                    conn.exec_driver_sql("ANALYZE")  # the query planner's statistics, for the new schema
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise StoreError(Text("a migration left rows that break a foreign key; nothing was changed",
                                          "een migratie liet rijen achter die een verwijzing breken; "
                                          "er is niets veranderd"), file=where)
        finally:
            if sqlite:
                _raw_pragma(conn, "PRAGMA foreign_keys = ON")


def backup_before_migration(conn: Connection, current: tuple[str, ...]) -> None:
    """A backup of a SQLite file about to be migrated, in the Afterword folder's `backups/` (0600); the
    newest few per database file are kept. Taken while the migration holds the write lock but has not
    written yet, through a second connection (SQLite refuses to back up from the connection that holds
    it), so it is exactly the data the migration starts from."""
    import sqlite3

    from afterword.store.backup import KEEP_AUTOMATIC, automatic_path, copy_sqlite, prune
    from afterword.store.engine import sqlite_path

    path = sqlite_path(conn.engine.url)
    if path is None:
        return
    kind = "before-migration"
    reader = sqlite3.connect(path, timeout=30)
    try:
        copy_sqlite(reader, automatic_path(path.stem, kind))
    finally:
        reader.close()
    prune(path.stem, kind, KEEP_AUTOMATIC)


def known_revisions() -> frozenset[str]:
    """Every schema revision this version of Afterword can read (and migrate to head)."""
    return frozenset(rev.revision for rev in scripts().walk_revisions())


def _raw_pragma(conn: Connection, statement: str) -> None:
    """Run a pragma on the DBAPI connection, outside any transaction."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        cursor.execute(statement)
    finally:
        cursor.close()


def _upgrade(conn: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    command.upgrade(config, "heads")
