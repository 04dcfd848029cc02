"""`afterword backup` and `afterword restore`: the whole database to one file and back."""

from __future__ import annotations

from pathlib import Path

import click

from afterword.cli.common import json_option, print_json
from afterword.cli.db_cmds import db_option


def _db(db_url: str | None) -> str | None:
    if db_url is not None:
        return db_url
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    return obj.get("db_url") if isinstance(obj, dict) else None


@click.command("backup")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@db_option
@json_option
def backup(file: str | None, db_url: str | None, as_json: bool) -> None:
    """Back up everything (notes, drafts, statuses, outbox, replies) to FILE, by default a new file in
    the Afterword folder's backups/. Safe while `serve` or a worker runs.

    SQLite: a consistent copy by SQLite's backup API, one self-contained file (0600). PostgreSQL: runs
    pg_dump (custom format) of Afterword's schema; without pg_dump it says what to run instead."""
    from afterword.service.backup import backup_database

    made = backup_database(_db(db_url), Path(file) if file is not None else None)
    if as_json:
        print_json({"backup": str(made.path), "kind": made.kind, "revision": made.revision,
                    "interviews": made.interviews})
        return
    click.echo(str(made.path))
    click.echo(f"backed up {made.interviews} interview{'s' if made.interviews != 1 else ''} "
               f"(schema {made.revision}); restore with `afterword restore {made.path}`", err=True)


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=True))
@db_option
@json_option
def restore(file: str, db_url: str | None, as_json: bool) -> None:
    """Replace the whole database with the backup FILE (made by `afterword backup` or before a migration).

    A file that is not an Afterword backup, is damaged or comes from a newer Afterword is refused
    (exit 2) and nothing changes; otherwise it is restored all or nothing and migrated to this
    version's schema. The database as it was is first backed up to the backups/ folder."""
    from afterword.service.backup import restore_database

    restored, before = restore_database(_db(db_url), Path(file))
    if as_json:
        print_json({"restored": str(restored.path), "revision": restored.revision,
                    "interviews": restored.interviews, "previous": str(before.path)})
        return
    click.echo(f"restored {restored.interviews} interview{'s' if restored.interviews != 1 else ''} from "
               f"{restored.path}; the database as it was is kept in {before.path}")
