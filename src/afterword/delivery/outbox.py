"""The outbox: a message is sent at most once and is never silently lost.

State machine (one row per message; the Message-ID is fixed when the row is queued). Its states, kinds
and allowed moves, with the touchpoint status each move implies, are written once in
afterword.core.outbox; store.outbox.move is the one function that changes a row's state::

    queued ──claim──▶ sending(claimed) ──DATA begins──▶ sending(data) ──250──▶ sent
      ▲                   │                                  │
      │ retry later       │ connect / TLS / login failed,    │ connection lost or timed out
      │ (backoff)         │ 4xx before DATA, 4xx reply to    │ after DATA began
      └───────────────────┘ the message                      ▼
                          │ 5xx for every recipient,       unknown ──found in Sent / user says sent──▶ sent
                          ▼ 5xx reply to the message          └──────user says not sent──────────────▶ queued
                        failed ──user retries──▶ queued

    queued ──the user withdraws it──▶ cancelled     queued ──the login is refused (`send`)──▶ failed

Invariants (proved in tests/delivery/test_outbox*.py and the SIGKILL test):

1. Each step is its own committed transaction, taken *before* the network action it
   allows: the claim commits `sending(claimed)` before connecting; `sending(data)` is
   committed before the DATA command goes out.
2. Only the worker named in `claimed_by` may move a `sending` row on (conditional UPDATE).
3. On restart, a `sending` row whose worker is dead (or whose lease ran out) goes back
   to `queued` if DATA never began — nothing can have been delivered — and to `unknown`
   otherwise. So a message is never sent twice by the program itself, and a message
   only becomes `unknown` when it was really in flight.
4. Claims are disjoint: SQLite takes the write lock first (BEGIN IMMEDIATE); PostgreSQL
   uses `SELECT … FOR UPDATE SKIP LOCKED`; the UPDATE is conditional on `state='queued'`.
5. An `unknown` message is settled only by evidence (its Message-ID in the IMAP Sent
   folder) or by the user (`afterword outbox --resolve ID sent|not-sent`). With `[imap]
   save_sent` Afterword files that copy itself, after RCPT was accepted and before the DATA
   mark (a crash in between sends it again later, without a second copy); a message the
   server then refuses has its copy taken out. So `unknown` settles under both settings: by
   the provider's copy, or by ours of a message the server had whole when the line dropped.
6. Durability, chosen on purpose: SQLite runs WAL with `synchronous=NORMAL`, which keeps every
   commit through a crash of the process (the SIGKILL test) and may lose the last ones to a power
   cut. Losing a claim or a `sent` is safe (back to `queued` before DATA, or `unknown`); losing the
   DATA mark is not (the message would be sent again), so that one commit is `synchronous=FULL`.
"""

from __future__ import annotations

import functools
import os
import secrets
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from afterword.core.errors import AfterwordError, InputError
from afterword.core.outbox import MessageKind, OutboxState
from afterword.delivery.faults import describe_fault
from afterword.delivery.mime import Mailbox, Outgoing
from afterword.delivery.smtp import Delivery, Outcome, SmtpSession
from afterword.store import outbox as store
from afterword.store.outbox import NewMessage, OutboxRow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 8
RATE_WINDOW = timedelta(minutes=1)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def worker_identity() -> str:
    """`host:pid:token`: lets a restarted worker see that the one before it is dead."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


def is_dead(claimed_by: str) -> bool:
    """True when the claiming worker ran on this host and its process is gone."""
    host, _, rest = claimed_by.partition(":")
    pid_text, _, token = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return token not in _OWN_TOKENS
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


#: The identities this process handed out: all alive, since they live as long as the process.
_OWN_TOKENS: set[str] = set()


def new_worker() -> str:
    identity = worker_identity()
    _OWN_TOKENS.add(identity.rsplit(":", 1)[1])
    return identity


def to_new_message(
    message: Outgoing, send_at: datetime, *, interview_id: int | None = None, contact: str | None = None,
    kind: MessageKind = MessageKind.FOLLOW_UP,
) -> NewMessage:
    if send_at.tzinfo is None:
        raise InputError("a send time needs a UTC offset", key="--at")
    return NewMessage(
        message_id=message.message_id, sender=str(message.sender),
        recipients=tuple((box.address, box.name, box.needs_smtputf8) for box in message.to),
        subject=message.subject, body=message.body, html=message.html, in_reply_to=message.in_reply_to,
        send_at=send_at, interview_id=interview_id, contact=contact, kind=kind,
    )


def queue(engine: Engine, messages: Sequence[NewMessage], now: datetime) -> list[int]:
    """Store validated messages as `queued` (all or none)."""
    return store.queue_messages(engine, messages, now)


def outgoing_of(row: OutboxRow) -> Outgoing:
    """Rebuild the validated message from its row (same Message-ID every time)."""
    from afterword.delivery.mime import parse_mailbox

    return Outgoing(
        sender=parse_mailbox(row.sender, "from"),
        to=tuple(Mailbox(address, name, utf8) for address, name, utf8 in row.recipients),
        subject=row.subject, body=row.body, message_id=row.message_id, html=row.html,
        in_reply_to=row.in_reply_to, references=(row.in_reply_to,) if row.in_reply_to else (),
    )


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 … minutes, at most an hour."""
    return timedelta(minutes=min(2 ** max(attempts, 0), 60))


