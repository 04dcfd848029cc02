"""Outbox tables and their atomic steps: queue, claim, mark DATA started, finish, recover, resolve.

Each function is one short transaction of its own, committed before it returns, so that
the state on disk always says how far a message got (see afterword.delivery.outbox for
the state machine these steps implement). Each goes through the store's one error path
(`failures.guarded`): a database error is a one-line StoreError, never the SQL with a message body.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    and_,
    func,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine

from afterword.core.errors import InputError
from afterword.core.model import Channel, TouchpointStatus
from afterword.core.outbox import ACTIVE, MessageKind, OutboxState, touchpoint_status
from afterword.store.engine import WRITE_OPTION
from afterword.store.failures import guarded
from afterword.store.repo import Repo
from afterword.store.tables import UTCDateTime, metadata

#: The rows `uq_outbox_active_follow_up` keeps unique (failed and cancelled ones may be sent again).
ACTIVE_FOLLOW_UP = (f"kind = '{MessageKind.FOLLOW_UP}' AND state IN "
                    f"({', '.join(repr(str(s)) for s in OutboxState if s in ACTIVE)})")
#: The rows `uq_outbox_active_rejection_reply` keeps unique: one reply to a rejection per interview on its way.
ACTIVE_REJECTION_REPLY = (f"kind = '{MessageKind.REJECTION_REPLY}' AND state IN "
                          f"({', '.join(repr(str(s)) for s in OutboxState if s in ACTIVE)})")

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("message_id", String(255), nullable=False, unique=True),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"), nullable=True),
    Column("contact", String(200), nullable=True),
    Column("kind", String(16), nullable=False, default="follow-up"),
    Column("sender", Text, nullable=False),
    Column("recipients", Text, nullable=False),  # JSON: [[address, name, smtputf8], …]
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("html", Text, nullable=True),
    Column("in_reply_to", String(255), nullable=True),
    Column("send_at", UTCDateTime, nullable=False),
    Column("state", String(16), nullable=False, default="queued"),
    Column("phase", String(16), nullable=True),  # while sending: claimed | data
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text, nullable=True),
    Column("refused", Text, nullable=True),  # JSON {address: reply}
    Column("claimed_by", String(200), nullable=True),
    Column("lease_until", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime, nullable=True),
    Column("settled_by", String(16), nullable=True),  # for unknown ones: imap | user
    Column("replied_at", UTCDateTime, nullable=True),
    Column("reply_message_id", String(998), nullable=True),
    Index("ix_outbox_due", "state", "send_at"),
    Index("ix_outbox_interview", "interview_id", "contact"),
    # One follow-up per contact that is queued, on its way, or sent: the database, not a check
    # before the insert, is what stops the CLI and the web server queueing the same email twice.
    Index("uq_outbox_active_follow_up", "interview_id", "contact", unique=True,
          sqlite_where=text(ACTIVE_FOLLOW_UP), postgresql_where=text(ACTIVE_FOLLOW_UP)),
    Index("uq_outbox_active_rejection_reply", "interview_id", unique=True,
          sqlite_where=text(ACTIVE_REJECTION_REPLY), postgresql_where=text(ACTIVE_REJECTION_REPLY)),
)

social_done = Table(
    "social_done",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False),
    Column("contact", String(200), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("personalised", Boolean, nullable=False, default=False),
    Column("done_at", UTCDateTime, nullable=False),
    Index("ix_social_done_at", "channel", "done_at"),
)

class DuplicateMessageError(InputError):
    """This Message-ID, or another active follow-up to the same contact, is already in the outbox."""


class LostClaimError(RuntimeError):
    """The row is no longer claimed by this worker (its lease ran out and it was recovered)."""


@dataclass(frozen=True)
class OutboxRow:
    id: int
    message_id: str
    interview_id: int | None
    contact: str | None
    kind: MessageKind
    sender: str
    recipients: tuple[tuple[str, str | None, bool], ...]
    subject: str
    body: str
    html: str | None
    in_reply_to: str | None
    send_at: datetime
    state: OutboxState
    phase: str | None
    attempts: int
    last_error: str | None
    refused: dict[str, str]
    claimed_by: str | None
    lease_until: datetime | None
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    settled_by: str | None
    replied_at: datetime | None


def _row(mapping: Any) -> OutboxRow:
    m = dict(mapping)
    return OutboxRow(
        id=m["id"], message_id=m["message_id"], interview_id=m["interview_id"], contact=m["contact"],
        kind=MessageKind(m["kind"]), sender=m["sender"],
        recipients=tuple((a, n, bool(u)) for a, n, u in json.loads(m["recipients"])),
        subject=m["subject"], body=m["body"], html=m["html"], in_reply_to=m["in_reply_to"],
        send_at=m["send_at"], state=OutboxState(m["state"]), phase=m["phase"], attempts=m["attempts"],
        last_error=m["last_error"], refused=json.loads(m["refused"]) if m["refused"] else {},
        claimed_by=m["claimed_by"], lease_until=m["lease_until"], created_at=m["created_at"],
        updated_at=m["updated_at"], sent_at=m["sent_at"], settled_by=m["settled_by"],
        replied_at=m["replied_at"],
    )


@dataclass(frozen=True)
class NewMessage:
    message_id: str
    sender: str
    recipients: tuple[tuple[str, str | None, bool], ...]
    subject: str
    body: str
    send_at: datetime
    interview_id: int | None = None
    contact: str | None = None
    kind: MessageKind = MessageKind.FOLLOW_UP
    html: str | None = None
    in_reply_to: str | None = None


def _writer(engine: Engine) -> Engine:
    """Write transactions: the store's engine then begins them with BEGIN IMMEDIATE on SQLite."""
    return engine.execution_options(**{WRITE_OPTION: True})


