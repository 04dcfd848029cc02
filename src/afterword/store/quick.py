"""Reads for `list`, `due` and `show` straight from a SQLite file with the standard library (no SQLAlchemy).

Importing SQLAlchemy costs a read command more than everything else it does, so a SQLite database that
exists and is at the newest schema is read here, with the same queries as `repo` and `queries` written
in SQL and the same rows turned into the same records (`convert`). Anything else — PostgreSQL, a file
still to be created or migrated, a URL of an unusual shape — is left to the store (`quick_path` says
None). The file helpers the store and this module share (read-only, private modes, the schema head
read from the migration files) live here too, so neither side needs the other's imports.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from afterword.core.errors import StoreError
from afterword.core.model import Channel, Interview, Language, TouchpointStatus
from afterword.core.text import Text
from afterword.store import convert
from afterword.store.errors import NotFoundError
from afterword.store.peek import default_db_path
from afterword.store.records import InterviewSummary, OutboxEntry, StatusChange, Touchpoint

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_S = 30.0
#: Notes are about people: the data folder Afterword creates is the user's alone, and so are its files.
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600
REACHED = (str(TouchpointStatus.SENT), str(TouchpointStatus.REPLIED))
_STATUS_COLUMNS = tuple(f"{s}_at" for s in TouchpointStatus)


# -- files ------------------------------------------------------------------------------------------

def is_read_only(path: Path) -> bool:
    """A file without write permission counts as read-only, also for root (who could write anyway)."""
    if not path.exists():
        return False
    mode = path.stat().st_mode
    return not (mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) or not os.access(path, os.W_OK)


def narrow(path: Path) -> None:
    """Make Afterword's own folder and database files private (only those the user owns; errors ignored)."""
    for item, mode in ((path.parent, PRIVATE_DIR), (path, PRIVATE_FILE),
                       (path.with_name(path.name + "-wal"), PRIVATE_FILE),
                       (path.with_name(path.name + "-shm"), PRIVATE_FILE)):
        try:
            info = item.stat()
            if info.st_uid == os.geteuid() and stat.S_IMODE(info.st_mode) & 0o077:
                item.chmod(stat.S_IMODE(info.st_mode) & mode)
        except OSError:
            continue


_REVISION = re.compile(r"^revision\s*(?::\s*str\s*)?=\s*[\"']([^\"']+)[\"']\s*$", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]+)?=\s*(.+?)\s*$", re.MULTILINE)
_DOWN_ONE = re.compile(r"^(?:None|[\"']([^\"']+)[\"'])$")