@dataclass
class BatchReport:
    sent: list[int] = field(default_factory=list)
    retry: list[tuple[int, str]] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    unknown: list[tuple[int, str]] = field(default_factory=list)
    recovered: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: The server's answer when it refused the login: the batch stopped there, no message was charged.
    login_refused: str | None = None
    #: Seconds spent waiting for the send-rate limit.
    waited: float = 0.0
    #: Due messages were left for later because of the send-rate limit: seconds until the next slot.
    held_back: float | None = None

    @property
    def handled(self) -> int:
        return len(self.sent) + len(self.retry) + len(self.failed) + len(self.unknown)


OnSent = Callable[[OutboxRow, bytes], None]


class SentCopy(Protocol):
    """The copy of each message in the IMAP Sent folder, filed before DATA so that a message whose outcome
    becomes `unknown` can be settled by its Message-ID (and taken out again when the server refuses it)."""

    def file(self, row: OutboxRow, data: bytes) -> None: ...

    def withdraw(self, row: OutboxRow) -> None: ...
#: Waits the given number of seconds (or less, when asked to stop): `time.sleep`, `Event.wait`.
Pause = Callable[[float], object]


def rate_wait(engine: Engine, per_minute: int, now: datetime) -> float:
    """Seconds until one more message may be handed over without passing `per_minute` in any minute."""
    recent = store.handed_over_since(engine, now - RATE_WINDOW)
    if len(recent) < per_minute:
        return 0.0
    free_at = recent[per_minute - 1] + RATE_WINDOW
    return max((free_at - now).total_seconds(), 0.0)


def recover(engine: Engine, now: datetime) -> list[tuple[int, str]]:
    """Resolve the `sending` rows left behind by a dead worker (see invariant 3)."""
    return store.recover(engine, now, is_dead)


def deliver_due(
    engine: Engine,
    session: SmtpSession,
    worker: str,
    *,
    clock: Clock = utc_now,
    limit: int | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    on_sent: OnSent | None = None,
    only: Sequence[int] | None = None,
    per_minute: int | None = None,
    pause: Pause | None = None,
    sent_copy: SentCopy | None = None,
) -> BatchReport:
    """Send every due message (or only those of `only`), one claim at a time, over one SMTP session.

    With `per_minute`, no more than that many messages are handed to a server in any minute,
    counting every process that sends from this outbox: at the limit the batch waits through
    `pause` or, without one, stops and says in `held_back` when the next slot frees up. A refused
    login stops the batch at once: the message goes back to `queued` as it was, and nothing else
    is tried.
    """
    report = BatchReport()
    while limit is None or report.handled < limit:
        if should_stop():
            break
        now = clock()
        if per_minute is not None:
            wait = rate_wait(engine, per_minute, now)
            if wait > 0 and pause is None:
                if store.claimable(engine, now, only=only):
                    report.held_back = wait
                break
            if wait > 0 and pause is not None:
                report.waited += wait
                pause(wait)
                continue
        row = store.claim_next(engine, worker, now, now + LEASE, only=only)
        if row is None:
            break
        try:
            result = _send_one(engine, session, worker, row, clock, sent_copy, report)
        except store.LostClaimError:
            continue  # recovered by another worker meanwhile; DATA was not sent
        if result[2] and sent_copy is not None and result[0].outcome in (Outcome.RETRY, Outcome.FAILED):
            _quietly(report, row, functools.partial(sent_copy.withdraw, row), "after the server refused")  # the server said no: not sent, no copy
        if result[0].outcome is Outcome.LOGIN:
            # Not this message's fault, and no other message can go: no attempt charged, same send time.
            store.finish(engine, row.id, worker, OutboxState.QUEUED, clock(), detail=result[0].detail)
            report.login_refused = result[0].detail
            break
        _record(engine, worker, row, result[0], clock, report)
        if result[0].outcome is Outcome.SENT and on_sent is not None:
            _quietly(report, row, functools.partial(on_sent, row, result[1]))
    return report