def _begin_immediate(conn: Connection) -> None:
    """On SQLite hold the write lock from the start, so two workers never read the same 'queued' row.

    The store's engine already began with BEGIN IMMEDIATE (see `_writer`); a plain pysqlite
    engine has not begun anything yet, so take the lock here.
    """
    if conn.dialect.name != "sqlite":
        return
    raw = conn.connection.dbapi_connection
    if raw is not None and not getattr(raw, "in_transaction", False):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


@guarded
def queue_messages(engine: Engine, messages: Sequence[NewMessage], now: datetime) -> list[int]:
    """Store messages as `queued`, all or none, and their follow-ups' touchpoints `scheduled` with them."""
    from sqlalchemy.exc import IntegrityError

    try:
        with _writer(engine).begin() as conn:
            return [insert_queued(conn, m, now) for m in messages]
    except IntegrityError:
        raise DuplicateMessageError(
            "already in the outbox: this message, or another email to the same contact that is queued, "
            "being sent or sent") from None


def insert_queued(conn: Connection, m: NewMessage, now: datetime) -> int:
    """One message into the outbox as `queued` in the caller's transaction (the move from nothing)."""
    result = conn.execute(outbox.insert().values(
        message_id=m.message_id, interview_id=m.interview_id, contact=m.contact, kind=str(m.kind),
        sender=m.sender, recipients=json.dumps([list(r) for r in m.recipients], ensure_ascii=False),
        subject=m.subject, body=m.body, html=m.html, in_reply_to=m.in_reply_to, send_at=m.send_at,
        state=str(OutboxState.QUEUED), attempts=0, created_at=now, updated_at=now,
    ).returning(outbox.c.id))
    row_id = result.scalar_one()
    _follow(conn, _Moved(row_id, m.kind, m.interview_id, m.contact), None, OutboxState.QUEUED, now)
    return int(row_id)


@dataclass(frozen=True)
class _Moved:
    id: int
    kind: MessageKind | str
    interview_id: int | None
    contact: str | None