def quick_heads(migrations: Path = MIGRATIONS) -> set[str] | None:
    """The head revisions read straight from the version files (no Alembic import: fast CLI start).

    None when a file is not in the simple form (one string or None as down_revision)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (migrations / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(text), _DOWN.search(text)
        if rev is None or down is None:
            if path.name == "__init__.py":
                continue
            return None
        parent = _DOWN_ONE.match(down.group(1))
        if parent is None:
            return None
        revisions.add(rev.group(1))
        if parent.group(1):
            parents.add(parent.group(1))
    heads = revisions - parents
    return heads or None


# -- which databases are read here --------------------------------------------------------------------

def _sqlite_file(url: str | None) -> Path | None:
    """The file of a plain SQLite URL or path (as `engine.normalise_url` reads them); None for anything
    else, which the store then handles (and reports) as it always did."""
    text = (url or "").strip()
    if not text:
        return default_db_path()
    if "://" not in text:
        return Path(text).expanduser().resolve()
    if not text.startswith("sqlite:///") or any(c in text for c in "?%#"):
        return None
    database = text[len("sqlite:///"):]
    return Path(database) if database and database != ":memory:" else None


def quick_path(url: str | None) -> Path | None:
    """The SQLite file behind `url` when it can be read here: it exists and its schema is at the head
    this code knows. None otherwise (PostgreSQL; a file to create, migrate or refuse): use the store."""
    path = _sqlite_file(url)
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return None
    heads = quick_heads()
    if heads is None:
        return None
    try:
        conn = _connect(path)
    except sqlite3.Error:
        return None
    try:
        current = {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if current != heads:
        return None
    if not is_read_only(path) and _in_default_folder(path):
        narrow(path)  # as opening the store does
    return path


def _in_default_folder(path: Path) -> bool:
    """Whether `path` is in Afterword's own data folder; platformdirs (about 9 ms to import) is asked
    only when the folder could be its answer, which always ends in `afterword`."""
    if not os.environ.get("AFTERWORD_HOME") and path.parent.name != "afterword":
        return False
    return path.parent == default_db_path().parent


def _connect(path: Path) -> sqlite3.Connection:
    mode = "ro" if is_read_only(path) else "rw"  # never creates the file
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_S,
                           isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def _utc(value: Any) -> datetime | None:
    """A time as SQLAlchemy stores it in SQLite (naive UTC text), aware in UTC."""
    if value is None:
        return None
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def _marks(count: int) -> str:
    return ", ".join("?" * count)


# -- the reads -------------------------------------------------------------------------------------

class QuickRepo:
    """The reads of `repo.Repo` and `queries` for one owner inside one read transaction, in plain SQL."""

    def __init__(self, conn: sqlite3.Connection, owner: str) -> None:
        self.conn = conn
        self.owner = owner

    def count(self) -> int:
        row = self.conn.execute("SELECT count(*) FROM interviews WHERE owner = ?", (self.owner,)).fetchone()
        return int(row[0])

    def summaries(self, now: datetime, *, limit: int | None = None, offset: int = 0) -> list[InterviewSummary]:
        """As `queries.summaries`: the page chosen first, counts for that page only."""
        paged = limit is not None or offset > 0
        params: list[Any] = []
        if paged:
            head = ("WITH page AS (SELECT id FROM interviews WHERE owner = ? "
                    "ORDER BY deadline_utc DESC, id DESC LIMIT ? OFFSET ?) ")
            params += [self.owner, -1 if limit is None else limit, offset]
            chosen, join = "SELECT id FROM page", "JOIN page ON page.id = i.id "
        else:
            head, join = "", ""
            chosen = "SELECT id FROM interviews WHERE owner = ?"
        sql = (
            head
            + "SELECT i.id, i.company, i.role, i.candidate_name, i.start_utc, i.deadline_utc, i.language, i.owed, "
              "i.timezone, i.start_offset, coalesce(p.n, 0) AS n_contacts, coalesce(p.ch, 0) AS n_channels, "
              "coalesce(s.reached, 0) AS n_reached, coalesce(s.sent, 0) AS n_sent FROM interviews i "
            + join
            + "LEFT JOIN (SELECT interview_id, count(*) AS n, sum((CASE WHEN email IS NOT NULL THEN 1 ELSE 0 END) "
              "+ (CASE WHEN linkedin IS NOT NULL THEN 1 ELSE 0 END) + (CASE WHEN x IS NOT NULL THEN 1 ELSE 0 END)) "
              f"AS ch FROM contacts WHERE interview_id IN ({chosen}) GROUP BY interview_id) p "
              "ON p.interview_id = i.id "
              "LEFT JOIN (SELECT interview_id, count(DISTINCT contact_key) AS reached, count(*) AS sent "
              f"FROM touchpoints WHERE status IN (?, ?) AND interview_id IN ({chosen}) GROUP BY interview_id) s "
              "ON s.interview_id = i.id "
            + ("" if paged else "WHERE i.owner = ? ")  # as in `queries.summaries`: the page is the owner's
            + "ORDER BY i.deadline_utc DESC, i.id DESC"
        )
        if not paged:
            params += [self.owner]
        params += list(REACHED)
        if not paged:
            params += [self.owner, self.owner]
        out = []
        for row in self.conn.execute(sql, params):
            tz = convert.zone(row["timezone"], row["start_offset"])
            deadline = _aware(row["deadline_utc"]).astimezone(tz)
            out.append(InterviewSummary(
                id=row["id"], company=row["company"], role=row["role"], candidate=row["candidate_name"],
                start=_aware(row["start_utc"]).astimezone(tz), deadline=deadline, remaining=deadline - now,
                language=Language(row["language"]) if row["language"] else Language.EN,
                contacts=int(row["n_contacts"]), contacts_reached=int(row["n_reached"]),
                touchpoints=int(row["n_channels"]), touchpoints_sent=int(row["n_sent"]), owed=int(row["owed"]),
            ))
        return out

    def open_interview_ids(self, limit: int | None) -> list[int]:
        """As `queries.open_interview_ids`: something still owed, earliest deadline first."""
        sql = "SELECT id FROM interviews WHERE owner = ? AND open = 1 ORDER BY deadline_utc, id"
        params: list[Any] = [self.owner]
        if limit is not None:
            sql += " LIMIT ? OFFSET 0"
            params.append(limit)
        return [int(r[0]) for r in self.conn.execute(sql, params)]

    def load_interview(self, interview_id: int) -> Interview:
        row = self.conn.execute("SELECT * FROM interviews WHERE id = ? AND owner = ?",
                                (interview_id, self.owner)).fetchone()
        if row is None:
            raise NotFoundError(f"no interview with id {interview_id}", key="id")
        people = self.conn.execute("SELECT * FROM contacts WHERE interview_id = ?", (interview_id,)).fetchall()
        items = self.conn.execute("SELECT * FROM items WHERE interview_id = ?", (interview_id,)).fetchall()
        return convert.to_interview(_interview_row(row), [_contact_row(c) for c in people],
                                    [_item_row(i) for i in items])

    def load_many(self, ids: Sequence[int]) -> dict[int, Interview]:
        """As `Repo.load_many` without items (what `due` needs)."""
        if not ids:
            return {}
        rows = self.conn.execute(f"SELECT * FROM interviews WHERE id IN ({_marks(len(ids))}) AND owner = ?",
                                 [*ids, self.owner]).fetchall()
        people: dict[int, list[dict[str, Any]]] = {r["id"]: [] for r in rows}
        for c in self.conn.execute(f"SELECT * FROM contacts WHERE interview_id IN ({_marks(len(ids))})", list(ids)):
            people[c["interview_id"]].append(_contact_row(c))
        return {r["id"]: convert.to_interview(_interview_row(r), people[r["id"]]) for r in rows}

    def statuses(self, interview_ids: Sequence[int]) -> dict[int, dict[tuple[str, Channel], TouchpointStatus]]:
        out: dict[int, dict[tuple[str, Channel], TouchpointStatus]] = {i: {} for i in interview_ids}
        if not interview_ids:
            return out
        sql = ("SELECT interview_id, contact_key, channel, status FROM touchpoints "
               f"WHERE interview_id IN ({_marks(len(interview_ids))})")
        for iid, key, channel, status in self.conn.execute(sql, list(interview_ids)):
            out[iid][(key, Channel(channel))] = TouchpointStatus(status)
        return out

    def touchpoints(self, interview_ids: Sequence[int]) -> list[Touchpoint]:
        """As `Repo.touchpoints` with their history."""
        if not interview_ids:
            return []
        rows = self.conn.execute(f"SELECT * FROM touchpoints WHERE interview_id IN ({_marks(len(interview_ids))}) "
                                 "ORDER BY id", list(interview_ids)).fetchall()
        events: dict[int, list[StatusChange]] = {}
        if rows:
            sql = (f"SELECT * FROM touchpoint_events WHERE touchpoint_id IN ({_marks(len(rows))}) ORDER BY id")
            for ev in self.conn.execute(sql, [r["id"] for r in rows]):
                events.setdefault(ev["touchpoint_id"], []).append(
                    StatusChange(TouchpointStatus(ev["status"]), _aware(ev["at"]), ev["version"]))
        return [convert.to_touchpoint(_touchpoint_row(r), events.get(r["id"], ())) for r in rows]

    def latest_follow_ups(self, interview_ids: Sequence[int]) -> dict[tuple[int, str], OutboxEntry]:
        """As `outbox.latest_follow_ups`, as the states the service hands out."""
        if not interview_ids:
            return {}
        sql = ("SELECT id, interview_id, contact, state, last_error FROM outbox "
               f"WHERE interview_id IN ({_marks(len(interview_ids))}) AND kind = 'follow-up' "
               "AND contact IS NOT NULL ORDER BY id")
        return {(r["interview_id"], r["contact"]): OutboxEntry(r["id"], r["state"], r["last_error"])
                for r in self.conn.execute(sql, list(interview_ids))}  # later ids overwrite earlier ones


def _aware(value: Any) -> datetime:
    moment = _utc(value)
    assert moment is not None
    return moment


def _interview_row(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(zip(row.keys(), row, strict=True))
    out["start_utc"], out["end_utc"] = _utc(out["start_utc"]), _utc(out["end_utc"])
    return out


def _contact_row(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(zip(row.keys(), row, strict=True))
    if out["gave_contact"] is not None:
        out["gave_contact"] = bool(out["gave_contact"])
    return out


def _item_row(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(zip(row.keys(), row, strict=True))
    out["refs"] = json.loads(out["refs"])
    return out


def _touchpoint_row(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(zip(row.keys(), row, strict=True))
    for column in ("created_at", "updated_at", *_STATUS_COLUMNS):
        out[column] = _utc(out[column])
    return out


class QuickStore:
    """A SQLite file opened for reading by one owner; `read()` is one read transaction."""

    def __init__(self, path: Path, owner: str) -> None:
        self.path = path
        self.owner = owner
        self._conn: sqlite3.Connection | None = None

    @contextmanager
    def read(self) -> Iterator[QuickRepo]:
        """One deferred read transaction; a database error is a StoreError of one line, as in the store."""
        try:
            if self._conn is None:
                self._conn = _connect(self.path)
            self._conn.execute("BEGIN")
            try:
                yield QuickRepo(self._conn, self.owner)
            finally:
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.ProgrammingError | sqlite3.IntegrityError):
                raise
            line = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
            raise StoreError(Text(f"database error: {line}; nothing was changed",
                                  f"databasefout: {line}; er is niets veranderd"), file=str(self.path)) from None

    def has_check_ins(self, interview_ids: Sequence[int] | None, states: Sequence[str]) -> bool:
        """Whether this owner has any check-in among `interview_ids` (None: all) in `states` (empty: any)."""
        sql = ("SELECT 1 FROM check_ins JOIN interviews ON interviews.id = check_ins.interview_id "
               "WHERE interviews.owner = ?")
        args: list[object] = [self.owner]
        if interview_ids is not None:
            sql += f" AND check_ins.interview_id IN ({', '.join('?' * len(interview_ids)) or 'NULL'})"
            args += list(interview_ids)
        if states:
            sql += f" AND check_ins.state IN ({', '.join('?' * len(states))})"
            args += [str(s) for s in states]
        with self.read() as repo:
            return repo.conn.execute(sql + " LIMIT 1", args).fetchone() is not None

    def has_follow_through(self, interview_id: int) -> bool:
        """Whether this interview has a follow step done or an outcome (a database from before those tables: no)."""
        sql = ("SELECT 1 FROM follows WHERE interview_id = ? UNION ALL SELECT 1 FROM outcomes WHERE interview_id = ?")
        with self.read() as repo:
            try:
                return repo.conn.execute(sql + " LIMIT 1", [interview_id, interview_id]).fetchone() is not None
            except sqlite3.OperationalError:
                return False

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
