"""Check-ins that wait for silence: scheduled after each sent follow-up, sent by the worker when their
time comes, cancelled by a reply; edited, sent early or dropped by the user.

    checkins = CheckIns(delivery)
    checkins.schedule(now)                  # a pending check-in for every person who got an email
    checkins.queue_due(now)                 # the worker: due ones, checked, into the outbox
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from afterword.core.errors import InputError
from afterword.core.model import Channel, Draft, Finding, Interview, Language, Severity, TouchpointStatus
from afterword.core.outbox import MessageKind
from afterword.core.text import Text
from afterword.delivery import outbox
from afterword.delivery.checkin import check_in_due, propose_check_in
from afterword.delivery.mime import Outgoing, make_message_id, parse_mailbox
from afterword.plan import check_in_time, recipient_zone
from afterword.store import checkins as store
from afterword.store import outbox as outbox_store
from afterword.store.checkins import OPEN, CheckInRow, CheckInState

if TYPE_CHECKING:
    from afterword.service.delivery import DeliveryService
    from afterword.service.interviews import InterviewService

__all__ = ["OPEN", "CheckIn", "CheckInState", "CheckInView", "CheckIns", "proposals"]


@dataclass(frozen=True)
class CheckInView:
    """A stored check-in as the edges show it: who, when (recipient's time), what, and the checker's findings."""

    id: int
    interview_id: int
    company: str
    contact: str
    name: str
    address: str | None
    state: str  # pending | queued | sent | cancelled | dropped, or the outbox's `failed`/`unknown`
    due_at: datetime
    waits_for: str | None
    waits_phrase: dict[str, str] | None
    language: Language
    subject: str
    body: str
    version: int
    reason: str | None
    outbox_id: int | None
    sent_at: datetime | None
    closed_at: datetime | None
    findings: tuple[Finding, ...] = ()

    @property
    def draft(self) -> Draft:
        return Draft(self.contact, Channel.EMAIL, self.language, self.body, self.subject)

    @property
    def is_open(self) -> bool:
        return self.state in ("pending", "queued")


class CheckIns:
    """Check-in use cases over a DeliveryService (its database, settings and SMTP)."""

    def __init__(self, interviews: InterviewService, delivery: DeliveryService | None = None) -> None:
        self.interviews = interviews
        self.store = interviews.store
        self._delivery = delivery

    @property
    def delivery(self) -> DeliveryService:
        """Settings and SMTP, for what changes or sends; reading needs neither."""
        if self._delivery is None:
            from afterword.service.delivery import DeliveryService

            self._delivery = DeliveryService(self.interviews)
        return self._delivery

    # -- scheduling -------------------------------------------------------------------------

    def schedule(self, now: datetime, interview_id: int | None = None) -> list[int]:
        """A pending check-in for every person whose email follow-up was sent and who has none yet."""
        config = self.delivery.config
        with self.store.read() as repo:
            missing = store.without_check_in(repo.conn, self.store.owner)
        if interview_id is not None:
            missing = [m for m in missing if m[0] == interview_id]
        loaded: dict[int, Interview] = {}
        added: list[int] = []
        for iid, key, sent_at in missing:
            if iid not in loaded:
                loaded[iid] = self.interviews.get_interview(iid)[0]
            interview = loaded[iid]
            contact = next((c for c in interview.contacts if c.id == key), None)
            if contact is None or not contact.email:
                continue
            when = check_in_time(interview, after_days=config.check_in_after_days,
                                 default_days=config.check_in_default_days, not_before=sent_at)
            decided = when.waits_for.latest if when.waits_for is not None else when.at.date()
            draft = propose_check_in(interview, contact, decided)
            with self.store.write() as repo:
                new_id = store.add(repo.conn, iid, key, due_at=when.at,
                                   waits_for=when.waits_for.latest.isoformat() if when.waits_for else None,
                                   language=str(draft.language), subject=draft.subject or "", body=draft.body,
                                   now=now)
            if new_id is not None:
                added.append(new_id)
        return added

    # -- reading ----------------------------------------------------------------------------

    def views(self, *, interview_ids: Sequence[int] | None = None, states: Sequence[str] = (),
             due_by: datetime | None = None, check: bool = True) -> list[CheckInView]:
        with self.store.read() as repo:
            rows = store.listing(repo.conn, self.store.owner, interview_ids=interview_ids, states=states,
                                 due_by=due_by)
            loaded = repo.load_many(sorted({r.interview_id for r in rows}))
        return [self._view(row, loaded[row.interview_id], check=check) for row in rows]

    def get(self, check_in_id: int) -> CheckInView:
        with self.store.read() as repo:
            row = store.get(repo.conn, self.store.owner, check_in_id)
            if row is None:
                raise InputError(Text(f"no check-in {check_in_id}; see `afterword checkin list`",
                                      f"geen check-in {check_in_id}; zie `afterword checkin list`"), key="ID")
            interview = repo.load_interview(row.interview_id)
        return self._view(row, interview)

    def _view(self, row: CheckInRow, interview: Interview, *, check: bool = True) -> CheckInView:
        from afterword.core.lang.when import next_step_time

        contact = next((c for c in interview.contacts if c.id == row.contact), None)
        state = str(row.state)
        if row.state is CheckInState.QUEUED and row.outbox_id is not None:
            message = outbox_store.get(self.store.engine, row.outbox_id)
            if message is not None and message.state in ("sent", "failed", "unknown"):
                state = message.state
        when = next_step_time(interview.next_step, interview.start.astimezone(recipient_zone(interview)).date())
        draft = Draft(row.contact, Channel.EMAIL, Language(row.language), row.body, row.subject)
        findings: tuple[Finding, ...] = ()
        if check and row.state in (CheckInState.PENDING, CheckInState.QUEUED):
            from afterword.check.engine import check_draft

            findings = tuple(check_draft(interview, draft))  # `late` is about the first follow-up only
        return CheckInView(
            id=row.id, interview_id=row.interview_id, company=interview.company, contact=row.contact,
            name=contact.name if contact else row.contact, address=contact.email if contact else None,
            state=state, due_at=row.due_at.astimezone(recipient_zone(interview)), waits_for=row.waits_for,
            waits_phrase={str(lang): when.phrase(lang) for lang in Language} if when and row.waits_for else None,
            language=Language(row.language), subject=row.subject, body=row.body, version=row.version,
            reason=row.reason, outbox_id=row.outbox_id, sent_at=row.sent_at, closed_at=row.closed_at,
            findings=findings,
        )

    # -- sending ----------------------------------------------------------------------------

    def queue_due(self, now: datetime) -> tuple[list[int], list[CheckInView]]:
        """Hand the pending check-ins whose time has come to the outbox; those the checker finds errors
        in are held (and returned) for the user to edit, send with force, or drop."""
        if self.delivery.config.smtp is None:
            return [], []
        queued: list[int] = []
        held: list[CheckInView] = []
        for view in self.views(states=[str(CheckInState.PENDING)], due_by=now):
            if any(f.severity is Severity.ERROR for f in view.findings):
                held.append(view)
                continue
            outbox_id = self._queue(view, now, now)
            if outbox_id is not None:
                queued.append(outbox_id)
        return queued, held

    def _queue(self, view: CheckInView, send_at: datetime, now: datetime) -> int | None:
        if not view.address:
            raise InputError(Text(f"{view.name} has no email address in the notes",
                                  f"{view.name} heeft geen e-mailadres in de notities"), key=view.contact)
        sender = self.delivery.sender()
        follow_up = outbox_store.latest_follow_ups(self.delivery.engine, [view.interview_id]).get(
            (view.interview_id, view.contact))
        message = Outgoing(sender=sender, to=(parse_mailbox(view.address, f"{view.contact}.email", name=view.name),),
                           subject=view.subject.strip(), body=view.body,
                           message_id=make_message_id(sender.address.rpartition("@")[2]),
                           in_reply_to=follow_up.message_id if follow_up and follow_up.state == "sent" else None)
        new = outbox.to_new_message(message, send_at, interview_id=view.interview_id, contact=view.contact,
                                    kind=MessageKind.CHECK_IN)
        with self.store.write() as repo:
            row = store.get(repo.conn, self.store.owner, view.id)
            if row is None or row.version != view.version:
                return None  # edited or moved on meanwhile: the next pass sees the new text
            return store.hand_to_outbox(repo.conn, row, new, now)

    def send_early(self, check_in_id: int, now: datetime, *, force: bool = False) -> outbox.BatchReport:
        """Send a pending check-in now, whatever its time (the checker's errors block unless `force`)."""
        view = self.get(check_in_id)
        if view.state != "pending":
            raise InputError(Text(f"check-in {check_in_id} is {view.state}; only a pending one can be sent",
                                  f"check-in {check_in_id} is {_dutch(view.state)}; alleen een geplande kan "
                                  "worden verstuurd"), key="ID")
        errors = [f for f in view.findings if f.severity is Severity.ERROR]
        if errors and not force:
            first = errors[0]
            raise InputError(Text(f"not sent: the checker found {first.code}: {first.message} (fix it with "
                                  "`afterword checkin edit`, or use --force)",
                                  f"niet verstuurd: de controle vond {first.code}: {first.message} (pas het aan "
                                  "met `afterword checkin edit`, of gebruik --force)"), key="ID")
        self.delivery.require_smtp()
        outbox_id = self._queue(view, now, now)
        if outbox_id is None:
            raise InputError(Text(f"check-in {check_in_id} changed meanwhile; look again",
                                  f"check-in {check_in_id} is intussen gewijzigd; kijk opnieuw"), key="ID")
        return self.delivery.send_now([outbox_id])

    # -- the user ---------------------------------------------------------------------------

    def edit(self, check_in_id: int, subject: str | None, body: str | None, expected_version: int | None,
             now: datetime, *, due_at: datetime | None = None) -> CheckInView:
        view = self.get(check_in_id)
        if view.state != "pending":
            raise InputError(Text(f"check-in {check_in_id} is {view.state}; only a pending one can be edited",
                                  f"check-in {check_in_id} is {_dutch(view.state)}; alleen een geplande kan "
                                  "worden bewerkt"), key="ID")
        if expected_version is not None and expected_version != view.version:
            raise InputError(Text(f"check-in {check_in_id} was changed elsewhere (version {view.version}, you "
                                  f"edited {expected_version}); look again",
                                  f"check-in {check_in_id} is elders gewijzigd (versie {view.version}, jij "
                                  f"bewerkte {expected_version}); kijk opnieuw"), key="--version")
        new_subject = view.subject if subject is None else subject
        new_body = view.body if body is None else body
        if not new_subject.strip() or not new_body.strip():
            raise InputError(Text("a check-in needs a subject and a text",
                                  "een check-in heeft een onderwerp en een tekst nodig"), key="--subject")
        with self.store.write() as repo:
            row = store.get(repo.conn, self.store.owner, check_in_id)
            if row is None or not store.edit(repo.conn, row, new_subject, new_body, now, due_at):
                raise InputError(Text(f"check-in {check_in_id} changed meanwhile; look again",
                                      f"check-in {check_in_id} is intussen gewijzigd; kijk opnieuw"), key="ID")
        return self.get(check_in_id)

    def drop(self, check_in_id: int, now: datetime) -> CheckInView:
        view = self.get(check_in_id)
        with self.store.write() as repo:
            closed = store.close(repo.conn, view.interview_id, view.contact, CheckInState.DROPPED,
                                 "dropped by the user", now, only=check_in_id)
        if not closed:
            raise InputError(Text(f"check-in {check_in_id} is {view.state}; it can no longer be dropped",
                                  f"check-in {check_in_id} is {_dutch(view.state)}; die kan niet meer vervallen"),
                             key="ID")
        return self.get(check_in_id)


@dataclass(frozen=True)
class CheckIn:
    """A check-in proposed for someone who got the follow-up and has not replied since the decision date."""

    interview_id: int
    contact: str
    decided: str
    draft: Draft
    findings: tuple[Finding, ...]


def proposals(interviews: InterviewService, now: datetime) -> list[CheckIn]:
    """For interviews whose decision date passed with no reply: a courteous check-in per emailed contact."""
    from afterword.check.engine import check_draft

    found: list[CheckIn] = []
    for summary in interviews.list_interviews(now):
        interview, touchpoints = interviews.get_interview(summary.id)
        decided = check_in_due(interview, now)
        if decided is None or any(tp.status is TouchpointStatus.REPLIED for tp in touchpoints):
            continue
        for tp in touchpoints:
            if tp.channel is not Channel.EMAIL or tp.status is not TouchpointStatus.SENT:
                continue
            draft = propose_check_in(interview, interview.contact(tp.contact), decided)
            findings = tuple(check_draft(interview, draft))  # `late` is about the first follow-up
            found.append(CheckIn(summary.id, tp.contact, decided.isoformat(), draft, findings))
    return found


def heard_text(name: str, closed: int, language: Language) -> str:
    """What the edges say when a reply stopped check-ins."""
    if language is Language.NL:
        return f"{name} heeft gereageerd: {closed} geplande check-in(s) geannuleerd"
    return f"{name} replied: {closed} pending check-in(s) cancelled"


_DUTCH = {"pending": "gepland", "queued": "in de wachtrij", "sent": "verstuurd", "cancelled": "geannuleerd",
          "dropped": "vervallen", "failed": "mislukt", "unknown": "onzeker"}


def _dutch(state: str) -> str:
    return _DUTCH.get(state, state)
