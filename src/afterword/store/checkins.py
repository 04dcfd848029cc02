"""Check-ins: the touchpoint that waits for silence after a follow-up, one per person and interview.

States (one place): `pending` (stored, waiting for its time) → `queued` (handed to the outbox, in the
same transaction) → `sent` (the outbox says so); `pending` or `queued` → `cancelled` (a reply or an
outcome) or `dropped` (the user). A `queued` check-in whose outbox message has not been claimed yet is
withdrawn from the outbox together with its cancellation. Functions take the caller's connection, so a
reply, its touchpoint and the check-ins it cancels are one transaction.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    ForeignKeyConstraint,
    Index,
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

from afterword.core.outbox import MessageKind, OutboxState
from afterword.store import touchpoint_outbox
from afterword.store.outbox import NewMessage, move
from afterword.store.tables import UTCDateTime, interviews, metadata, touchpoints


class CheckInState(enum.StrEnum):
    PENDING = "pending"
    QUEUED = "queued"
    SENT = "sent"
    CANCELLED = "cancelled"
    DROPPED = "dropped"

    @property
    def is_open(self) -> bool:
        """Still to go out: a reply, an outcome or the user can stop it."""
        return self in (CheckInState.PENDING, CheckInState.QUEUED)


OPEN = (str(CheckInState.PENDING), str(CheckInState.QUEUED))

check_ins = Table(
    "check_ins",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, nullable=False),
    Column("contact_key", String(64), nullable=False),
    Column("state", String(16), nullable=False),
    Column("due_at", UTCDateTime, nullable=False),
    Column("waits_for", String(10), nullable=True),  # ISO date: the last day the next step can mean
    Column("language", String(8), nullable=False),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("outbox_id", Integer, nullable=True),
    Column("reason", Text, nullable=True),  # why it was cancelled or dropped
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime, nullable=True),
    Column("closed_at", UTCDateTime, nullable=True),
    ForeignKeyConstraint(
        ["interview_id", "contact_key"], ["contacts.interview_id", "contacts.key"], ondelete="CASCADE"
    ),
    # One check-in per person and interview: two workers scheduling at once cannot store two.
    UniqueConstraint("interview_id", "contact_key"),
    Index("ix_check_ins_state_due", "state", "due_at"),
)


@dataclass(frozen=True)
class CheckInRow:
    id: int
    interview_id: int
    contact: str
    state: CheckInState
    due_at: datetime
    waits_for: str | None
    language: str
    subject: str
    body: str
    version: int
    outbox_id: int | None
    reason: str | None
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    closed_at: datetime | None


def _row(m: Any) -> CheckInRow:
    return CheckInRow(
        id=m["id"], interview_id=m["interview_id"], contact=m["contact_key"], state=CheckInState(m["state"]),
        due_at=m["due_at"], waits_for=m["waits_for"], language=m["language"], subject=m["subject"],
        body=m["body"], version=m["version"], outbox_id=m["outbox_id"], reason=m["reason"],
        created_at=m["created_at"], updated_at=m["updated_at"], sent_at=m["sent_at"], closed_at=m["closed_at"],
    )


def add(conn: Connection, interview_id: int, contact: str, *, due_at: datetime, waits_for: str | None,
        language: str, subject: str, body: str, now: datetime) -> int | None:
    """Store a pending check-in unless the person already has one (then None)."""
    exists = conn.scalar(select(check_ins.c.id).where(
        check_ins.c.interview_id == interview_id, check_ins.c.contact_key == contact))
    if exists is not None:
        return None
    new_id = conn.scalar(insert(check_ins).values(
        interview_id=interview_id, contact_key=contact, state=str(CheckInState.PENDING), due_at=due_at,
        waits_for=waits_for, language=language, subject=subject, body=body, version=1, created_at=now,
        updated_at=now,
    ).returning(check_ins.c.id))
    assert isinstance(new_id, int)
    return new_id


def without_check_in(conn: Connection, owner: str) -> list[tuple[int, str, datetime]]:
    """(interview, contact, sent at) of sent email follow-ups whose person has no check-in yet."""
    query = (
        select(touchpoints.c.interview_id, touchpoints.c.contact_key, touchpoints.c.sent_at)
        .join(interviews, interviews.c.id == touchpoints.c.interview_id)
        .outerjoin(check_ins, (check_ins.c.interview_id == touchpoints.c.interview_id)
                   & (check_ins.c.contact_key == touchpoints.c.contact_key))
        .where(interviews.c.owner == owner, touchpoints.c.channel == "email", touchpoints.c.status == "sent",
               check_ins.c.id.is_(None))
        .order_by(touchpoints.c.interview_id, touchpoints.c.id)
    )
    return [(iid, key, sent_at) for iid, key, sent_at in conn.execute(query)]


def listing(conn: Connection, owner: str, *, interview_ids: Sequence[int] | None = None,
            states: Sequence[str] = (), due_by: datetime | None = None) -> list[CheckInRow]:
    """This owner's check-ins, soonest first."""
    query = (select(check_ins).join(interviews, interviews.c.id == check_ins.c.interview_id)
             .where(interviews.c.owner == owner).order_by(check_ins.c.due_at, check_ins.c.id))
    if interview_ids is not None:
        query = query.where(check_ins.c.interview_id.in_(tuple(interview_ids)))
    if states:
        query = query.where(check_ins.c.state.in_(tuple(states)))
    if due_by is not None:
        query = query.where(check_ins.c.due_at <= due_by)
    return [_row(m) for m in conn.execute(query).mappings()]


