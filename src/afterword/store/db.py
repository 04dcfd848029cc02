"""`open_store`: resolve the URL, check the file, migrate to head, and hand out transactions."""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from afterword.core.errors import InputError, StoreError
from afterword.core.text import Text
from afterword.store.engine import WRITE_OPTION, make_engine, normalise_url, prepare_sqlite_file, sqlite_path
from afterword.store.failures import database_errors, first_line
from afterword.store.migrate import ensure_head, known_revisions
from afterword.store.peek import LOCAL_OWNER as LOCAL_OWNER
from afterword.store.peek import TABLE
from afterword.store.repo import Repo


@dataclass(frozen=True)
class Backup:
    """A backup written or restored: its file, kind (sqlite, postgresql), schema revision, interviews."""

    path: Path
    kind: str
    revision: str
    interviews: int


_UNSEEN = itertools.count(1)


class Store:
    """One database for one owner. Use `read()` and `write()` as context managers (one transaction each)."""

    def __init__(self, engine: Engine, url: URL, *, owner: str, read_only: bool,
                 writes: list[int] | None = None) -> None:
        self.engine = engine
        self.url = url
        self.owner = owner
        self.read_only = read_only
        self._writes = writes if writes is not None else [0]  # shared with `for_owner` stores (one pool)
        self._watch: sqlite3.Connection | None = None  # see data_version
        self._watch_lock = threading.Lock()

    @property
    def where(self) -> str:
        """The file (SQLite) or the URL without password, for messages."""
        path = sqlite_path(self.url)
        return str(path) if path is not None else self.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def for_owner(self, owner: str) -> Store:
        """The same database seen by another owner (team mode)."""
        return Store(self.engine, self.url, owner=owner, read_only=self.read_only, writes=self._writes)

    @contextmanager
    def read(self) -> Iterator[Repo]:
        """A read transaction (SQLite: deferred BEGIN, so readers never wait in WAL mode)."""
        with self._errors(), self.engine.connect() as conn, conn.begin():
            yield Repo(conn, self.owner)

    @contextmanager
    def write(self) -> Iterator[Repo]:
        """A write transaction (SQLite: BEGIN IMMEDIATE); everything or nothing is stored."""
        if self.read_only:
            raise StoreError(Text(
                "the database file is read-only; make it writable or use --db. Nothing was changed",
                "het databasebestand is alleen-lezen; maak het schrijfbaar of gebruik --db. Er is niets veranderd"),
                file=self.where)
        with self._errors(), self.engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                yield Repo(conn, self.owner)
        self._writes[0] += 1

    @contextmanager
    def errors(self) -> Iterator[None]:
        """The one path from a database error to a StoreError (one line, no SQL, no parameters)."""
        with self._errors():
            yield

    @contextmanager
    def _errors(self) -> Iterator[None]:
        with database_errors(self.where):
            yield

    def data_version(self) -> int | str:
        """A value that changes whenever anything was committed to the database since it was last asked,
        by this process or any other; an equal value means nothing changed (for caches of what is read:
        ask before reading, so a commit in between shows as a change next time).

        SQLite: `PRAGMA data_version` on a connection of its own that never writes (so every commit is
        another connection's). PostgreSQL: the current snapshot (oldest running transaction, next id, the
        ones in progress), which moves when any writing transaction starts or ends. Both cost microseconds;
        both change more often than needed (any write), never less."""
        with self._errors():
            if self.dialect != "sqlite":
                with self.engine.connect() as conn:
                    return str(conn.exec_driver_sql("SELECT txid_current_snapshot()::text").scalar_one())
            path = sqlite_path(self.url)
            if path is None:  # in memory: no second connection sees it, so every answer is new
                return -next(_UNSEEN)
            with self._watch_lock:
                try:
                    if self._watch is None:
                        self._watch = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                                      check_same_thread=False, isolation_level=None)
                    return int(self._watch.execute("PRAGMA data_version").fetchone()[0])
                except sqlite3.Error:
                    return -next(_UNSEEN)  # cannot tell: treat as changed (the reads report the problem)

    def backup(self, target: Path | None = None) -> Backup:
        """Back up the whole database (SQLite: backup API, online; PostgreSQL: pg_dump of Afterword's schema)
        to `target`, by default a new file in the Afterword folder's `backups/`."""
        from afterword.store import backup as b

        with self._errors(), self.engine.connect() as conn:
            interviews = int(conn.exec_driver_sql(f"SELECT count(*) FROM {TABLE}").scalar_one())
            if self.dialect == "sqlite":
                path = target or b.backups_folder() / f"{self._stem}-{b.stamp()}.db"
                live = sqlite_path(self.url)
                own = {live.resolve().with_name(live.name + end) for end in ("", "-wal", "-shm", "-journal")} \
                    if live is not None else set()
                if path.resolve() in own:
                    raise InputError(Text("is the database itself (or one of its files); give another file for "
                                          "the backup",
                                          "is de database zelf (of een van haar bestanden); geef een ander bestand "
                                          "voor de back-up"), file=str(path))
                info = b.backup_sqlite(conn, path)
                return Backup(path, "sqlite", info.revision, info.interviews)
            schema = str(conn.exec_driver_sql("SELECT current_schema()").scalar_one())
            revision = str(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one())
        path = target or b.backups_folder() / f"{self._stem}-{b.stamp()}.dump"
        b.backup_postgresql(self.url, schema, path, self.where)
        return Backup(path, "postgresql", revision, interviews)

    def restore(self, source: Path) -> tuple[Backup, Backup]:
        """Replace the whole database with the backup at `source`, all or nothing, then migrate it to head.

        The backup is checked first (InputError when it is not an Afterword backup, is damaged or newer);
        the database as it was is kept as a backup in `backups/` (returned second)."""
        from afterword.store import backup as b

        if self.read_only:
            raise StoreError(Text("the database file is read-only; make it writable. Nothing was restored",
                                  "het databasebestand is alleen-lezen; maak het schrijfbaar. Er is niets "
                                  "teruggezet"), file=self.where)
        known = known_revisions()
        sqlite = self.dialect == "sqlite"
        if sqlite:
            b.inspect_sqlite(source, known)
        else:
            b.inspect_pgdump(source)
        kind = "before-restore"
        safety = self.backup(b.automatic_path(self._stem, kind).with_suffix(".db" if sqlite else ".dump"))
        b.prune(self._stem, kind)
        with self._errors():
            if sqlite:
                with self.engine.connect() as conn:
                    info = b.restore_sqlite(conn, source, known)
                restored = Backup(source, "sqlite", info.revision, info.interviews)
            else:
                with self.engine.connect() as conn:
                    schema = str(conn.exec_driver_sql("SELECT current_schema()").scalar_one())
                b.restore_postgresql(self.url, schema, source, self.where)
                with self.engine.connect() as conn:
                    revision = str(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one())
                    interviews = int(conn.exec_driver_sql(f"SELECT count(*) FROM {TABLE}").scalar_one())
                restored = Backup(source, "postgresql", revision, interviews)
            self.engine.dispose()  # pooled connections may hold the old schema
            ensure_head(self.engine, read_only=False, where=self.where)
        self._writes[0] += 1
        return restored, safety

    @property
    def _stem(self) -> str:
        path = sqlite_path(self.url)
        return path.stem if path is not None else (self.url.database or "afterword")

    def close(self) -> None:
        path = sqlite_path(self.url) if self.dialect == "sqlite" else None
        if self._writes[0] and path is not None and not self.read_only and path.exists():
            self._refresh_statistics()  # (a deleted file is not brought back by connecting to refresh it)
        with self._watch_lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
        self.engine.dispose()

    def _refresh_statistics(self) -> None:
        """ANALYZE when there are no statistics for the interviews, or their number has doubled or halved
        since (without them SQLite picks the owner/company index for `id IN (...)` lookups). Best effort: a
        busy or failing database keeps its old statistics."""
        try:
            with self.engine.connect() as conn:
                conn.execution_options(**{WRITE_OPTION: True})
                with conn.begin():
                    rows = int(conn.exec_driver_sql(f"SELECT count(*) FROM {TABLE}").scalar_one())
                    recorded = _recorded_rows(conn)
                    if rows and (recorded is None or not recorded / 2 < rows < recorded * 2):
                        conn.exec_driver_sql("ANALYZE")
        except (DBAPIError, StoreError):
            pass  # also when the file was deleted or replaced under us: nothing more is written to it


