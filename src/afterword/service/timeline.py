"""Every touchpoint of an interview in time order (per interview and per person), and the overview across
interviews the dashboard draws: sent inside 24 hours, reply rate by channel, time from interview end to send.

    events = timeline(interview, touchpoints, check_ins, now)            # the whole interview
    events = timeline(interview, touchpoints, check_ins, now, contact="maria")   # one person
    figures = overview(interviews, touchpoints)                          # the dashboard's charts

Pure over what the reads return, so `show` builds it on the quick path (no SQLAlchemy). A new kind of
touchpoint (following someone, an interview's outcome) is one `EventKind` member, its `LABELS` entry in
both languages and the lines in `timeline` that produce it; every edge renders it from there.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from afterword.core.model import Channel, Interview, Language, TouchpointStatus
from afterword.core.text import Text
from afterword.core.timeutil import iso
from afterword.store.records import StatusChange, Touchpoint

if TYPE_CHECKING:
    from afterword.service.checkins import CheckInView
    from afterword.service.interviews import InterviewService


class EventKind(enum.StrEnum):
    """What happened. The order here breaks ties between events at the same moment."""

    INTERVIEW = "interview"  # the conversation ended: where the 24 hours start
    DRAFTED = "drafted"
    EDITED = "edited"
    SCHEDULED = "scheduled"
    SENT = "sent"
    SKIPPED = "skipped"
    REPLIED = "replied"
    CHECK_IN_PLANNED = "check-in-planned"
    CHECK_IN_SENT = "check-in-sent"
    CHECK_IN_CANCELLED = "check-in-cancelled"
    CHECK_IN_DROPPED = "check-in-dropped"
    FOLLOWED = "followed"
    OUTCOME = "outcome"
    REJECTION_REPLY_DRAFTED = "rejection-reply-drafted"
    REJECTION_REPLY_SENT = "rejection-reply-sent"
    REJECTION_REPLY_DROPPED = "rejection-reply-dropped"


#: The name of each kind, in both languages (one place for the terminal, the JSON and the web).
LABELS: dict[EventKind, Text] = {
    EventKind.INTERVIEW: Text("interview ended", "gesprek afgelopen"),
    EventKind.DRAFTED: Text("drafted", "opgesteld"),
    EventKind.EDITED: Text("edited", "bewerkt"),
    EventKind.SCHEDULED: Text("scheduled", "ingepland"),
    EventKind.SENT: Text("sent", "verstuurd"),
    EventKind.SKIPPED: Text("skipped", "overgeslagen"),
    EventKind.REPLIED: Text("replied", "gereageerd"),
    EventKind.CHECK_IN_PLANNED: Text("check-in planned", "check-in gepland"),
    EventKind.CHECK_IN_SENT: Text("check-in sent", "check-in verstuurd"),
    EventKind.CHECK_IN_CANCELLED: Text("check-in cancelled", "check-in geannuleerd"),
    EventKind.CHECK_IN_DROPPED: Text("check-in dropped", "check-in vervallen"),
    EventKind.FOLLOWED: Text("followed", "gevolgd"),
    EventKind.OUTCOME: Text("outcome", "uitkomst"),
    EventKind.REJECTION_REPLY_DRAFTED: Text("reply to the rejection drafted", "antwoord op de afwijzing opgesteld"),
    EventKind.REJECTION_REPLY_SENT: Text("reply to the rejection sent", "antwoord op de afwijzing verstuurd"),
    EventKind.REJECTION_REPLY_DROPPED: Text("reply to the rejection dropped",
                                            "antwoord op de afwijzing vervallen"),
}
_REPLY_KINDS = {"sent": EventKind.REJECTION_REPLY_SENT, "dropped": EventKind.REJECTION_REPLY_DROPPED}

_BY_STATUS = {
    TouchpointStatus.DRAFTED: EventKind.DRAFTED, TouchpointStatus.EDITED: EventKind.EDITED,
    TouchpointStatus.SCHEDULED: EventKind.SCHEDULED, TouchpointStatus.SENT: EventKind.SENT,
    TouchpointStatus.REPLIED: EventKind.REPLIED, TouchpointStatus.SKIPPED: EventKind.SKIPPED,
}
_CHECK_IN_KINDS = {"sent": EventKind.CHECK_IN_SENT, "cancelled": EventKind.CHECK_IN_CANCELLED,
                   "dropped": EventKind.CHECK_IN_DROPPED}
_KIND_ORDER = {kind: i for i, kind in enumerate(EventKind)}
_CHANNEL_ORDER = {channel: i for i, channel in enumerate(Channel)}


@dataclass(frozen=True)
class Event:
    """One touchpoint moment: what, when, with whom and on which channel (None: the interview itself)."""

    at: datetime
    kind: EventKind
    contact: str | None = None
    name: str | None = None
    channel: Channel | None = None
    #: A check-in still to come (its time is when it goes out).
    upcoming: bool = False
    #: A short addition: a check-in's subject, why it was cancelled.
    detail: str | None = None

    def label(self, language: Language | str) -> str:
        return LABELS[self.kind].get(language)

    def to_json(self) -> dict[str, object]:
        return {"at": iso(self.at), "kind": str(self.kind), "contact": self.contact,
                "channel": str(self.channel) if self.channel else None, "upcoming": self.upcoming,
                "detail": self.detail}


def timeline(interview: Interview, touchpoints: Iterable[Touchpoint], check_ins: Iterable[CheckInView],
             now: datetime, *, contact: str | None = None, follow_through: Iterable[Any] = ()) -> list[Event]:
    """Every touchpoint of `interview` in time order (of one `contact` when given), in the interview's zone.

    A touchpoint's history gives one event per status it reached; several saves in a row are one
    "edited" (the last). A check-in is one event: planned (at the time it goes out), sent, cancelled or
    dropped. Ties: the interview first, then the order of `EventKind`, the notes' order of people, channels."""
    zone = interview.start.tzinfo
    names = {c.id: c.name for c in interview.contacts}
    position = {c.id: i for i, c in enumerate(interview.contacts)}
    events = [Event(interview.effective_end, EventKind.INTERVIEW)]
    for tp in touchpoints:
        if contact is not None and tp.contact != contact:
            continue
        changes = list(tp.history) or [_fallback(tp)]
        for i, change in enumerate(changes):
            if change.status is TouchpointStatus.EDITED and i + 1 < len(changes) \
                    and changes[i + 1].status is TouchpointStatus.EDITED:
                continue  # keep the last of a run of saves
            events.append(Event(change.at, _BY_STATUS[change.status], tp.contact, names.get(tp.contact, tp.contact),
                                tp.channel))
    for view in check_ins:
        if contact is not None and view.contact != contact:
            continue
        kind = _CHECK_IN_KINDS.get(view.state, EventKind.CHECK_IN_PLANNED)
        if kind is EventKind.CHECK_IN_SENT:
            at = view.sent_at or view.due_at
        elif kind is EventKind.CHECK_IN_PLANNED:
            at = view.due_at
        else:
            at = view.closed_at or view.due_at
        detail = view.reason if kind in (EventKind.CHECK_IN_CANCELLED, EventKind.CHECK_IN_DROPPED) else view.subject
        events.append(Event(at, kind, view.contact, view.name, Channel.EMAIL,
                            upcoming=kind is EventKind.CHECK_IN_PLANNED and at > now, detail=detail))
    for done in follow_through:  # service.follow_through.Event: followed (a person or the organisation), outcome
        if done.kind == "followed":
            who = done.target if done.target in names else None  # the organisation ("@organisation") has no contact
            if contact is not None and who != contact:
                continue
            events.append(Event(done.at, EventKind.FOLLOWED, who, names.get(who or "", interview.company),
                                Channel(done.detail)))
        elif done.kind == "rejection-reply":  # detail: its state; target: who it is for
            if contact is not None and done.target != contact:
                continue
            events.append(Event(done.at, _REPLY_KINDS.get(done.detail, EventKind.REJECTION_REPLY_DRAFTED),
                                done.target, names.get(done.target or "", done.target), Channel.EMAIL))
        elif contact is None:
            events.append(Event(done.at, EventKind.OUTCOME, detail=done.detail))
    events.sort(key=lambda e: (e.at, _KIND_ORDER[e.kind], position.get(e.contact or "", -1),
                               _CHANNEL_ORDER.get(e.channel, -1) if e.channel else -1))
    return [replace(e, at=e.at.astimezone(zone)) for e in events]