def get(conn: Connection, owner: str, check_in_id: int) -> CheckInRow | None:
    found = conn.execute(
        select(check_ins).join(interviews, interviews.c.id == check_ins.c.interview_id)
        .where(check_ins.c.id == check_in_id, interviews.c.owner == owner)
    ).mappings().first()
    return _row(found) if found is not None else None


def edit(conn: Connection, row: CheckInRow, subject: str, body: str, now: datetime,
         due_at: datetime | None = None) -> bool:
    """Change a pending check-in's text (and time); False when it moved on or changed meanwhile."""
    values: dict[str, Any] = {"subject": subject, "body": body, "version": row.version + 1, "updated_at": now}
    if due_at is not None:
        values["due_at"] = due_at
    done = conn.execute(update(check_ins).where(
        check_ins.c.id == row.id, check_ins.c.version == row.version,
        check_ins.c.state == str(CheckInState.PENDING)).values(**values))
    return done.rowcount == 1


def hand_to_outbox(conn: Connection, row: CheckInRow, message: NewMessage, now: datetime) -> int | None:
    """`pending` → `queued` and its outbox message, in the caller's transaction; None when it is not pending."""
    return touchpoint_outbox.hand_to_outbox(conn, check_ins, row.id, row.version, message, MessageKind.CHECK_IN, now,
                                            same_version=False)


def mark_sent(conn: Connection, outbox_id: int, at: datetime) -> bool:
    return touchpoint_outbox.mark_sent(conn, check_ins, outbox_id, at)


def back_to_pending(conn: Connection, outbox_id: int, at: datetime) -> bool:
    """A check-in whose message was withdrawn or refused before it went out waits again (to be edited or sent)."""
    return touchpoint_outbox.back_to_pending(conn, check_ins, outbox_id, at)


def close(conn: Connection, interview_id: int, contact: str | None, state: CheckInState, reason: str,
          now: datetime, *, only: int | None = None) -> list[CheckInRow]:
    """Cancel or drop the open check-ins of a person (or, with `contact` None, of the whole interview).

    A queued one goes too while its outbox message waits (`queued`); one already being sent is left to
    finish. Returns the check-ins closed."""
    assert state in (CheckInState.CANCELLED, CheckInState.DROPPED)
    query = select(check_ins).where(check_ins.c.interview_id == interview_id, check_ins.c.state.in_(OPEN))
    if contact is not None:
        query = query.where(check_ins.c.contact_key == contact)
    if only is not None:
        query = query.where(check_ins.c.id == only)
    closed: list[CheckInRow] = []
    for row in [_row(m) for m in conn.execute(query).mappings()]:
        if row.state is CheckInState.QUEUED and not move(
                conn, row.outbox_id or 0, OutboxState.QUEUED, OutboxState.CANCELLED, now,
                values={"last_error": f"check-in {state}: {reason}"}):
            continue  # on its way already: the outbox decides
        conn.execute(update(check_ins).where(check_ins.c.id == row.id).values(
            state=str(state), reason=reason, closed_at=now, updated_at=now, version=row.version + 1))
        closed.append(row)
    return closed
