"""The optional emails to self, queued in the outbox by the worker: the reminder before a deadline (once per
interview and slot), and the notice that a follow-up may not have gone out or was refused (once per message
and state)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from afterword.core.model import Interview, Language
from afterword.core.outbox import MessageKind
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
    return _queue_to_self(engine, interview_id, Outgoing(
        sender=sender, to=(to,), subject=subject, body=body,
        message_id=reminder_message_id(interview_id, slot, domain)), now)


def _queue_to_self(engine: Engine, interview_id: int, message: Outgoing, now: datetime) -> int | None:
    """Queue a message to the user themself (kind `reminder`); None when its Message-ID was queued before."""
    try:
        [row_id] = outbox.queue(engine, [outbox.to_new_message(
            message, now, interview_id=interview_id, kind=MessageKind.REMINDER)], now)
    except DuplicateMessageError:
        return None
    return row_id


def stuck_notice_text(language: Language, name: str, company: str, state: str, reason: str | None,
                      outbox_id: int) -> tuple[str, str]:
    if language is Language.NL:
        if state == "unknown":
            return (f"Afterword: is je e-mail aan {name} ({company}) verstuurd?",
                    f"De verbinding met de mailserver viel weg terwijl je e-mail aan {name} ({company}) werd "
                    f"overgedragen; het is niet zeker of hij is aangekomen.\n\nKijk in je map Verzonden en geef het "
                    f"aan: `afterword outbox --resolve {outbox_id} sent|not-sent`, of op de kaart in Afterword.\n")
        return (f"Afterword: je e-mail aan {name} ({company}) is niet verstuurd",
                f"De mailserver weigerde je e-mail aan {name} ({company}): {reason or 'geen reden'}.\n\n"
                "Open Afterword om het concept na te lopen en opnieuw te versturen.\n")
    if state == "unknown":
        return (f"Afterword: did your email to {name} ({company}) go out?",
                f"The connection to the mail server broke while your email to {name} ({company}) was being "
                f"handed over; it may or may not have arrived.\n\nLook in your Sent folder, then say so: "
                f"`afterword outbox --resolve {outbox_id} sent|not-sent`, or on its card in Afterword.\n")
    return (f"Afterword: your email to {name} ({company}) was not sent",
            f"The mail server refused your email to {name} ({company}): {reason or 'no reason given'}.\n\n"
            "Open Afterword to review the draft and send it again.\n")


def send_stuck_notice(
    engine: Engine, interview_id: int, outbox_id: int, state: str, text: tuple[str, str], sender: Mailbox,
    to: Mailbox, now: datetime,
) -> int | None:
    """Queue the notice about one stuck follow-up; None when it was queued before (for this state)."""
    domain = sender.address.rpartition("@")[2]
    subject, body = text
    return _queue_to_self(engine, interview_id, Outgoing(
        sender=sender, to=(to,), subject=subject, body=body,
        message_id=f"<stuck.{outbox_id}.{state}.afterword@{domain}>"), now)