def move(
    conn: Connection, row_ids: int | Iterable[int], source: OutboxState, target: OutboxState, now: datetime, *,
    worker: str | None = None, values: dict[str, Any] | None = None, at: datetime | None = None,
) -> list[int]:
    """The outbox's one transition: move the messages of `row_ids` still in `source` (and claimed by `worker`,
    when given) to `target`, in the caller's transaction, and give their touchpoints and check-ins what the
    move implies (core.outbox.TRANSITIONS) in that same transaction. Returns the ids moved; a move the state
    machine does not have raises IllegalTransitionError before anything is written."""
    touchpoint_status(source, target)  # refuses an illegal move
    wanted = (row_ids,) if isinstance(row_ids, int) else tuple(row_ids)
    if not wanted:
        return []
    query = update(outbox).where(outbox.c.id.in_(wanted), outbox.c.state == str(source))
    if worker is not None:
        query = query.where(outbox.c.claimed_by == worker)
    moved = conn.execute(
        query.values(state=str(target), updated_at=now, **(values or {}))
        .returning(outbox.c.id, outbox.c.kind, outbox.c.interview_id, outbox.c.contact)
    ).all()
    for row_id, kind, interview_id, contact in moved:
        _follow(conn, _Moved(row_id, kind, interview_id, contact), source, target, at or now)
    return [int(m[0]) for m in moved]


def _follow(conn: Connection, row: _Moved, source: OutboxState | None, target: OutboxState, at: datetime) -> None:
    """What a move means outside the outbox: the follow-up's touchpoint status, the check-in's state."""
    if row.interview_id is None or not row.contact:
        return
    if row.kind == MessageKind.CHECK_IN:
        from afterword.store import checkins

        if target is OutboxState.SENT:
            checkins.mark_sent(conn, row.id, at)
        elif source is OutboxState.QUEUED and target in (OutboxState.CANCELLED, OutboxState.FAILED):
            checkins.back_to_pending(conn, row.id, at)
        return
    if row.kind == MessageKind.REJECTION_REPLY:
        from afterword.store import rejection_replies

        if target is OutboxState.SENT:
            rejection_replies.mark_sent(conn, row.id, at)
        elif source is OutboxState.QUEUED and target in (OutboxState.CANCELLED, OutboxState.FAILED):
            rejection_replies.back_to_pending(conn, row.id, at)
        return
    status = touchpoint_status(source, target)
    if row.kind == MessageKind.FOLLOW_UP and status is not None:
        _touch(conn, row.interview_id, row.contact, status, at)


def _touch(conn: Connection, interview_id: int, contact: str, status: TouchpointStatus, at: datetime) -> None:
    """The email touchpoint's status, in the caller's transaction (the outbox row already belongs to this
    interview, so no owner scope is needed)."""
    repo = Repo(conn, owner="")
    found = repo.touchpoint_row(interview_id, contact, Channel.EMAIL)
    if found is None or found["status"] in (str(status), str(TouchpointStatus.REPLIED)):
        return  # no draft (deleted meanwhile), nothing new, or a reply came first: it stays the last word
    repo.update_touchpoint(found, None, at, status=str(status))
    repo.refresh_owed(interview_id)


@guarded
def claim_next(
    engine: Engine, worker: str, now: datetime, lease_until: datetime, *, only: Iterable[int] | None = None
) -> OutboxRow | None:
    """Move the most overdue `queued` message to `sending` for `worker` and commit; None when nothing is due.

    `only` limits the claim to some rows (the ones `send` just queued for immediate sending).
    """
    with _writer(engine).begin() as conn:
        _begin_immediate(conn)
        pick = (
            select(outbox.c.id)
            .where(outbox.c.state == str(OutboxState.QUEUED), outbox.c.send_at <= now)
            .order_by(outbox.c.send_at, outbox.c.id)
            .limit(1)
        )
        if only is not None:
            pick = pick.where(outbox.c.id.in_(tuple(only)))
        if conn.dialect.name == "postgresql":
            pick = pick.with_for_update(skip_locked=True)
        row_id = conn.execute(pick).scalar_one_or_none()
        if row_id is None:
            return None
        if not move(conn, row_id, OutboxState.QUEUED, OutboxState.SENDING, now,
                    values={"phase": "claimed", "claimed_by": worker, "lease_until": lease_until}):
            return None
        return _row(conn.execute(select(outbox).where(outbox.c.id == row_id)).mappings().one())


@guarded
def claimable(engine: Engine, now: datetime, *, only: Iterable[int] | None = None) -> bool:
    """Whether a `queued` message is due (among `only`, when given)."""
    query = select(outbox.c.id).where(outbox.c.state == str(OutboxState.QUEUED), outbox.c.send_at <= now).limit(1)
    if only is not None:
        query = query.where(outbox.c.id.in_(tuple(only)))
    with engine.connect() as conn:
        return conn.execute(query).first() is not None


