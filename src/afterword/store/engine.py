"""Where the database is, and an engine with the SQLite settings that make concurrent use safe.

SQLite: WAL, foreign keys on, a busy timeout, and `BEGIN IMMEDIATE` for write transactions
(pysqlite's own transaction handling is switched off, as the SQLAlchemy docs describe), so a CLI
command and the web server writing at the same time wait for each other instead of failing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from afterword.core.errors import StoreError
from afterword.core.text import Text
from afterword.store.peek import default_db_path
from afterword.store.quick import PRIVATE_DIR, PRIVATE_FILE, is_read_only
from afterword.store.quick import narrow as _narrow

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


def prepare_sqlite_file(path: Path) -> bool:
    """Check the file and create its folder; returns True when it must be opened read-only.

    A folder Afterword creates is 0700 and a new database file 0600 (SQLite gives its -wal and -shm
    files the database file's mode). In the default data folder, which is Afterword's own, an older
    0755 folder and 0644 files are narrowed too; a folder the user chose with --db is left as it is.
    """
    if path.is_dir():
        raise StoreError("is a directory, not a database file", file=str(path))
    if is_read_only(path):
        return True
    try:
        if not path.parent.exists():
            path.parent.mkdir(parents=True, mode=PRIVATE_DIR)
            path.parent.chmod(PRIVATE_DIR)  # mkdir's mode goes through the umask
    except OSError as exc:
        raise StoreError(f"cannot create the database folder ({exc.strerror})", file=str(path.parent)) from None
    if not path.exists() and not os.access(path.parent, os.W_OK):
        raise StoreError("cannot create the database file: the folder is read-only", file=str(path))
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))  # empty: a valid new database
    except FileExistsError:
        pass
    except OSError as exc:
        raise StoreError(f"cannot create the database file ({exc.strerror})", file=str(path)) from None
    if path.parent == default_db_path().parent:
        _narrow(path)
    return False


def file_identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def make_engine(url: URL, *, read_only: bool = False) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys, busy timeout and BEGIN IMMEDIATE for writes."""
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    path = sqlite_path(url)
    if read_only and path is not None:
        engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    else:
        engine = create_engine(url)
    _sqlite_hooks(engine, read_only=read_only, path=path)
    return engine


def _sqlite_hooks(engine: Engine, *, read_only: bool, path: Path | None = None) -> None:
    # The file this engine opened. Deleted or replaced under a running server, SQLite would go on
    # writing to the old, unlinked file and everything written would vanish with the process.
    opened = file_identity(path) if path is not None else None

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
            # NORMAL keeps every commit through a crash of the process; the outbox's DATA mark alone
            # is committed with FULL (see store.outbox._durable), the one commit a power cut must not lose.
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        if write and path is not None and opened is not None and file_identity(path) != opened:
            raise StoreError(Text(
                "the database file was deleted or replaced while Afterword was running; nothing was written. "
                "Stop Afterword (and `afterword serve`), put the file back or start again to use the new one",
                "het databasebestand is verwijderd of vervangen terwijl Afterword draaide; er is niets geschreven. "
                "Stop Afterword (en `afterword serve`), zet het bestand terug of start opnieuw om het nieuwe te "
                "gebruiken"), file=str(path))
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