def _fallback(tp: Touchpoint) -> StatusChange:
    """A touchpoint stored without history (older data): its current status at its last change."""
    return StatusChange(tp.status, tp.times.get(tp.status, tp.updated_at), tp.version)


# -- the overview across interviews -------------------------------------------------------------------

#: The bars of "time from interview end to send": upper bounds in hours (None: the rest).
DELAY_BUCKETS: tuple[int | None, ...] = (2, 6, 12, 24, 48, None)
WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class ChannelRate:
    channel: Channel
    sent: int
    replied: int

    @property
    def percent(self) -> int:
        """Replies as a whole percentage of what was sent (0 when nothing was)."""
        return round(100 * self.replied / self.sent) if self.sent else 0


@dataclass(frozen=True)
class Overview:
    """The dashboard's figures over all of a user's interviews."""

    #: Follow-ups sent (or answered) of which the send time is known, and how many within 24 hours of the end.
    timed: int
    within_24h: int
    rates: tuple[ChannelRate, ...]
    #: How many sends fell in each `DELAY_BUCKETS` bar, in that order.
    delays: tuple[int, ...]
    #: The middle time from interview end to send (None: nothing sent yet).
    median_delay: timedelta | None

    @property
    def later(self) -> int:
        return self.timed - self.within_24h

    @property
    def empty(self) -> bool:
        return not any(r.sent for r in self.rates)


