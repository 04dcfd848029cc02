"""The optional reminder email to self, queued in the outbox by the worker (once per interview and slot)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from afterword.core.model import Interview, Language
from afterword.core.timeutil import format_moment, format_remaining
from afterword.delivery import outbox
from afterword.delivery.mime import Mailbox, Outgoing
from afterword.store.outbox import DuplicateMessageError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

#: Send the reminder this long before the deadline.
SLOT = "4h-before-deadline"


def reminder_message_id(interview_id: int, slot: str, domain: str) -> str:
    """Deterministic, so queueing the same reminder twice is refused by the unique Message-ID."""
    digest = hashlib.sha256(f"{interview_id}/{slot}".encode()).hexdigest()[:16]
    return f"<reminder.{interview_id}.{digest}.afterword@{domain}>"


def reminder_text(interview: Interview, owed: Sequence[str], now: datetime) -> tuple[str, str]:
    language = interview.effective_language
    left = format_remaining(interview.deadline - now, language)
    deadline = format_moment(interview.deadline, language)
    names = ", ".join(owed)
    if language is Language.NL:
        subject = f"Afterword: nog {len(owed)} follow-up(s) voor {interview.company} ({left})"
        body = (f"Je gesprek bij {interview.company} ({interview.role}) verdient nog een follow-up voor: {names}.\n\n"
                f"Deadline: {deadline} — {left}.\n\nOpen Afterword om de concepten na te lopen en te versturen.\n")
    else:
        subject = f"Afterword: {len(owed)} follow-up(s) still owed for {interview.company} ({left})"
        body = (f"Your interview at {interview.company} ({interview.role}) still owes a follow-up to: {names}.\n\n"
                f"Deadline: {deadline} — {left}.\n\nOpen Afterword to review the drafts and send them.\n")
    return subject, body


def send_reminder_email(
    engine: Engine,
    interview_id: int,
    interview: Interview,
    owed: Sequence[str],
    sender: Mailbox,
    to: Mailbox,
    now: datetime,
    *,
    slot: str = SLOT,
) -> int | None:
    """Queue the reminder email to self for sending now; None when this reminder was queued before."""
    if not owed:
        return None
    subject, body = reminder_text(interview, owed, now)
    domain = sender.address.rpartition("@")[2]
    message = Outgoing(sender=sender, to=(to,), subject=subject, body=body,
                       message_id=reminder_message_id(interview_id, slot, domain))
    try:
        [row_id] = outbox.queue(engine, [outbox.to_new_message(
            message, now, interview_id=interview_id, kind="reminder")], now)
    except DuplicateMessageError:
        return None
    return row_id
