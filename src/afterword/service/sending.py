"""Sending email follow-ups: the one send flow the CLI's `send` and the web's "Send now" / "Schedule" share.

    outcome = send_emails(DeliveryService(interviews), interview_id, ["maria"], at=None, now=now)
    outcome.result   # SendResult.SENT, SCHEDULED, HELD, BLOCKED, RETRY, FAILED or LOGIN_REFUSED

Check (errors block, except `late`), queue (the Message-ID is fixed here; the touchpoints say `scheduled` in
the same transaction), then send at once, hold for the undo window, or leave it to the worker. Each edge
renders the typed outcome in its own words; neither decides anything about sending itself.
"""

from __future__ import annotations

import contextlib
import enum
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from afterword.core.model import Finding, Severity
from afterword.core.outbox import MessageKind

if TYPE_CHECKING:
    from afterword.delivery.outbox import BatchReport, Pause
    from afterword.service.delivery import DeliveryService
    from afterword.store.outbox import OutboxRow


class SendResult(enum.StrEnum):
    SENT = "sent"  # handed to the server (`report` may still carry warnings)
    SCHEDULED = "scheduled"  # queued for a later time; the worker sends it
    HELD = "held"  # queued for the end of the undo window
    BLOCKED = "blocked"  # the checker found errors: nothing was queued
    RETRY = "retry"  # not sent yet; it stays queued and is tried again
    FAILED = "failed"  # refused, or the outcome is unknown
    LOGIN_REFUSED = "login-refused"  # nothing sent; the messages were withdrawn and the drafts are editable


@dataclass(frozen=True)
class SendOutcome:
    result: SendResult
    #: The findings of each draft checked (empty with `force`), and those that stopped the send.
    findings: Mapping[str, Sequence[Finding]] = field(default_factory=dict)
    blocking: Mapping[str, Sequence[Finding]] = field(default_factory=dict)
    #: When the messages go out (None: now), and whether that is after the 24-hour deadline.
    send_at: datetime | None = None
    after_deadline: bool = False
    #: The outbox messages as they stand after this call, and the batch report of an immediate send.
    rows: tuple[OutboxRow, ...] = ()
    report: BatchReport | None = None

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(r.id for r in self.rows)

    @property
    def late(self) -> dict[str, list[Finding]]:
        """The `late` findings: shown, never blocking (late is better than never)."""
        found = {c: [f for f in fs if f.code == "late"] for c, fs in self.findings.items()}
        return {c: fs for c, fs in found.items() if fs}


def blocking(findings: Mapping[str, Sequence[Finding]]) -> dict[str, list[Finding]]:
    """The findings that stop a send, by contact: errors, except `late` (late is better than never)."""
    found = {c: [f for f in fs if f.severity is Severity.ERROR and f.code != "late"] for c, fs in findings.items()}
    return {c: fs for c, fs in found.items() if fs}


def send_moment(at: datetime | None, now: datetime) -> datetime | None:
    """When to send a message asked for `at`: None (now) for no time or a time in the past."""
    return at if at is not None and at > now else None


def send_emails(
    service: DeliveryService, interview_id: int, contacts: Sequence[str], *, at: datetime | None, now: datetime,
    force: bool = False, undo_seconds: int = 0, pause: Pause | None = time.sleep,
    lock: contextlib.AbstractContextManager[object] | None = None,
    release_later: Callable[[Sequence[int], int], None] | None = None,
    kind: MessageKind = MessageKind.FOLLOW_UP,
) -> SendOutcome:
    """Send the email drafts of `contacts` (all still to send when empty) now, or schedule them for `at`;
    with `kind` REJECTION_REPLY, the interview's stored reply to a rejection, by the same steps.

    Raises InputError when SMTP or its password is missing, or a draft cannot go (no address, no subject,
    already in the outbox: `AlreadyQueuedError`). With `undo_seconds` and no later time, the messages are
    queued for the end of that window and handed to `release_later` (the web's Undo); `lock` makes the
    check-then-queue one step for its holders (a double click)."""
    service.require_smtp()  # before anything is queued: nothing half-done on a missing password
    when = send_moment(at, now)
    held = when is None and undo_seconds > 0 and release_later is not None
    with lock if lock is not None else contextlib.nullcontext():
        selected = [cid for cid, _message in service.email_messages(interview_id, contacts, kind=kind)]
        findings = {} if force else service.check(interview_id, selected, sent_at=now, kind=kind)
        stopping = blocking(findings)
        if stopping:
            return SendOutcome(SendResult.BLOCKED, findings, stopping, when)
        ids = service.queue_emails(interview_id, selected, now + timedelta(seconds=undo_seconds) if held else when,
                                   now, kind=kind)
    deadline = service.interviews.get_interview(interview_id)[0].deadline
    after_deadline = kind is MessageKind.FOLLOW_UP and when is not None and when > deadline

    def rows() -> tuple[OutboxRow, ...]:
        wanted = set(ids)
        return tuple(r for r in service.outbox() if r.id in wanted)

    if held:
        assert release_later is not None
        release_later(ids, undo_seconds)
        return SendOutcome(SendResult.HELD, findings, {}, when, after_deadline, rows())
    if when is not None:
        return SendOutcome(SendResult.SCHEDULED, findings, {}, when, after_deadline, rows())
    report = service.send_now(ids, pause=pause)
    if report.login_refused is not None:
        result = SendResult.LOGIN_REFUSED
    elif report.failed or report.unknown:
        result = SendResult.FAILED
    elif report.retry:
        result = SendResult.RETRY
    else:
        result = SendResult.SENT
    return SendOutcome(result, findings, {}, None, False, rows(), report)
