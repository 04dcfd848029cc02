"""Backups of the whole database and restoring one: SQLite by its online backup API, PostgreSQL by pg_dump.

A SQLite backup is one self-contained file (rollback journal, no -wal beside it) taken from a consistent
snapshot while other processes go on reading and writing. Restoring copies a validated staging copy into
the live database with the same API: one write transaction, so readers see the old data or the new, a
failure leaves the old, and a running `serve` keeps the file (and its inode) it opened.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.engine import URL

from afterword.core.errors import InputError, StoreError
from afterword.core.text import Text
from afterword.store.peek import default_db_path
from afterword.store.quick import PRIVATE_DIR, PRIVATE_FILE

#: Backups taken before a migration or a restore: this many of each kind are kept per database.
KEEP_AUTOMATIC = 5
SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
#: Tables every Afterword database has had since its first revision.
REQUIRED_TABLES = frozenset({"alembic_version", "interviews", "contacts", "items", "touchpoints"})


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revision: str
    interviews: int


def backups_folder() -> Path:
    """`backups/` in the Afterword folder (0700), created when missing."""
    folder = default_db_path().parent / "backups"
    try:
        if not folder.exists():
            folder.mkdir(parents=True, mode=PRIVATE_DIR)
            folder.chmod(PRIVATE_DIR)
    except OSError as exc:
        raise StoreError(Text(f"cannot create the backups folder ({exc.strerror})",
                              f"kan de map voor back-ups niet maken ({exc.strerror})"), file=str(folder)) from None
    return folder


def stamp(now: datetime | None = None) -> str:
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y%m%dT%H%M%S%fZ")


def automatic_path(database: str, kind: str) -> Path:
    """Where an automatic backup (`kind`: before-migration, before-restore) of `database` goes."""
    return backups_folder() / f"{database}-{kind}-{stamp()}.db"


def prune(database: str, kind: str, keep: int = KEEP_AUTOMATIC) -> None:
    """Keep the newest `keep` automatic backups of one kind for one database (names sort by time)."""
    found = sorted(backups_folder().glob(f"{database}-{kind}-*"))
    for old in found[:-keep] if keep else found:
        old.unlink(missing_ok=True)


def _private_temp(target: Path) -> Path:
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise StoreError(Text(f"cannot write the backup ({exc.strerror})",
                              f"kan de back-up niet schrijven ({exc.strerror})"), file=str(target)) from None
    os.close(fd)
    os.chmod(name, PRIVATE_FILE)
    return Path(name)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_sqlite(source: sqlite3.Connection, target: Path) -> None:
    """Copy the database of `source` to `target` (0600) by the backup API: a temporary file beside it,
    made self-contained (journal_mode DELETE), synced, then renamed over. `source` may be mid-transaction."""
    if target.exists() and not target.is_file():
        raise InputError(Text("is not a file; give a file name for the backup",
                              "is geen bestand; geef een bestandsnaam voor de back-up"), file=str(target))
    if not target.parent.is_dir():
        raise InputError(Text("the folder does not exist", "de map bestaat niet"), file=str(target))
    temporary = _private_temp(target)
    try:
        destination = sqlite3.connect(temporary)
        try:
            source.backup(destination)
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
        _fsync(temporary)
        os.replace(temporary, target)
    except (sqlite3.Error, OSError) as exc:
        temporary.unlink(missing_ok=True)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc).splitlines()[0]
        raise StoreError(Text(f"cannot write the backup ({reason}); nothing was written",
                              f"kan de back-up niet schrijven ({reason}); er is niets geschreven"),
                         file=str(target)) from None
    finally:
        temporary.unlink(missing_ok=True)


def backup_sqlite(conn: Connection, target: Path) -> BackupInfo:
    """Back up the SQLite database behind `conn` to `target`."""
    raw = conn.connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    copy_sqlite(raw, target)
    return inspect_sqlite(target)


def _not_a_backup(path: Path, why: str, waarom: str) -> InputError:
    return InputError(Text(f"is not an Afterword backup ({why}); nothing was restored",
                           f"is geen back-up van Afterword ({waarom}); er is niets teruggezet"), file=str(path))


def _head(path: Path, size: int) -> bytes:
    """The first `size` bytes of a backup file; InputError (exit 2) for a folder or a file that cannot be read."""
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except IsADirectoryError:
        raise _not_a_backup(path, "a folder", "een map") from None
    except OSError as exc:
        raise InputError(Text(f"cannot read the backup ({exc.strerror})",
                              f"kan de back-up niet lezen ({exc.strerror})"), file=str(path)) from None


def inspect_sqlite(path: Path, known: frozenset[str] | None = None) -> BackupInfo:
    """The revision and size of the Afterword backup at `path`; InputError (exit 2) when it is not one,
    is damaged, or (with `known`) was made by a newer Afterword."""
    head = _head(path, len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise _not_a_backup(path, "not a SQLite file", "geen SQLite-bestand")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            check = conn.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                raise _not_a_backup(path, "the file is damaged", "het bestand is beschadigd")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables >= REQUIRED_TABLES:
                raise _not_a_backup(path, "it lacks Afterword's tables", "de tabellen van Afterword ontbreken")
            revisions = [str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version")]
            interviews = int(conn.execute("SELECT count(*) FROM interviews").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        raise _not_a_backup(path, "the file is damaged", "het bestand is beschadigd") from None
    if len(revisions) != 1:
        raise _not_a_backup(path, "it has no schema revision", "er staat geen schemaversie in")
    if known is not None and revisions[0] not in known:
        raise InputError(Text(
            f"the backup is at schema revision {revisions[0]}, made by a newer Afterword; upgrade Afterword "
            "to restore it. Nothing was restored",
            f"de back-up heeft schemaversie {revisions[0]}, gemaakt door een nieuwere Afterword; werk "
            "Afterword bij om haar terug te zetten. Er is niets teruggezet"), file=str(path))
    return BackupInfo(path, revisions[0], interviews)


def restore_sqlite(conn: Connection, source: Path, known: frozenset[str]) -> BackupInfo:
    """Replace the SQLite database behind `conn` with the backup at `source`, all or nothing.

    The backup is first copied to a private staging file (so it cannot change under us) and checked
    there; only a good copy is written into the live database, in one step of the backup API."""
    raw = conn.connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    inspect_sqlite(source, known)  # a clear refusal before anything is copied
    live = Path(raw.execute("PRAGMA database_list").fetchone()[2])
    staging = _private_temp(live)
    try:
        try:
            reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
            try:
                copy_sqlite(reader, staging)
            finally:
                reader.close()
        except StoreError:
            raise _not_a_backup(source, "it cannot be read whole", "het is niet in zijn geheel te lezen") from None
        info = inspect_sqlite(staging, known)
        try:
            staged = sqlite3.connect(staging)
            try:
                staged.backup(raw)
            finally:
                staged.close()
        except sqlite3.Error as exc:
            reason = str(exc).splitlines()[0]
            raise StoreError(Text(f"cannot restore ({reason}); the database is as it was",
                                  f"kan niet terugzetten ({reason}); de database is zoals ze was"),
                             file=str(live)) from None
        return BackupInfo(source, info.revision, info.interviews)
    finally:
        for leftover in (staging, staging.with_name(staging.name + "-wal"), staging.with_name(staging.name + "-shm")):
            leftover.unlink(missing_ok=True)


# -- PostgreSQL: pg_dump and pg_restore ------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
            if (folder / name).is_file():
                return str(folder / name)
        raise StoreError(Text(
            f"{name} was not found; install the PostgreSQL client tools (Debian: postgresql-client), or run "
            f"{pg_advice(name)} yourself",
            f"{name} is niet gevonden; installeer de PostgreSQL-clientprogramma's (Debian: postgresql-client), "
            f"of voer zelf {pg_advice(name)} uit"), key=name)
    return found


def pg_advice(tool: str) -> str:
    if tool == "pg_dump":
        return "`pg_dump --format=custom --no-owner --file=afterword.dump URL`"
    return "`pg_restore --single-transaction --clean --if-exists --no-owner --dbname=URL afterword.dump`"


def _pg_call(url: URL, schema: str) -> tuple[str, dict[str, str]]:
    """A libpq URL without the password (it goes in PGPASSWORD, never on a command line) and the env."""
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return plain, env


def _run(args: list[str], env: dict[str, str], where: str) -> str:
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, check=False, timeout=3600)
    except OSError as exc:
        raise StoreError(Text(f"cannot run {args[0]} ({exc.strerror})",
                              f"kan {args[0]} niet starten ({exc.strerror})"), file=where) from None
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        said = lines[-1][:300] if lines else f"exit {done.returncode}"
        raise StoreError(Text(f"{Path(args[0]).name} failed: {said}", f"{Path(args[0]).name} mislukte: {said}"),
                         file=where)
    return done.stdout


def backup_postgresql(url: URL, schema: str, target: Path, where: str) -> None:
    """pg_dump of Afterword's schema in the custom format, to a temporary file renamed over `target`."""
    if not target.parent.is_dir():
        raise InputError(Text("the folder does not exist", "de map bestaat niet"), file=str(target))
    tool = _pg_tool("pg_dump")
    plain, env = _pg_call(url, schema)
    temporary = _private_temp(target)
    try:
        _run([tool, "--format=custom", "--no-owner", "--no-privileges", f"--schema={schema}",
              f"--file={temporary}", f"--dbname={plain}"], env, where)
        _fsync(temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def inspect_pgdump(path: Path) -> None:
    """InputError unless `path` is a pg_dump custom archive holding Afterword's tables."""
    head = _head(path, len(PGDUMP_MAGIC))
    if head != PGDUMP_MAGIC:
        raise _not_a_backup(path, "not a pg_dump archive", "geen pg_dump-archief")
    tool = _pg_tool("pg_restore")
    try:
        listing = _run([tool, "--list", str(path)], dict(os.environ), str(path))
    except StoreError:
        raise _not_a_backup(path, "the archive is damaged", "het archief is beschadigd") from None
    names = {line.split()[-2] for line in listing.splitlines() if " TABLE " in line and not line.startswith(";")}
    if not names >= REQUIRED_TABLES:
        raise _not_a_backup(path, "it lacks Afterword's tables", "de tabellen van Afterword ontbreken")


def restore_postgresql(url: URL, schema: str, source: Path, where: str) -> None:
    """pg_restore in one transaction (--single-transaction --clean): all of it or none of it."""
    inspect_pgdump(source)
    plain, env = _pg_call(url, schema)
    _run([_pg_tool("pg_restore"), "--single-transaction", "--clean", "--if-exists", "--no-owner",
          "--no-privileges", f"--dbname={plain}", str(source)], env, where)