def _recorded_rows(conn: Connection) -> int | None:
    """The number of interviews when ANALYZE last ran (sqlite_stat1), None when it never did."""
    if conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first() is None:
        return None
    stat = conn.exec_driver_sql(f"SELECT stat FROM sqlite_stat1 WHERE tbl = '{TABLE}' LIMIT 1").scalar()
    head = str(stat).split(" ", 1)[0] if stat is not None else ""
    return int(head) if head.isdigit() else None


def describe_url(url: str | None = None) -> str:
    """How messages name the database at `url` (the file, or the URL without password); opens nothing."""
    parsed = normalise_url(url)
    path = sqlite_path(parsed)
    return str(path) if path is not None else parsed.render_as_string(hide_password=True)


def open_store(url: str | None = None, *, owner: str = LOCAL_OWNER, migrate: bool = True) -> Store:
    """Open (and on first use create and migrate) the database at `url`, or the default one.

    A read-only SQLite file opens for reading only; a database whose schema is newer than this
    code knows raises StoreError before anything is written.
    """
    parsed = normalise_url(url)
    path = sqlite_path(parsed)
    read_only = prepare_sqlite_file(path) if path is not None else False
    where = str(path) if path is not None else parsed.render_as_string(hide_password=True)
    engine = make_engine(parsed, read_only=read_only)
    try:
        if migrate:
            ensure_head(engine, read_only=read_only, where=where)
    except DBAPIError as exc:
        engine.dispose()
        raise StoreError(Text(f"cannot open the database: {first_line(exc)}",
                              f"kan de database niet openen: {first_line(exc)}"), file=where) from None
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, parsed, owner=owner, read_only=read_only)
