"""The query planner's statistics: gathered after a migration, and refreshed when the interviews double."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from afterword.core.notes import load_notes
from afterword.service.interviews import open_service
from tests.conftest import EXAMPLES


def _recorded(path: Path) -> int | None:
    with sqlite3.connect(path) as conn:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone() is None:
            return None
        row = conn.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'interviews' LIMIT 1").fetchone()
    return int(row[0].split()[0]) if row else None


def _import(url: str, count: int, start: int) -> None:
    base = load_notes(EXAMPLES / "northwind-panel.toml")
    service = open_service(url)
    try:
        for n in range(start, start + count):
            service.import_interview(replace(base, company=f"Company {n}", start=base.start + timedelta(days=n)))
    finally:
        service.close()


def test_analyze_after_migrating_and_when_the_interviews_double(tmp_path: Path) -> None:
    path = tmp_path / "afterword.db"
    url = f"sqlite:///{path}"
    open_service(url).close()  # created and migrated: ANALYZE ran (the tables were empty, so no rows yet)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone() is not None
    _import(url, 3, 0)
    assert _recorded(path) == 3
    _import(url, 1, 3)  # 4 is not twice 3: the statistics stand
    assert _recorded(path) == 3
    _import(url, 3, 4)
    assert _recorded(path) == 7
    open_service(url).close()  # reading only: nothing to refresh
    assert _recorded(path) == 7
