"""A touchpoint that goes out as one outbox message (a check-in, the reply to a rejection): the same three steps
over its own table, in the caller's transaction. The table has `id`, `state` (`pending` → `queued` → `sent`),
`version`, `outbox_id`, `sent_at` and `updated_at`."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import Connection, Table, update

from afterword.core.outbox import MessageKind
from afterword.store.outbox import NewMessage, insert_queued

PENDING, QUEUED, SENT = "pending", "queued", "sent"


def hand_to_outbox(conn: Connection, table: Table, row_id: int, version: int, message: NewMessage,
                   kind: MessageKind, now: datetime, *, same_version: bool) -> int | None:
    """`pending` → `queued` and its outbox message; None when it is not pending (or, with `same_version`, was
    edited since it was read): it goes into the outbox once."""
    where = [table.c.id == row_id, table.c.state == PENDING]
    if same_version:
        where.append(table.c.version == version)
    moved = conn.execute(update(table).where(*where).values(state=QUEUED, updated_at=now, version=version + 1))
    if moved.rowcount != 1:
        return None
    outbox_id = insert_queued(conn, replace(message, kind=kind), now)
    conn.execute(update(table).where(table.c.id == row_id).values(outbox_id=outbox_id))
    return outbox_id


def mark_sent(conn: Connection, table: Table, outbox_id: int, at: datetime) -> bool:
    done = conn.execute(update(table).where(table.c.outbox_id == outbox_id, table.c.state == QUEUED).values(
        state=SENT, sent_at=at, updated_at=at, version=table.c.version + 1))
    return done.rowcount == 1


def back_to_pending(conn: Connection, table: Table, outbox_id: int, at: datetime) -> bool:
    """Its message was withdrawn or refused before it went out: it waits again, to be edited or sent."""
    done = conn.execute(update(table).where(table.c.outbox_id == outbox_id, table.c.state == QUEUED).values(
        state=PENDING, outbox_id=None, updated_at=at, version=table.c.version + 1))
    return done.rowcount == 1
