"""Every schema revision, upgraded and downgraded over data the revision before it allowed (issue 15, point 6).

The test walks Alembic's revisions, so a migration added later is covered without touching it: before
each revision every table gets rows with edge values (long and non-ASCII text, quotes, 1900 and 2999,
the largest integer, NULLs, JSON), sharing whatever that schema does not yet keep unique. The upgrade
must keep every row; the downgrade must keep every row and value of the columns both schemas have; the
upgrade after it must give the same data again. At the end everything is downgraded to nothing.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from afterword.service.interviews import open_service
from tests.store.migration_tools import (
    columns,
    current,
    engine_for,
    migrate_to,
    project,
    revisions_in_order,
    seed,
    snapshot,
)


def _counts(tables: dict[str, list[dict[str, object]]]) -> dict[str, int]:
    return {name: len(rows) for name, rows in tables.items()}


def test_every_revision_up_and_down_over_seeded_data(db_url: str) -> None:
    engine = engine_for(db_url)
    try:
        revisions = revisions_in_order()
        assert len(revisions) >= 4
        for number, revision in enumerate(revisions):
            below = revision.down_revision or "base"
            if revision.down_revision is not None:
                seed(engine, number)
            before, before_cols = snapshot(engine), columns(engine)
            migrate_to(engine, revision.revision)
            after, after_cols = snapshot(engine), columns(engine)
            kept = {name: n for name, n in _counts(after).items() if name in before}
            assert kept == {name: n for name, n in _counts(before).items() if name in after}, revision.revision
            assert current(engine) == revision.revision
            if revision.down_revision is not None:
                seed(engine, number + 100)  # rows the new schema allows must survive its downgrade too
                after, after_cols = snapshot(engine), columns(engine)
            migrate_to(engine, below, down=True)
            down, down_cols = snapshot(engine), columns(engine)
            shared = {name: after_cols[name] & down_cols[name] for name in after if name in down}
            assert project(down, shared) == project(after, shared), f"downgrade of {revision.revision}"
            assert set(down) == set(before), f"downgrade of {revision.revision} keeps the tables before it"
            migrate_to(engine, revision.revision)
            again = {name: after_cols[name] & before_cols[name] for name in after if name in before}
            assert project(snapshot(engine), again) == project(after, again), \
                f"{revision.revision} again after its downgrade"
        migrate_to(engine, "base", down=True)
        assert not set(sa.inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def _outbox_row(conn: sa.Connection, message_id: str, interview_id: int, contact: str, state: str,
                phase: str | None = None) -> None:
    at = datetime(2026, 3, 2, 9, 0)
    conn.execute(sa.text(
        "INSERT INTO outbox (message_id, interview_id, contact, kind, sender, recipients, subject, body, send_at, "
        "state, phase, attempts, created_at, updated_at) VALUES (:m, :i, :c, 'follow-up', 'me@example.org', '[]', "
        "'Thanks', 'Body', :t, :s, :p, 0, :t, :t)"),
        {"m": message_id, "i": interview_id, "c": contact, "s": state, "p": phase, "t": at})


def test_two_active_follow_ups_to_one_person_upgrade(db_url: str) -> None:
    """Revision 0002 let the CLI and the web server both queue the same person's follow-up; 0003's unique
    index then failed to build and the database could not be opened. Now the one that went furthest is
    kept, duplicates not yet sent are set aside as failed (with why), and sent ones stay in the history."""
    engine = engine_for(db_url)
    migrate_to(engine, "0002_outbox")
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO interviews (owner, identity, candidate_name, company, role, start_utc, start_offset, "
            "deadline_utc, owed, open, created_at, updated_at) VALUES ('local', 'x', 'Ann', 'Acme', 'Dev', :t, 0, "
            ":t, 1, true, :t, :t)"), {"t": datetime(2026, 3, 1, 10, 0)})
        ident = int(conn.exec_driver_sql("SELECT id FROM interviews").scalar_one())
        _outbox_row(conn, "<a@x>", ident, "ben", "queued")
        _outbox_row(conn, "<b@x>", ident, "ben", "sent")
        _outbox_row(conn, "<c@x>", ident, "ben", "queued")
        _outbox_row(conn, "<d@x>", ident, "ben", "sent")
        _outbox_row(conn, "<e@x>", ident, "ann", "sending", "claimed")
        _outbox_row(conn, "<f@x>", ident, "ann", "sending", "data")
        _outbox_row(conn, "<g@x>", ident, "kim", "queued")
    engine.dispose()
    service = open_service(db_url)  # migrates to head
    try:
        assert service.count_interviews() == 1
    finally:
        service.close()
    engine = engine_for(db_url)
    try:
        with engine.connect() as conn:
            rows = {r.message_id: r for r in conn.execute(sa.text(
                "SELECT message_id, kind, state, last_error FROM outbox"))}
    finally:
        engine.dispose()
    assert len(rows) == 7
    assert (rows["<b@x>"].kind, rows["<b@x>"].state) == ("follow-up", "sent")  # the first sent is kept
    assert (rows["<d@x>"].kind, rows["<d@x>"].state) == ("duplicate", "sent")  # went out too: history
    for queued in ("<a@x>", "<c@x>"):
        assert rows[queued].state == "failed" and "<b@x>" not in (rows[queued].last_error or "")
        assert "duplicate" in (rows[queued].last_error or "")
    assert (rows["<f@x>"].kind, rows["<f@x>"].state) == ("follow-up", "sending")  # reached DATA: kept
    assert rows["<e@x>"].state == "failed"
    assert (rows["<g@x>"].kind, rows["<g@x>"].state) == ("follow-up", "queued")


def test_withdrawn_messages_become_cancelled_and_go_back_on_downgrade(db_url: str) -> None:
    """Up to revision 0005 a message the user cancelled was `failed` plus the text 'cancelled by the user' (and
    a check-in's, withdrawn with it, `failed` plus 'check-in cancelled: …'); 0006 gives them the state
    `cancelled`, keeping the text, and leaves a message the server refused `failed`. The downgrade writes them
    back as the older code did."""
    engine = engine_for(db_url)
    try:
        migrate_to(engine, "0005_check_ins")
        with engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO interviews (owner, identity, candidate_name, company, role, start_utc, start_offset, "
                "deadline_utc, owed, open, created_at, updated_at) VALUES ('local', 'x', 'Ann', 'Acme', 'Dev', :t, "
                "0, :t, 1, true, :t, :t)"), {"t": datetime(2026, 3, 1, 10, 0)})
            ident = int(conn.exec_driver_sql("SELECT id FROM interviews").scalar_one())
            for message_id, contact, error in [("<user@x>", "ben", "cancelled by the user"),
                                               ("<refused@x>", "ann", "550 no such user"),
                                               ("<check-in@x>", "kim", "check-in cancelled: they replied (<r@x>)")]:
                _outbox_row(conn, message_id, ident, contact, "failed")
                conn.execute(sa.text("UPDATE outbox SET last_error = :e WHERE message_id = :m"),
                             {"e": error, "m": message_id})
            conn.execute(sa.text("UPDATE outbox SET kind = 'check-in' WHERE message_id = '<check-in@x>'"))

        def states() -> dict[str, tuple[str, str]]:
            with engine.connect() as conn:
                return {r.message_id: (r.state, r.last_error)
                        for r in conn.execute(sa.text("SELECT message_id, state, last_error FROM outbox"))}

        migrate_to(engine, "0006_outbox_states")
        assert states() == {"<user@x>": ("cancelled", "cancelled by the user"),
                            "<refused@x>": ("failed", "550 no such user"),
                            "<check-in@x>": ("cancelled", "check-in cancelled: they replied (<r@x>)")}
        migrate_to(engine, "0005_check_ins", down=True)
        assert states() == {"<user@x>": ("failed", "cancelled by the user"),
                            "<refused@x>": ("failed", "550 no such user"),
                            "<check-in@x>": ("failed", "check-in cancelled: they replied (<r@x>)")}
    finally:
        engine.dispose()
