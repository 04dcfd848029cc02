"""After the first message: following people and the organisation, the interview's outcome, and people as
one record across interviews (issue 12, points 2 and 4).

    ft = FollowThrough(interviews)
    ft.follow_items(interview_id)                       # the follow steps, done or not
    ft.mark_followed(interview_id, "maria", "linkedin", now)
    result = ft.set_outcome(interview_id, Outcome.REJECTED, date(2026, 12, 20), now)
    ft.events(interview_id)                             # `followed` and `outcome` touchpoints, for a timeline
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from afterword.core.errors import InputError
from afterword.core.model import Channel, Draft, Finding, Interview, Language, Outcome
from afterword.core.people import Known, keys_of, match
from afterword.core.text import Text
from afterword.plan import ORGANISATION, FollowStep, follow_steps
from afterword.service.rejection_replies import NOT_FOR_DOOR_OPEN, RejectionReplies, reply_contact
from afterword.store import checkins as checkin_store
from afterword.store import follow_through as store
from afterword.store import rejection_replies as reply_store
from afterword.store.checkins import CheckInState

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from afterword.service.interviews import InterviewService

__all__ = ["NOT_FOR_DOOR_OPEN", "ORGANISATION", "Event", "FollowItem", "FollowThrough", "Outcome", "OutcomeResult", "PersonHistory",
           "link_people"]



@dataclass(frozen=True)
class FollowItem:
    """A follow step and when it was marked done (None: still to do)."""

    step: FollowStep
    done_at: datetime | None

    @property
    def done(self) -> bool:
        return self.done_at is not None


@dataclass(frozen=True)
class OutcomeResult:
    """What setting an outcome did: the check-ins it stopped, and for `rejected` the reply offered."""

    interview_id: int
    outcome: Outcome
    on_date: date
    cancelled: tuple[str, ...]  # names of the people whose pending check-in was cancelled
    reply: Draft | None = None
    reply_to: str | None = None  # the name of who the reply is for
    reply_address: str | None = None
    findings: tuple[Finding, ...] = ()
    reply_id: int | None = None  # the stored reply (one per interview)
    reply_contact: str | None = None
    reply_state: str | None = None  # pending, queued, sent, dropped
    reply_new: bool = False  # stored by this call (False: the one stored before is kept)
    news_from: str | None = None

    def said(self, language: str) -> str:
        """One line for the edges, in `language`."""
        nl = language == "nl"
        text = (f"uitkomst: {self.outcome.label(_lang(language))} op {self.on_date.isoformat()}" if nl
                else f"outcome: {self.outcome.label(_lang(language))} on {self.on_date.isoformat()}")
        if self.cancelled:
            names = ", ".join(self.cancelled)
            text += (f"; geplande check-in(s) geannuleerd voor {names}" if nl
                     else f"; pending check-in(s) cancelled for {names}")
        return text


@dataclass(frozen=True)
class Event:
    """A touchpoint the timeline shows: `followed` (someone, or the organisation, on a network) or `outcome`."""

    at: datetime
    kind: str  # followed | outcome | rejection-reply
    interview_id: int
    target: str | None  # a contact id, ORGANISATION, or None for an outcome
    detail: str  # the network (linkedin, x), the outcome (next-round, offer, rejected, withdrawn), the reply's state


@dataclass(frozen=True)
class Seen:
    """One interview a person was in, under which contact id, with their touchpoints there."""

    interview_id: int
    company: str
    start: datetime
    contact: str
    unsure: Text | None
    touchpoints: tuple[tuple[datetime, str, str], ...]  # (at, channel or network, status or `followed`)


@dataclass(frozen=True)
class PersonHistory:
    id: int
    name: str
    email: str | None
    seen: tuple[Seen, ...]


def _lang(code: str) -> Language:
    return Language.NL if code == "nl" else Language.EN


def link_people(conn: Connection, owner: str, interview_id: int, interview: Interview, at: datetime) -> list[Text]:
    """Link each contact of a stored interview to a person record: the known person with the same email or
    profile and the same name, or a new one. Look-alikes are kept apart; the reasons are returned (and kept)."""
    unsure: list[Text] = []
    todo = set(store.unlinked_contacts(conn, interview_id))
    for contact in interview.contacts:
        if contact.id not in todo:
            continue
        keys = keys_of(contact)
        known = [Known(p.id, p.name, p.email, p.linkedin, p.x)
                 for p in store.people_matching(conn, owner, email=keys.email, linkedin=keys.linkedin, x=keys.x)]
        found = match(contact, known)
        if found.person is None:
            person_id = store.add_person(conn, owner, contact.name, keys.email, keys.linkedin, keys.x, at)
        else:
            person_id = found.person
            store.fill_person(conn, next(p for p in store.people_matching(
                conn, owner, email=keys.email, linkedin=keys.linkedin, x=keys.x) if p.id == person_id),
                keys.email, keys.linkedin, keys.x)
        store.link(conn, person_id, interview_id, contact.id, json.dumps([found.unsure.en, found.unsure.nl], ensure_ascii=False) if found.unsure else None)
        if found.unsure is not None:
            unsure.append(found.unsure)
    return unsure


def unsure_text(stored: str | None) -> Text | None:
    """Why a contact was kept apart from a look-alike, as stored by `link_people`."""
    if not stored:
        return None
    en, nl = json.loads(stored)
    return Text(en, nl)


class FollowThrough:
    """Follow steps, outcomes and people over one owner's store."""

    def __init__(self, interviews: InterviewService) -> None:
        self.interviews = interviews
        self.store = interviews.store

    # -- following --------------------------------------------------------------------------

    def follow_items(self, interview_id: int) -> list[FollowItem]:
        """Who to follow where for this interview, in notes order (the organisation last), done or not."""
        with self.store.read() as repo:
            interview = repo.load_interview(interview_id)
            done = {(f.target, f.network): f.done_at for f in store.follows_done(repo.conn, [interview_id])}
        return [FollowItem(step, done.get((step.target, step.network))) for step in follow_steps(interview)]

    def mark_followed(self, interview_id: int, target: str, network: str, now: datetime) -> FollowItem:
        """Mark a follow step done (again is harmless: the first time is kept). It is not a LinkedIn note:
        the monthly note allowance does not change."""
        chosen = _network(network)
        items = self.follow_items(interview_id)
        step = next((i.step for i in items if i.step.target == target and i.step.network is chosen), None)
        if step is None:
            known = ", ".join(sorted({f"{i.step.target} {i.step.network}" for i in items})) or "none"
            raise InputError(Text(f"no follow step `{target} {network}` in interview {interview_id}; the steps: {known}",
                                  f"geen volgstap `{target} {network}` in gesprek {interview_id}; de stappen: {known}"),
                             key="WHO")
        with self.store.write() as repo:
            store.mark_followed(repo.conn, interview_id, target, chosen, step.url, now)
        return next(i for i in self.follow_items(interview_id) if i.step == step)

    # -- outcomes ---------------------------------------------------------------------------

    def set_outcome(self, interview_id: int, outcome: Outcome | str, on_date: date, now: datetime, *,
                    news_from: str | None = None, reply_to: str | None = None) -> OutcomeResult:
        """Record the interview's outcome and cancel its pending check-ins, in one transaction. For `rejected`,
        a reply that keeps the door open is composed and stored in that same transaction, once per interview, as
        a touchpoint of its own (edited, sent or dropped later; see service.rejection_replies). It is for
        `reply_to`, else for who brought the news (`news_from`), else the recruiter, the hiring manager, the
        host; setting `rejected` again keeps the stored reply (re-addressed while it is still pending)."""
        kind = _outcome(outcome)
        with self.store.read() as repo:
            interview = repo.load_interview(interview_id)
        if news_from is not None and not any(c.id == news_from for c in interview.contacts):
            known = ", ".join(c.id for c in interview.contacts) or "-"
            raise InputError(Text(f"the interview has no contact `{news_from}`; its contacts: {known}",
                                  f"het gesprek heeft geen contact `{news_from}`; de contacten: {known}"),
                             key="--from")
        draft = contact = None
        if kind is Outcome.REJECTED:
            contact = reply_contact(interview, reply_to or news_from, key="--reply-to" if reply_to else "--from")
            if contact is not None:
                from afterword.compose import compose_door_open

                draft = compose_door_open(interview, contact.id)
        with self.store.write() as repo:
            store.add_outcome(repo.conn, interview_id, kind, on_date, now, news_from)
            closed = checkin_store.close(repo.conn, interview_id, None, CheckInState.CANCELLED,
                                         f"outcome: {kind}", now)
            new = False
            if draft is not None and contact is not None:
                _, new = reply_store.store(repo.conn, interview_id, contact.id, language=str(draft.language),
                                           subject=draft.subject or "", body=draft.body, now=now)
        names = tuple(_name(interview, row.contact) for row in closed)
        view = RejectionReplies(self.interviews).get(interview_id) if kind is Outcome.REJECTED else None
        if view is None:
            return OutcomeResult(interview_id, kind, on_date, names, news_from=news_from)
        return OutcomeResult(interview_id, kind, on_date, names, view.draft, view.name, view.address,
                             view.findings, view.id, view.contact, view.state, new, news_from)

    def outcomes(self, interview_id: int) -> list[tuple[Outcome, date, datetime]]:
        """The interview's outcomes in order (the last is the current one): kind, date, when it was recorded."""
        with self.store.read() as repo:
            repo.load_interview(interview_id)  # NotFoundError for another owner's id
            return [(r.kind, r.on_date, r.created_at) for r in store.outcome_rows(repo.conn, [interview_id])]

    # -- the timeline's touchpoints -----------------------------------------------------------

    def events(self, interview_id: int) -> list[Event]:
        """The `followed` and `outcome` touchpoints of an interview, oldest first (outcomes at their date's
        recording time), for the timeline to merge with drafted/sent/replied and check-ins."""
        with self.store.read() as repo:
            repo.load_interview(interview_id)
            found = [Event(f.done_at, "followed", interview_id, f.target, str(f.network))
                     for f in store.follows_done(repo.conn, [interview_id])]
            found += [Event(o.created_at, "outcome", interview_id, None, str(o.kind))
                      for o in store.outcome_rows(repo.conn, [interview_id])]
            reply = reply_store.of_interview(repo.conn, self.store.owner, interview_id)
            if reply is not None:
                at = reply.sent_at or reply.closed_at or reply.created_at
                found.append(Event(at, "rejection-reply", interview_id, reply.contact, str(reply.state)))
        return sorted(found, key=lambda e: e.at)

    # -- people -----------------------------------------------------------------------------

    def people_in(self, interview_id: int) -> list[tuple[str, PersonHistory]]:
        """Each contact of the interview with their person record and every interview they were in."""
        with self.store.read() as repo:
            repo.load_interview(interview_id)
            here = store.appearances(repo.conn, self.store.owner, interview_id=interview_id)
        return [(a.contact, self.person(a.person_id)) for a in here]

    def kept_apart(self, interview_id: int) -> list[Text]:
        """Why contacts of this interview were not merged with a look-alike already known (empty: none)."""
        with self.store.read() as repo:
            here = store.appearances(repo.conn, self.store.owner, interview_id=interview_id)
        return [t for t in (unsure_text(a.unsure) for a in here) if t is not None]

    def person(self, person_id: int) -> PersonHistory:
        """A person across interviews, with their touchpoints in each (oldest interview first)."""
        with self.store.read() as repo:
            row = store.person(repo.conn, self.store.owner, person_id)
            if row is None:
                raise InputError(Text(f"no person {person_id}", f"geen persoon {person_id}"), key="PERSON")
            seen_rows = store.appearances(repo.conn, self.store.owner, person_ids=[person_id])
            ids = sorted({a.interview_id for a in seen_rows})
            tps = repo.touchpoints(ids)
            follows = store.follows_done(repo.conn, ids)
        seen: list[Seen] = []
        for a in seen_rows:
            points = [(change.at, str(tp.channel), str(change.status)) for tp in tps
                      if tp.interview_id == a.interview_id and tp.contact == a.contact for change in tp.history]
            points += [(f.done_at, str(f.network), "followed") for f in follows
                       if f.interview_id == a.interview_id and f.target == a.contact]
            seen.append(Seen(a.interview_id, a.company, a.start, a.contact, unsure_text(a.unsure),
                             tuple(sorted(points))))
        return PersonHistory(row.id, row.name, row.email, tuple(seen))

    def next_round_notes(self, interview_id: int, start: datetime) -> str:
        """A notes file (format 1) for the next round at the same organisation, starting from the people
        already known: the candidate, organisation, role and everyone met with their addresses; the
        conversation's items are left for the new notes."""
        from dataclasses import replace

        from afterword.core.notes import dump_notes

        with self.store.read() as repo:
            interview = repo.load_interview(interview_id)
        nxt = replace(interview, start=start, end=None, timezone=interview.timezone, kind=None, theme=None,
                      next_step=None, needs=(), strengths=(), moments=(), questions=())
        return dump_notes(nxt)


def _network(network: str) -> Channel:
    try:
        chosen = Channel(network.strip().lower())
    except ValueError:
        chosen = Channel.EMAIL
    if chosen is Channel.EMAIL:
        raise InputError(Text(f"`{network}` is not linkedin or x", f"`{network}` is geen linkedin of x"),
                         key="NETWORK")
    return chosen


def _outcome(outcome: Outcome | str) -> Outcome:
    try:
        return Outcome(outcome)
    except ValueError:
        choices = ", ".join(o.value for o in Outcome)
        raise InputError(Text(f"`{outcome}` is not an outcome; choose one of {choices}",
                              f"`{outcome}` is geen uitkomst; kies uit {choices}"), key="OUTCOME") from None


def _name(interview: Interview, contact_id: str) -> str:
    return next((c.name for c in interview.contacts if c.id == contact_id), contact_id)