def _quietly(report: BatchReport, row: OutboxRow, action: Callable[[], None], when: str = "after sending") -> bool:
    """Bookkeeping around a message (the touchpoint, the Sent copy): a failure is a warning, never a crash."""
    try:
        action()
    except AfterwordError as exc:
        report.warnings.append(f"{when} message {row.id}: {exc.message}")
    except Exception as exc:  # an IMAP socket drop while copying to Sent: the same, said in one line
        report.warnings.append(f"{when} message {row.id}: {describe_fault(exc)}")
    else:
        return True
    return False


def _send_one(
    engine: Engine, session: SmtpSession, worker: str, row: OutboxRow, clock: Clock,
    sent_copy: SentCopy | None = None, report: BatchReport | None = None,
) -> tuple[Delivery, bytes, bool]:
    try:
        message = outgoing_of(row)
    except InputError as exc:
        return Delivery(Outcome.FAILED, f"the stored message is not valid: {exc.message}"), b"", False
    data = message.as_bytes(clock())
    filed = [False]

    def before_data() -> None:
        # The Sent copy first, while the row is still `claimed`: a crash here sends it again later (its copy
        # is found and not filed twice), never leaves an `unknown` settled by a copy of a message never sent.
        if sent_copy is not None:
            filed[0] = _quietly(report or BatchReport(), row, lambda: sent_copy.file(row, data), "before sending")
        store.mark_data_started(engine, row.id, worker, clock())

    return session.send(
        data, message.sender.address, message.recipients,
        smtputf8=message.needs_smtputf8, before_data=before_data,
    ), data, filed[0]


def _record(
    engine: Engine, worker: str, row: OutboxRow, result: Delivery, clock: Clock, report: BatchReport
) -> None:
    now = clock()
    if result.outcome is Outcome.SENT:
        store.finish(engine, row.id, worker, OutboxState.SENT, now, refused=result.refused)
        report.sent.append(row.id)
    elif result.outcome is Outcome.RETRY and row.attempts + 1 < MAX_ATTEMPTS:
        store.finish(engine, row.id, worker, OutboxState.QUEUED, now, detail=result.detail,
                     retry_at=now + backoff(row.attempts))
        report.retry.append((row.id, result.detail))
    elif result.outcome is Outcome.UNKNOWN:
        store.finish(engine, row.id, worker, OutboxState.UNKNOWN, now, detail=result.detail, refused=result.refused)
        report.unknown.append((row.id, result.detail))
    else:
        detail = result.detail
        if result.outcome is Outcome.RETRY:
            detail = f"gave up after {MAX_ATTEMPTS} attempts: {detail}"
        store.finish(engine, row.id, worker, OutboxState.FAILED, now, detail=detail, refused=result.refused)
        report.failed.append((row.id, detail))


def resolve(engine: Engine, row_id: int, sent: bool, now: datetime, *, by: str = "user") -> None:
    """Settle an `unknown` message by the user's word (or IMAP evidence)."""
    row = store.get(engine, row_id)
    if row is None:
        raise InputError(f"no outbox message {row_id}", key="--resolve")
    if row.state is not OutboxState.UNKNOWN:
        raise InputError(f"outbox message {row_id} is {row.state}, not unknown; only unknown ones are resolved",
                         key="--resolve")
    if not store.settle_unknown(engine, row_id, sent, by, now):
        raise InputError(f"outbox message {row_id} changed meanwhile; look again", key="--resolve")


def settle_from_sent_folder(
    engine: Engine, find: Callable[[str], bool], now: datetime
) -> list[int]:
    """Mark `unknown` messages `sent` when `find(message_id)` sees them in the Sent folder."""
    settled: list[int] = []
    for row in store.list_messages(engine, (OutboxState.UNKNOWN,)):
        if find(row.message_id) and store.settle_unknown(engine, row.id, True, "imap", now):
            settled.append(row.id)
    return settled
