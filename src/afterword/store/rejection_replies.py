"""The reply to a rejection: one per interview, a touchpoint of its own (issue 12, point 4).

States (one place): `pending` (stored, editable) → `queued` (handed to the outbox, in the same transaction)
→ `sent` (the outbox says so); `pending` → `dropped` (the user). A `queued` reply whose message is withdrawn
or refused before it went out is `pending` again. Functions take the caller's connection, so an outcome and
the reply it stores, or a reply and its outbox message, are one transaction.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    ForeignKeyConstraint,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection

from afterword.core.outbox import MessageKind
from afterword.store import touchpoint_outbox
from afterword.store.outbox import NewMessage
from afterword.store.tables import UTCDateTime, interviews, metadata


class ReplyState(enum.StrEnum):
    PENDING = "pending"
    QUEUED = "queued"
    SENT = "sent"
    DROPPED = "dropped"


rejection_replies = Table(
    "rejection_replies",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, nullable=False),
    Column("contact_key", String(64), nullable=False),  # who the reply is for: who brought the news
    Column("state", String(16), nullable=False),
    Column("language", String(8), nullable=False),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("outbox_id", Integer, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime, nullable=True),
    Column("closed_at", UTCDateTime, nullable=True),
    ForeignKeyConstraint(
        ["interview_id", "contact_key"], ["contacts.interview_id", "contacts.key"], ondelete="CASCADE"
    ),
    # One reply per interview: setting `rejected` twice, or from two processes at once, cannot store two.
    UniqueConstraint("interview_id"),
)


@dataclass(frozen=True)
class ReplyRow:
    id: int
    interview_id: int
    contact: str
    state: ReplyState
    language: str
    subject: str
    body: str
    version: int
    outbox_id: int | None
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    closed_at: datetime | None


def _row(m: Any) -> ReplyRow:
    return ReplyRow(
        id=m["id"], interview_id=m["interview_id"], contact=m["contact_key"], state=ReplyState(m["state"]),
        language=m["language"], subject=m["subject"], body=m["body"], version=m["version"],
        outbox_id=m["outbox_id"], created_at=m["created_at"], updated_at=m["updated_at"], sent_at=m["sent_at"],
        closed_at=m["closed_at"],
    )


def of_interview(conn: Connection, owner: str, interview_id: int) -> ReplyRow | None:
    found = conn.execute(
        select(rejection_replies).join(interviews, interviews.c.id == rejection_replies.c.interview_id)
        .where(rejection_replies.c.interview_id == interview_id, interviews.c.owner == owner)
    ).mappings().first()
    return _row(found) if found is not None else None


def store(conn: Connection, interview_id: int, contact: str, *, language: str, subject: str, body: str,
          now: datetime) -> tuple[ReplyRow, bool]:
    """The interview's reply, stored once: a new pending one, or the one there is (re-addressed with the new
    text when it is still pending and meant for someone else). Returns it and whether it was new."""
    found = conn.execute(select(rejection_replies).where(
        rejection_replies.c.interview_id == interview_id)).mappings().first()
    if found is None:
        conn.execute(insert(rejection_replies).values(
            interview_id=interview_id, contact_key=contact, state=str(ReplyState.PENDING), language=language,
            subject=subject, body=body, version=1, created_at=now, updated_at=now))
        new = conn.execute(select(rejection_replies).where(
            rejection_replies.c.interview_id == interview_id)).mappings().one()
        return _row(new), True
    row = _row(found)
    if row.state is ReplyState.PENDING and row.contact != contact:
        conn.execute(update(rejection_replies).where(
            rejection_replies.c.id == row.id, rejection_replies.c.state == str(ReplyState.PENDING)
        ).values(contact_key=contact, language=language, subject=subject, body=body, version=row.version + 1,
                 updated_at=now))
        row = replace(row, contact=contact, language=language, subject=subject, body=body, version=row.version + 1)
    return row, False


def edit(conn: Connection, row: ReplyRow, subject: str, body: str, now: datetime) -> bool:
    """Change a pending reply's text; False when it moved on or changed meanwhile."""
    done = conn.execute(update(rejection_replies).where(
        rejection_replies.c.id == row.id, rejection_replies.c.version == row.version,
        rejection_replies.c.state == str(ReplyState.PENDING),
    ).values(subject=subject, body=body, version=row.version + 1, updated_at=now))
    return done.rowcount == 1


def drop(conn: Connection, row: ReplyRow, now: datetime) -> bool:
    """`pending` → `dropped`; False when it is on its way or gone."""
    done = conn.execute(update(rejection_replies).where(
        rejection_replies.c.id == row.id, rejection_replies.c.state == str(ReplyState.PENDING),
    ).values(state=str(ReplyState.DROPPED), closed_at=now, updated_at=now, version=row.version + 1))
    return done.rowcount == 1


def hand_to_outbox(conn: Connection, row: ReplyRow, message: NewMessage, now: datetime) -> int | None:
    """`pending` → `queued` and its outbox message, in the caller's transaction; None when it is not pending (or was edited since `row` was read)."""
    return touchpoint_outbox.hand_to_outbox(conn, rejection_replies, row.id, row.version, message, MessageKind.REJECTION_REPLY, now,
                                            same_version=True)


def mark_sent(conn: Connection, outbox_id: int, at: datetime) -> bool:
    return touchpoint_outbox.mark_sent(conn, rejection_replies, outbox_id, at)


def back_to_pending(conn: Connection, outbox_id: int, at: datetime) -> bool:
    """A reply whose message was withdrawn or refused before it went out waits again (to be edited or sent)."""
    return touchpoint_outbox.back_to_pending(conn, rejection_replies, outbox_id, at)
