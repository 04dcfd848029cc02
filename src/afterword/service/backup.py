"""Backing up and restoring the whole database: notes, drafts, statuses, outbox and replies."""

from __future__ import annotations

from pathlib import Path

from afterword.store.db import Backup, open_store

__all__ = ["Backup", "backup_database", "restore_database"]


def backup_database(url: str | None, target: Path | None = None) -> Backup:
    """Back up the database at `url` while others may go on using it; returns what was written."""
    store = open_store(url)
    try:
        return store.backup(target)
    finally:
        store.close()


def restore_database(url: str | None, source: Path) -> tuple[Backup, Backup]:
    """Replace the database at `url` with the backup `source` (all or nothing) and migrate it to head.
    Returns the backup restored and the automatic backup of the database as it was before."""
    store = open_store(url)
    try:
        return store.restore(source)
    finally:
        store.close()
