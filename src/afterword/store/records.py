"""Plain values the store returns next to the core model: touchpoints, summaries, due rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from afterword.core.model import Channel, Draft, Language, TouchpointStatus


@dataclass(frozen=True)
class StatusChange:
    """One entry of a touchpoint's history."""

    status: TouchpointStatus
    at: datetime
    version: int


@dataclass(frozen=True)
class Touchpoint:
    """One contact on one channel: its status, the current draft and its history.

    `version` grows by one with every change; pass it back as `expected_version` when saving.
    `times` holds the last moment each status was reached.
    """

    interview_id: int
    contact: str
    channel: Channel
    status: TouchpointStatus
    language: Language
    subject: str | None
    body: str
    version: int
    created_at: datetime
    updated_at: datetime
    times: dict[TouchpointStatus, datetime] = field(default_factory=dict, compare=False, hash=False)
    history: tuple[StatusChange, ...] = ()

    @property
    def draft(self) -> Draft:
        """The current text as a core `Draft` (what the checker and the sender take)."""
        return Draft(contact=self.contact, channel=self.channel, language=self.language,
                     body=self.body, subject=self.subject)


@dataclass(frozen=True)
class InterviewSummary:
    """One line of `afterword list`: the interview, its deadline and coverage."""

    id: int
    company: str
    role: str
    candidate: str
    start: datetime
    deadline: datetime
    remaining: timedelta
    language: Language
    contacts: int
    contacts_reached: int
    touchpoints: int
    touchpoints_sent: int
    owed: int

    @property
    def coverage(self) -> str:
        """`2/5 sent`: contacts who heard from the candidate (sent or replied) out of all contacts."""
        return f"{self.contacts_reached}/{self.contacts} sent"


@dataclass(frozen=True)
class DueRow:
    """One thing still owed: a contact on a channel of one interview, with time left."""

    interview_id: int
    company: str
    role: str
    contact: str
    name: str
    channel: Channel
    address: str | None
    status: TouchpointStatus | None
    deadline: datetime
    remaining: timedelta
    language: Language
    #: For a scheduled email: the outbox message behind it (id, state, last error).
    outbox: OutboxEntry | None = None

    @property
    def overdue(self) -> bool:
        return self.remaining < timedelta(0)

    @property
    def shown_status(self) -> str | None:
        return shown_status(self.status, self.outbox)


@dataclass(frozen=True)
class OutboxEntry:
    """The outbox row behind a touchpoint's email, as a list page reads it: its id, state and last error.

    (The states themselves are `core.outbox.OutboxState`; this is one row's reading of it.)"""

    id: int
    state: str  # an `OutboxState` value: queued | sending | sent | cancelled | failed | unknown
    error: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "state": self.state, "error": self.error}

    def shown(self, status: TouchpointStatus | None) -> str | None:
        return shown_status(status, self)


def shown_status(status: TouchpointStatus | None, outbox: OutboxEntry | None) -> str | None:
    """What a follow-up's status really is: a `scheduled` email whose message is `sending`, `unknown` or
    `failed` in the outbox shows that state, never "scheduled" (it is not waiting for its time)."""
    if status is TouchpointStatus.SCHEDULED and outbox is not None and outbox.state in ("sending", "unknown", "failed"):
        return outbox.state
    return str(status) if status is not None else None


@dataclass(frozen=True)
class StuckEmail:
    """A follow-up email the user must look at: it may or may not have gone out, or it was refused."""

    interview_id: int
    company: str
    contact: str
    name: str
    outbox: OutboxEntry
