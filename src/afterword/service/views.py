"""The view models the edges render: a card per person and channel, the interview page, who is owed what,
and what a card needs for sending or copy-and-open. Plain frozen values; nothing here reads or writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import quote

from afterword.core.lang.xcount import weighted_length
from afterword.core.model import Channel, Contact, Finding, Interview, Language, TouchpointStatus
from afterword.core.outbox import OutboxState

if TYPE_CHECKING:
    from afterword.compose.reading import Rough
    from afterword.delivery.social import SocialAction
    from afterword.service.outcomes import DueRow
    from afterword.store.outbox import OutboxRow


@dataclass(frozen=True)
class Card:
    """One person's message on one channel as its card shows it: the text, its status, its findings."""

    contact: Contact
    channel: Channel
    status: TouchpointStatus
    language: Language
    subject: str | None
    body: str
    version: int
    findings: tuple[Finding, ...]
    #: Filled in by `service.mail_desk`: sending (email) or copy-and-open (LinkedIn, X), and an action's outcome.
    email: EmailSend | None = None
    social: SocialSend | None = None
    notice: Notice | None = None

    @property
    def key(self) -> str:
        return f"{self.contact.id}--{self.channel.value}"

    @property
    def limit(self) -> int | None:
        return self.channel.limit()

    @property
    def count(self) -> int:
        return weighted_length(self.body) if self.channel is Channel.X else len(self.body)

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.count > self.limit

    @property
    def address(self) -> str | None:
        return self.contact.address(self.channel)

    @property
    def done(self) -> bool:
        return self.status.is_done

    @property
    def open_url(self) -> str | None:
        """Where the message goes: the LinkedIn profile, the X profile, or a mail draft."""
        return open_url(self.contact, self.channel, self.subject, self.body)


def open_url(contact: Contact, channel: Channel, subject: str | None = None, body: str = "") -> str | None:
    """The page a message is sent from: their LinkedIn or X profile, or a mail draft with the text."""
    if channel is Channel.LINKEDIN and contact.linkedin:
        url = contact.linkedin.strip()
        return url if url.lower().startswith(("https://", "http://")) else f"https://{url}"
    if channel is Channel.X and contact.x_handle:
        return f"https://x.com/{quote(contact.x_handle)}"
    if channel is Channel.EMAIL and contact.email:
        query = f"subject={quote(subject or '')}&body={quote(body)}"
        return f"mailto:{quote(contact.email, safe='@.+-_')}?{query}"
    return None


@dataclass(frozen=True)
class Notice:
    """The outcome of an action, shown on the card or the page. `text` is already translated."""

    kind: str  # "ok" | "error" | "warning"
    text: str
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class EmailSend:
    """What an email card needs for "Send now" and "Schedule…"."""

    row: OutboxRow | None
    suggested: datetime
    suggested_input: str
    reason: str
    office_hours: bool
    zone: str
    deadline: datetime
    configured: bool
    #: Why a scheduled message past its time has not gone out (already translated); None when all is well.
    overdue: str | None = None
    #: Seconds left in the undo window of an email sent with "Send now" (None: not held back).
    held_for: int | None = None

    @property
    def can_send(self) -> bool:
        return self.row is None or not self.row.state.is_active

    @property
    def pending(self) -> bool:
        """Queued or being sent: marking it sent or skipped by hand would not stop it."""
        return self.row is not None and self.row.state in (OutboxState.QUEUED, OutboxState.SENDING)

    @property
    def cancelled(self) -> bool:
        return self.row is not None and self.row.state is OutboxState.CANCELLED


@dataclass(frozen=True)
class SocialSend:
    action: SocialAction | None
    problem: str | None
    allowance: str | None


@dataclass(frozen=True)
class Panel:
    """The interview page's send-all and calendar strip."""

    configured: bool
    #: Why the settings do not read; with readable settings and no SMTP, the web says it is not set up.
    setup: str | None
    emails_left: int
    allowance: str | None
    #: The suggested send time when it is later than now (then "Schedule all" is offered).
    later: EmailSend | None = None


@dataclass(frozen=True)
class InterviewView:
    id: int
    interview: Interview
    cards: tuple[Card, ...]
    plan_findings: tuple[Finding, ...]
    rough: tuple[Rough, ...] = ()  # notes items not quoted (service.drafting.rough_notes)

    @property
    def deadline(self) -> datetime:
        return self.interview.deadline

    @property
    def owed(self) -> bool:
        return any(not card.done for card in self.cards)


@dataclass(frozen=True)
class Owed:
    """One person still owed a follow-up, with the channels that can reach them."""

    interview_id: int
    company: str
    role: str
    contact: str
    name: str
    channels: tuple[Channel, ...]
    deadline: datetime

    @property
    def first_channel(self) -> Channel:
        return self.channels[0]

    def overdue(self, now: datetime) -> bool:
        return self.deadline < now


def group_owed(rows: Iterable[DueRow]) -> list[Owed]:
    """One entry per interview and person, most urgent first, channels in the order email, LinkedIn, X."""
    grouped: dict[tuple[int, str], list[DueRow]] = {}
    for row in rows:
        grouped.setdefault((row.interview_id, row.contact), []).append(row)
    order = list(Channel)
    out = [
        Owed(first.interview_id, first.company, first.role, first.contact, first.name,
             tuple(sorted({r.channel for r in group}, key=order.index)), first.deadline)
        for group in grouped.values()
        for first in group[:1]
    ]
    out.sort(key=lambda o: (o.deadline, o.company, o.name))
    return out


@dataclass(frozen=True)
class Deletion:
    """What deleting an interview takes along, asked before it is done."""

    interview: Interview
    drafts: int
    scheduled: int
    sent: int
    #: A message is being handed to the mail server right now: deleting waits until it is done.
    sending: bool