@guarded
def mark_data_started(engine: Engine, row_id: int, worker: str, now: datetime) -> None:
    """From here on the server may have the message: a crash now means `unknown`, never a resend.

    This one commit is durable even against a power cut (SQLite: `synchronous=FULL`, see `_durable`):
    were it lost after DATA went out, the message would be `queued` again and sent twice. The state
    stays `sending` (only the phase moves), so this is not a transition.
    """
    with _writer(engine).connect() as conn, _durable(conn), conn.begin():
        done = conn.execute(
            update(outbox)
            .where(outbox.c.id == row_id, outbox.c.state == str(OutboxState.SENDING), outbox.c.claimed_by == worker)
            .values(phase="data", updated_at=now)
        )
        if done.rowcount != 1:
            raise LostClaimError(f"outbox message {row_id} is no longer claimed by this worker")


@contextmanager
def _durable(conn: Connection) -> Iterator[None]:
    """SQLite in WAL mode with `synchronous=NORMAL` (the store's setting) keeps every commit through a
    crash of the process, and may lose the last ones to a power cut or an OS crash. For the outbox only
    the DATA mark matters: losing a claim or a `sent` puts the row back to `queued` before DATA (nothing
    was sent) or to `unknown` (never sent again). So that commit alone syncs the WAL (`FULL`); the
    rest keep NORMAL's speed. PostgreSQL's default `synchronous_commit=on` already waits for the disk.
    """
    raw = conn.connection.dbapi_connection if conn.dialect.name == "sqlite" else None
    if raw is None:
        yield
        return
    raw.execute("PRAGMA synchronous = FULL")  # pysqlite without its own transactions: runs as is
    try:
        yield
    finally:
        raw.execute("PRAGMA synchronous = NORMAL")


_RELEASED: dict[str, Any] = {"phase": None, "claimed_by": None, "lease_until": None}


@guarded
def finish(
    engine: Engine,
    row_id: int,
    worker: str,
    state: OutboxState | str,
    now: datetime,
    *,
    detail: str | None = None,
    refused: dict[str, str] | None = None,
    retry_at: datetime | None = None,
) -> bool:
    """Record how a send ended (`queued` again with `retry_at`, `sent`, `failed` or `unknown`); a `sent`
    message's touchpoint (or check-in) says so in the same transaction."""
    state = OutboxState(state)
    values: dict[str, Any] = {
        **_RELEASED, "last_error": detail if state is not OutboxState.SENT else None,
        "refused": json.dumps(refused, ensure_ascii=False) if refused else None,
    }
    if state is OutboxState.SENT:
        values["sent_at"] = now
    if state is OutboxState.QUEUED and retry_at is not None:
        values["send_at"] = retry_at
        values["attempts"] = outbox.c.attempts + 1
    with _writer(engine).begin() as conn:
        return bool(move(conn, row_id, OutboxState.SENDING, state, now, worker=worker, values=values))


@guarded
def recover(
    engine: Engine, now: datetime, is_dead: Callable[[str], bool]
) -> list[tuple[int, str]]:
    """Resolve `sending` rows whose worker died or whose lease ran out.

    Claimed but DATA never started: nothing can have been delivered, back to `queued`.
    DATA started: the server may have it, so `unknown` (settled via IMAP or by the user).
    """
    changed: list[tuple[int, str]] = []
    with _writer(engine).begin() as conn:
        _begin_immediate(conn)
        rows = conn.execute(
            select(outbox.c.id, outbox.c.phase, outbox.c.claimed_by, outbox.c.lease_until)
            .where(outbox.c.state == str(OutboxState.SENDING))
        ).all()
        for row_id, phase, claimed_by, lease_until in rows:
            expired = lease_until is None or lease_until <= now
            if not (expired or is_dead(claimed_by or "")):
                continue
            if phase == "data":
                new_state, detail = OutboxState.UNKNOWN, "the sender stopped after handing the message to the server"
            else:
                new_state, detail = OutboxState.QUEUED, None
            move(conn, row_id, OutboxState.SENDING, new_state, now, worker=claimed_by,
                 values={**_RELEASED, "last_error": detail})
            changed.append((row_id, str(new_state)))
    return changed


