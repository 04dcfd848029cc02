"""The store does not care how big it is (issue 14, point 3): the `list` page is chosen first and joined by
primary key, the other companies and each draft's findings are cached until something changes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from afterword.core.notes import load_notes
from afterword.service.interviews import open_service
from afterword.store.quick import QuickStore
from afterword.store.records import InterviewSummary
from tests.conftest import EXAMPLES

NOW = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)
#: sqlite_stat1 as ANALYZE wrote it for 50,000 interviews of one owner (bench/store_scale.py).
BIG_STATS = [
    ("interviews", "ix_interviews_owner_company", "50000 50000 5"),
    ("interviews", "ix_interviews_owner_deadline", "50000 50000 54"),
    ("interviews", "ix_interviews_owner_open_deadline", "50000 50000 25000 54"),
    ("interviews", "sqlite_autoindex_interviews_1", "50000 50000 1"),
    ("contacts", "sqlite_autoindex_contacts_1", "250000 5 1"),
    ("touchpoints", "sqlite_autoindex_touchpoints_1", "246000 5 1 1"),
]


def _stored(path: Path, count: int = 3) -> str:
    url = f"sqlite:///{path}"
    base = load_notes(EXAMPLES / "northwind-panel.toml")
    service = open_service(url)
    try:
        for n in range(count):
            service.import_interview(replace(base, company=f"Company {n}", start=base.start + timedelta(days=n)))
    finally:
        service.close()
    return url


def _as_if_big(path: Path) -> None:
    """Planner statistics of a store of 50,000 interviews (the rows stay few: only the plan matters)."""
    with sqlite3.connect(path) as conn:
        conn.execute("ANALYZE")
        conn.execute("DELETE FROM sqlite_stat1")
        conn.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", BIG_STATS)


def _plan(path: Path, sql: str, params: object) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]  # type: ignore[arg-type]


def test_a_list_page_joins_its_interviews_by_primary_key_not_by_walking_the_owner_index(tmp_path: Path) -> None:
    path = tmp_path / "big.db"
    url = _stored(path)
    _as_if_big(path)
    service = open_service(url)
    seen: list[tuple[str, object]] = []
    event.listen(service.store.engine, "before_cursor_execute",
                 lambda _c, _cur, sql, params, _ctx, _many: seen.append((sql, params)))
    try:
        rows = service.list_interviews(NOW, limit=2)
    finally:
        service.close()
    assert [r.company for r in rows] == ["Company 2", "Company 1"]
    [(sql, params)] = [(s, p) for s, p in seen if s.lstrip().startswith("WITH page")]
    plan = _plan(path, sql, params)
    # the page itself is read from the owner/deadline index, once; the rows then by id (before: every
    # interview of the owner was walked on that index and looked up in the page, ~30 ms at 50,000)
    assert sum("ix_interviews_owner_deadline" in step for step in plan) == 1, plan
    assert any(step.startswith("SEARCH interviews USING INTEGER PRIMARY KEY") for step in plan), plan


def test_the_quick_path_plans_the_list_page_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "big.db"
    _stored(path)
    _as_if_big(path)
    store = QuickStore(path, "local")
    try:
        plans: list[list[str]] = []
        with store.read() as repo:
            rows = repo.summaries(NOW, limit=2)
            original = repo.conn

            class Spy:
                def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
                    if sql.lstrip().startswith("WITH page"):
                        plans.append([r[3] for r in original.execute("EXPLAIN QUERY PLAN " + sql, params)])
                    return original.execute(sql, params)

            repo.conn = Spy()  # type: ignore[assignment]
            assert [r.company for r in repo.summaries(NOW, limit=2)] == [r.company for r in rows]
    finally:
        store.close()
    [plan] = plans
    assert [r.company for r in rows] == ["Company 2", "Company 1"]
    assert sum("ix_interviews_owner_deadline" in step for step in plan) == 1, plan
    assert any("USING INTEGER PRIMARY KEY" in step for step in plan), plan


def test_list_all_writes_each_batch_as_it_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from afterword.cli import db_cmds
    from afterword.service.reading import open_reads

    url = _stored(tmp_path / "five.db", 5)
    monkeypatch.setattr(db_cmds, "_STREAM_BATCH", 2)
    reads = open_reads(url)
    out: list[str] = []
    lines_when_read: list[int] = []

    def counted() -> Iterator[InterviewSummary]:
        for row in reads.iter_interviews(NOW, batch=2):
            out.append(capsys.readouterr().out)
            lines_when_read.append("".join(out).count("\n"))
            yield row

    try:
        assert db_cmds._stream_lines(counted())
    finally:
        reads.close()
    out.append(capsys.readouterr().out)
    # the header and the first two rows are out before the third is read, four rows before the fifth
    assert lines_when_read == [0, 0, 3, 3, 5]
    lines = "".join(out).splitlines()
    assert lines[0].split() == ["ID", "Company", "Role", "Deadline", "Time", "left", "Coverage"]
    assert [line.split()[2] for line in lines[1:]] == ["4", "3", "2", "1", "0"]  # "Company N", newest first

