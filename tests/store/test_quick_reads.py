"""`list`, `due` and `show` read a SQLite file through the standard library (issue 14, point 1): without
SQLAlchemy in the process, with the same answers as the store, and the store still opens what needs it."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from afterword.core.notes import load_notes
from afterword.service.interviews import InterviewService, open_service
from afterword.service.reading import QuickReads, open_reads
from afterword.store.outbox import outbox
from afterword.store.quick import quick_path
from tests.conftest import example_files

NOW = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)
AT = "2026-11-27T19:30:00+00:00"


def _fill(url: str) -> list[int]:
    """Every example stored with its drafts; sent, skipped, replied, edited and scheduled touchpoints, and
    outbox messages (an older and a newer one for one contact, a failed one, a check-in) beside them."""
    service = open_service(url)
    try:
        ids = [service.import_with_drafts(load_notes(path), at=NOW - timedelta(days=i))[0]
               for i, path in enumerate(example_files())]
        first, _ = service.get_interview(ids[0])
        people = [c for c in first.contacts if c.channels]
        changes = ["sent", "skipped", "scheduled", "replied", "scheduled", "edited"]
        for contact, status in zip(people, changes, strict=False):
            service.set_status(ids[0], contact.id, contact.channels[0], status, NOW + timedelta(minutes=5))
        second, _ = service.get_interview(ids[1])
        service.save_draft(ids[1], second.contacts[0].id, second.contacts[0].channels[0], "Re: hello",
                           "An edited body, with ünïcode.", 1, at=NOW + timedelta(hours=1))
        service.set_status(ids[1], second.contacts[0].id, second.contacts[0].channels[0], "sent",
                           NOW + timedelta(hours=2))
        scheduled = [c.id for c in people[2:5:2]]
        rows = []
        for n, (key, state, kind) in enumerate([(scheduled[0], "failed", "follow-up"),
                                                    (scheduled[0], "unknown", "follow-up"),
                                                    (scheduled[1], "queued", "follow-up"),
                                                    (scheduled[1], "sent", "check-in")]):
            rows.append({"message_id": f"<m{n}@test>", "interview_id": ids[0], "contact": key, "kind": kind,
                         "sender": "me@example.org", "recipients": "[]", "subject": "s", "body": "b",
                         "send_at": NOW, "state": state, "attempts": 1, "last_error": f"error {n}",
                         "created_at": NOW, "updated_at": NOW})
        with service.store.engine.begin() as conn:
            conn.execute(sa.insert(outbox), rows)
        return ids
    finally:
        service.close()


@pytest.fixture
def filled(sqlite_url: str) -> tuple[str, list[int]]:
    return sqlite_url, _fill(sqlite_url)


def test_the_quick_reads_answer_as_the_store_does(filled: tuple[str, list[int]]) -> None:
    url, ids = filled
    quick = open_reads(url)
    store = open_service(url)
    try:
        assert isinstance(quick, QuickReads) and isinstance(store, InterviewService)
        assert quick.count_interviews() == store.count_interviews() == len(ids)
        assert quick.list_interviews(NOW) == store.list_interviews(NOW)
        for limit, offset in ((2, 0), (2, 1), (3, 4), (50, 0), (None, 1)):
            assert (quick.list_interviews(NOW, limit=limit, offset=offset)
                    == store.list_interviews(NOW, limit=limit, offset=offset))
        assert list(quick.iter_interviews(NOW, batch=2)) == list(store.iter_interviews(NOW, batch=2))
        for ident in ids:
            ours, theirs = quick.get_interview(ident), store.get_interview(ident)
            assert ours == theirs
            assert [tp.times for tp in ours[1]] == [tp.times for tp in theirs[1]]  # not part of ==
            assert [tp.history for tp in ours[1]] == [tp.history for tp in theirs[1]] != []
        assert quick.outbox_states(ids) == store.outbox_states(ids) != {}
        for limit in (None, 1, 3, 50):
            assert quick.due(NOW, limit) == store.due(NOW, limit)
        assert any(r.outbox is not None for r in quick.due(NOW, None))
    finally:
        quick.close()
        store.close()


def test_an_unknown_id_is_not_found_the_same_way(filled: tuple[str, list[int]]) -> None:
    from afterword.store.errors import NotFoundError

    url, _ = filled
    quick = open_reads(url)
    try:
        with pytest.raises(NotFoundError, match="no interview with id 999"):
            quick.get_interview(999)
    finally:
        quick.close()


_RUN = """
import sys
{patch}
from afterword.cli.main import run
code = run({args!r})
sys.stdout.flush()
print("\\nEXIT", code, "sqlalchemy" in sys.modules, file=sys.stderr)
"""
_COMMANDS = [["list"], ["list", "--all"], ["list", "--per-page", "2", "--page", "2"], ["list", "--json"],
             ["due", "--limit", "100"], ["due", "--json"], ["show", "1"], ["show", "1", "--drafts"],
             ["show", "2", "--json"], ["show", "99"]]


def _cli(url: str, args: list[str], *, through_store: bool) -> tuple[str, str]:
    patch = "import afterword.service.reading as r; r.quick_path = lambda url: None" if through_store else ""
    code = _RUN.format(patch=patch, args=["--db", url, *args, "--now", AT])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"COLUMNS": "160", "NO_COLOR": "1", "PATH": "/usr/bin:/bin", "HOME": "/nonexistent"})
    return done.stdout, done.stderr


def _has_check_ins(url: str, args: list[str]) -> bool:
    import sqlite3

    if args[0] == "list" or args[-1] == "99":
        return False
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        if args[0] == "show":
            sql, params = "SELECT 1 FROM check_ins WHERE interview_id = ?", [int(args[1])]
        else:
            sql, params = "SELECT 1 FROM check_ins WHERE state IN ('pending', 'queued')", []
        return conn.execute(sql, params).fetchone() is not None


@pytest.mark.parametrize("args", _COMMANDS, ids=" ".join)
def test_read_commands_load_no_sqlalchemy_and_print_what_the_store_path_prints(
        filled: tuple[str, list[int]], args: list[str]) -> None:
    url, _ = filled
    out, err = _cli(url, args, through_store=False)
    status = err.rsplit("EXIT", 1)[1].split()
    # Check-ins (issue 12) are read through the store, and only when the standard library finds some.
    assert status == ["2" if args[-1] == "99" else "0", str(_has_check_ins(url, args))], err
    store_out, store_err = _cli(url, args, through_store=True)
    assert store_err.rsplit("EXIT", 1)[1].split()[1] == "True"  # the comparison really went through SQLAlchemy
    assert out == store_out
    assert err.rsplit("EXIT", 1)[0] == store_err.rsplit("EXIT", 1)[0]
    if "--json" in args:
        json.loads(out)


def test_what_needs_writing_first_goes_to_the_store(tmp_path: Path, run_cli: object) -> None:
    missing = tmp_path / "new" / "afterword.db"
    assert quick_path(f"sqlite:///{missing}") is None  # created and migrated by the store
    empty = tmp_path / "empty.db"
    empty.touch()
    assert quick_path(str(empty)) is None
    old = tmp_path / "old.db"
    service = open_service(f"sqlite:///{old}")
    service.close()
    assert quick_path(str(old)) == old.resolve()
    with sa.create_engine(f"sqlite:///{old}").begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0003'")
    assert quick_path(f"sqlite:///{old}") is None  # to be migrated
    assert quick_path("postgresql://nobody@localhost/afterword") is None
    assert quick_path("sqlite:///:memory:") is None


def test_a_database_at_an_older_schema_is_migrated_by_a_read_command(tmp_path: Path) -> None:
    db = tmp_path / "afterword.db"
    url = f"sqlite:///{db}"
    _fill(url)
    with sa.create_engine(url).begin() as conn:
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0003_outbox_one_active'")
        conn.exec_driver_sql("ALTER TABLE contacts DROP COLUMN salutation")
        conn.exec_driver_sql("DROP TABLE check_ins")  # and what 0005 added (issue 12)
        conn.exec_driver_sql("ALTER TABLE contacts DROP COLUMN x_dm")
        for table in ("person_links", "people", "outcomes", "follows"):  # and what 0007 added (issue 12)
            conn.exec_driver_sql(f"DROP TABLE {table}")
        conn.exec_driver_sql("ALTER TABLE interviews DROP COLUMN company_linkedin")
        conn.exec_driver_sql("ALTER TABLE interviews DROP COLUMN company_x")
        conn.exec_driver_sql("DROP TABLE rejection_replies")  # and what 0008 added (issue 12)
        conn.exec_driver_sql("DROP INDEX uq_outbox_active_rejection_reply")
    out, err = _cli(url, ["list"], through_store=False)
    assert err.rsplit("EXIT", 1)[1].split() == ["0", "True"]  # the store upgraded it
    assert "Northwind" in out
    with sa.create_engine(url).begin() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == revision
    _, err = _cli(url, ["list"], through_store=False)
    assert err.rsplit("EXIT", 1)[1].split() == ["0", "False"]  # and now it is read directly


def test_the_open_check_in_states_agree_with_the_store() -> None:
    from afterword.service.reading import OPEN_CHECK_INS
    from afterword.store.checkins import OPEN

    assert tuple(OPEN_CHECK_INS) == tuple(OPEN)