@guarded
def settle_unknown(engine: Engine, row_id: int, sent: bool, by: str, now: datetime) -> bool:
    """An `unknown` message becomes `sent` (it was found or the user says so) or `queued` again."""
    values: dict[str, Any] = {"settled_by": by, "last_error": None}
    if sent:
        values.update(sent_at=now)
    else:
        values.update(send_at=now)
    target = OutboxState.SENT if sent else OutboxState.QUEUED
    with _writer(engine).begin() as conn:
        return bool(move(conn, row_id, OutboxState.UNKNOWN, target, now, values=values))


@guarded
def requeue_failed(engine: Engine, row_id: int, now: datetime) -> bool:
    with _writer(engine).begin() as conn:
        return bool(move(conn, row_id, OutboxState.FAILED, OutboxState.QUEUED, now,
                         values={"send_at": now, "last_error": None, "attempts": 0}))


@guarded
def withdraw(engine: Engine, row_ids: Iterable[int], detail: str, now: datetime) -> list[int]:
    """Take back `queued` messages that cannot go (the login was refused): `failed`, no attempt charged;
    their drafts are editable again (a check-in waits again) in the same transaction."""
    wanted = tuple(row_ids)
    if not wanted:
        return []
    with _writer(engine).begin() as conn:
        _begin_immediate(conn)
        return move(conn, wanted, OutboxState.QUEUED, OutboxState.FAILED, now, values={"last_error": detail})


@guarded
def handed_over_since(engine: Engine, since: datetime) -> list[datetime]:
    """When messages were handed to an SMTP server (or are being) since `since`, newest first.

    Counts sent ones by `sent_at`, and `sending` / `unknown` ones by their last change: what the
    send-rate limit counts, whichever worker or process sent them.
    """
    moving = and_(outbox.c.state.in_((str(OutboxState.SENDING), str(OutboxState.UNKNOWN))),
                  outbox.c.updated_at >= since)
    with engine.connect() as conn:
        rows = conn.execute(
            select(outbox.c.state, outbox.c.sent_at, outbox.c.updated_at)
            .where((and_(outbox.c.state == str(OutboxState.SENT), outbox.c.sent_at >= since)) | moving)
        ).all()
    times = [(sent_at if state == OutboxState.SENT else updated_at) for state, sent_at, updated_at in rows]
    return sorted((t if t.tzinfo else t.replace(tzinfo=UTC) for t in times), reverse=True)


#: The reason kept with a message the user cancelled.
CANCELLED_BY_USER = "cancelled by the user"


@guarded
def cancel(engine: Engine, row_id: int, now: datetime) -> bool:
    """Withdraw a message that has not been sent yet (only from `queued`): `cancelled`, and its draft editable
    again (a check-in waits again) in the same transaction."""
    with _writer(engine).begin() as conn:
        return bool(move(conn, row_id, OutboxState.QUEUED, OutboxState.CANCELLED, now,
                         values={"last_error": CANCELLED_BY_USER}))


@guarded
def get(engine: Engine, row_id: int) -> OutboxRow | None:
    with engine.connect() as conn:
        found = conn.execute(select(outbox).where(outbox.c.id == row_id)).mappings().one_or_none()
        return _row(found) if found is not None else None


@guarded
def list_messages(
    engine: Engine, states: Iterable[str] = (), interview_id: int | None = None, *, owner: str | None = None,
    kind: str | None = None, contact: str | None = None,
) -> list[OutboxRow]:
    """Outbox rows, oldest first; `owner` keeps those of that owner's interviews (team mode)."""
    from afterword.store.tables import interviews

    query = select(outbox).order_by(outbox.c.send_at, outbox.c.id)
    wanted = tuple(states)
    if wanted:
        query = query.where(outbox.c.state.in_(wanted))
    if interview_id is not None:
        query = query.where(outbox.c.interview_id == interview_id)
    if kind is not None:
        query = query.where(outbox.c.kind == kind)
    if contact is not None:
        query = query.where(outbox.c.contact == contact)
    if owner is not None:
        mine = select(interviews.c.id).where(interviews.c.owner == owner)
        query = query.where(outbox.c.interview_id.in_(mine))
    with engine.connect() as conn:
        return [_row(m) for m in conn.execute(query).mappings()]