def first_sent(tp: Touchpoint) -> datetime | None:
    """When this follow-up first went out: its first `sent` in the history (or the stored time)."""
    for change in tp.history:
        if change.status is TouchpointStatus.SENT:
            return change.at
    return tp.times.get(TouchpointStatus.SENT)


def overview(interviews: Mapping[int, Interview], touchpoints: Iterable[Touchpoint]) -> Overview:
    """The figures of the dashboard's charts. A follow-up counts as sent once it was sent or answered;
    its delay is from the interview's end to its first send (answered without a recorded send: untimed)."""
    sent = dict.fromkeys(Channel, 0)
    replied = dict.fromkeys(Channel, 0)
    delays: list[timedelta] = []
    for tp in touchpoints:
        reached = tp.status in (TouchpointStatus.SENT, TouchpointStatus.REPLIED) or TouchpointStatus.SENT in tp.times
        if not reached or tp.interview_id not in interviews:
            continue
        sent[tp.channel] += 1
        if tp.status is TouchpointStatus.REPLIED:
            replied[tp.channel] += 1
        at = first_sent(tp)
        if at is not None:
            delays.append(max(at - interviews[tp.interview_id].effective_end, timedelta(0)))
    return Overview(
        timed=len(delays), within_24h=sum(1 for d in delays if d <= WINDOW),
        rates=tuple(ChannelRate(ch, sent[ch], replied[ch]) for ch in Channel),
        delays=bucket(delays), median_delay=_median(delays),
    )


def bucket(delays: Sequence[timedelta]) -> tuple[int, ...]:
    counts = [0] * len(DELAY_BUCKETS)
    for delay in delays:
        for i, bound in enumerate(DELAY_BUCKETS):
            if bound is None or delay <= timedelta(hours=bound):
                counts[i] += 1
                break
    return tuple(counts)


def _median(delays: Sequence[timedelta]) -> timedelta | None:
    if not delays:
        return None
    ordered = sorted(delays)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


# -- loading (the web and the store path) -------------------------------------------------------------

def interview_timeline(service: InterviewService, interview_id: int, now: datetime, *,
                       contact: str | None = None) -> tuple[Interview, list[Event]]:
    """The timeline of one stored interview (NotFoundError for an unknown id)."""
    from afterword.service.checkins import CheckIns

    interview, tps = service.get_interview(interview_id)
    views = CheckIns(service).views(interview_ids=[interview_id], check=False)
    return interview, timeline(interview, tps, views, now, contact=contact,
                               follow_through=follow_through_events(service, interview_id))


def follow_through_events(service: Any, interview_id: int, url: str | None = None) -> list[Any]:
    """The followed/outcome touchpoints of an interview (service.follow_through.Event). On the quick read path the
    standard library first asks whether there are any; only then is the store opened."""
    from afterword.service.reading import QuickReads

    if isinstance(service, QuickReads):
        if not service.store.has_follow_through(interview_id):
            return []
        from afterword.service.interviews import open_service

        opened = open_service(url, owner=service.store.owner)
        try:
            return follow_through_events(opened, interview_id)
        finally:
            opened.close()
    from afterword.service.follow_through import FollowThrough

    return FollowThrough(service).events(interview_id)


def stored_rejection_reply(service: Any, interview_id: int, url: str | None = None) -> Any:
    """The interview's stored reply to a rejection (service.rejection_replies.ReplyView) or None; on the quick read
    path the store is opened only when the interview has an outcome (there is no reply without one)."""
    from afterword.service.reading import QuickReads

    if isinstance(service, QuickReads):
        if not service.store.has_follow_through(interview_id):
            return None
        from afterword.service.interviews import open_service

        opened = open_service(url, owner=service.store.owner)
        try:
            return stored_rejection_reply(opened, interview_id)
        finally:
            opened.close()
    from afterword.service.rejection_replies import RejectionReplies

    return RejectionReplies(service).get(interview_id)


def stored_overview(service: InterviewService, now: datetime) -> Overview:
    """The overview of every interview this user has stored."""
    ids = [s.id for s in service.iter_interviews(now)]
    with service.store.read() as repo:
        loaded = repo.load_many(ids)
        tps = repo.touchpoints(ids)
    return overview(loaded, tps)
