"""Where the database is, and an engine with the SQLite settings that make concurrent use safe.

SQLite: WAL, foreign keys on, a busy timeout, and `BEGIN IMMEDIATE` for write transactions
(pysqlite's own transaction handling is switched off, as the SQLAlchemy docs describe), so a CLI
command and the web server writing at the same time wait for each other instead of failing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from afterword.core.errors import StoreError
from afterword.store.peek import default_db_path

BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "afterword_write"


def default_url() -> str:
    """`$AFTERWORD_HOME/afterword.db`, else the user's data directory (platformdirs)."""
    return f"sqlite:///{default_db_path()}"


def normalise_url(url: str | None) -> URL:
    """Accept `sqlite:///…`, `postgresql://…` (psycopg 3) or a plain file path."""
    text = (url or "").strip() or default_url()
    if "://" not in text:
        text = f"sqlite:///{Path(text).expanduser().resolve()}"
    try:
        parsed = make_url(text)
    except ArgumentError:
        raise StoreError(f"`{text}` is not a database URL; expected sqlite:///PATH or postgresql://…",
                         key="--db") from None
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if parsed.drivername != "sqlite":
            return parsed.set(drivername="sqlite")
        return parsed
    raise StoreError(f"unsupported database `{backend}`; use sqlite:///PATH or postgresql://…", key="--db")


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL; None for PostgreSQL or an in-memory database."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def is_read_only(path: Path) -> bool:
    """A file without write permission counts as read-only, also for root (who could write anyway)."""
    if not path.exists():
        return False
    mode = path.stat().st_mode
    return not (mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) or not os.access(path, os.W_OK)


def prepare_sqlite_file(path: Path) -> bool:
    """Check the file and create its folder; returns True when it must be opened read-only."""
    if path.is_dir():
        raise StoreError("is a directory, not a database file", file=str(path))
    if is_read_only(path):
        return True
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the database folder ({exc.strerror})", file=str(path.parent)) from None
    if not path.exists() and not os.access(path.parent, os.W_OK):
        raise StoreError("cannot create the database file: the folder is read-only", file=str(path))
    return False


def make_engine(url: URL, *, read_only: bool = False) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys, busy timeout and BEGIN IMMEDIATE for writes."""
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    path = sqlite_path(url)
    if read_only and path is not None:
        engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    else:
        engine = create_engine(url)
    _sqlite_hooks(engine, read_only=read_only)
    return engine


def _sqlite_hooks(engine: Engine, *, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