@guarded
def latest_follow_ups(engine: Engine, interview_ids: Iterable[int]) -> dict[tuple[int, str], OutboxRow]:
    """The newest follow-up message of each (interview, contact) among `interview_ids`."""
    wanted = tuple(interview_ids)
    if not wanted:
        return {}
    query = (select(outbox).where(outbox.c.interview_id.in_(wanted), outbox.c.kind == str(MessageKind.FOLLOW_UP),
                                  outbox.c.contact.is_not(None))
             .order_by(outbox.c.id))
    found: dict[tuple[int, str], OutboxRow] = {}
    with engine.connect() as conn:
        for mapping in conn.execute(query).mappings():
            row = _row(mapping)
            assert row.interview_id is not None and row.contact is not None
            found[(row.interview_id, row.contact)] = row  # later ids overwrite earlier ones
    return found


@guarded
def count_by_state(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(select(outbox.c.state, func.count()).group_by(outbox.c.state)).all()
    return {state: int(n) for state, n in rows}


@guarded
def next_due(engine: Engine) -> datetime | None:
    with engine.connect() as conn:
        value: datetime | None = conn.execute(
            select(func.min(outbox.c.send_at)).where(outbox.c.state == str(OutboxState.QUEUED))
        ).scalar_one_or_none()
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


@guarded
def sent_awaiting_reply(engine: Engine) -> list[OutboxRow]:
    """Sent follow-ups (and check-ins) nobody has answered yet: what the reply poller looks for."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(outbox).where(
                outbox.c.state == str(OutboxState.SENT), outbox.c.replied_at.is_(None),
                outbox.c.kind.in_((str(MessageKind.FOLLOW_UP), str(MessageKind.CHECK_IN))),
            ).order_by(outbox.c.id)
        ).mappings()
        return [_row(m) for m in rows]


@guarded
def mark_replied(engine: Engine, row_id: int, reply_id: str, at: datetime) -> bool:
    with _writer(engine).begin() as conn:
        return mark_replied_on(conn, row_id, reply_id, at)


def mark_replied_on(conn: Connection, row_id: int, reply_id: str, at: datetime, *,
                    received: datetime | None = None) -> bool:
    """`mark_replied` inside the caller's transaction (with the check-ins it stops): the message and its
    person's email touchpoint (`replied`, at `received`, when the reply was written) together."""
    done = conn.execute(
        update(outbox).where(and_(outbox.c.id == row_id, outbox.c.replied_at.is_(None)))
        .values(replied_at=at, reply_message_id=reply_id[:998], updated_at=at)
        .returning(outbox.c.interview_id, outbox.c.contact)
    ).all()
    for interview_id, contact in done:
        if interview_id is not None and contact:
            _touch(conn, interview_id, contact, TouchpointStatus.REPLIED, received or at)
    return bool(done)


@guarded
def record_social_done(
    engine: Engine, interview_id: int, contact: str, channel: str, personalised: bool, at: datetime
) -> None:
    with _writer(engine).begin() as conn:
        conn.execute(social_done.insert().values(
            interview_id=interview_id, contact=contact, channel=channel, personalised=personalised, done_at=at,
        ))


@guarded
def count_social_done(engine: Engine, channel: str, since: datetime, until: datetime, *,
                      personalised: bool = True, owner: str | None = None) -> int:
    """How many LinkedIn notes (or X posts) were marked done in [since, until), for one owner's account."""
    from afterword.store.tables import interviews

    query = select(func.count()).select_from(social_done).where(
        social_done.c.channel == channel, social_done.c.personalised.is_(personalised),
        social_done.c.done_at >= since, social_done.c.done_at < until,
    )
    if owner is not None:
        query = query.where(social_done.c.interview_id.in_(select(interviews.c.id).where(interviews.c.owner == owner)))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


@guarded
def social_done_for(engine: Engine, interview_id: int) -> list[tuple[str, str, datetime]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(social_done.c.contact, social_done.c.channel, social_done.c.done_at)
            .where(social_done.c.interview_id == interview_id).order_by(social_done.c.id)
        ).all()
    return [(c, ch, at) for c, ch, at in rows]
