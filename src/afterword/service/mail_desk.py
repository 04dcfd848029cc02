"""Mail on the interview page: what each card needs to send or copy-and-open, the send-all strip, sending
through the one send flow with an undo window, settling or withdrawing an outbox message, marking a
LinkedIn note or X post done, the calendar feed. The web renders the typed results in the UI's words.

Every method is blocking (it runs in a worker thread). A `DeliveryService` is made per call, so
settings written while the server runs (`config.toml`, `afterword password smtp`) count at once.
Nothing here ever puts a password into a result: messages name the settings file and the command.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from afterword.core.errors import AfterwordError, InputError
from afterword.core.model import Channel, Draft, Language
from afterword.core.outbox import MessageKind, OutboxState
from afterword.service.views import Card, Deletion, EmailSend, Notice, Panel, SocialSend

if TYPE_CHECKING:
    from afterword.service.delivery import DeliveryService
    from afterword.service.interviews import InterviewService
    from afterword.service.sending import SendOutcome
    from afterword.store.outbox import OutboxRow

#: The format of a `datetime-local` field: the suggested send time as the form shows it.
INPUT_FORMAT = "%Y-%m-%dT%H:%M"
#: "Schedule all" is offered when the suggestion is at least this much later than now.
LATER = timedelta(minutes=10)


class Refusal(enum.StrEnum):
    """Why nothing was sent or queued, before the send flow had an outcome."""

    SETTINGS = "settings"  # the settings file does not read (`detail`: where and why)
    NOT_SET_UP = "not-set-up"  # no [smtp] table
    NO_PASSWORD = "no-password"  # the SMTP password is not stored
    ALREADY_QUEUED = "already-queued"  # the email is in the outbox already (`detail`: its state)
    NOTHING_LEFT = "nothing-left"  # "send all" found no email left to send
    INPUT = "input"  # a draft cannot go (`detail`: the message, as a sentence)


@dataclass(frozen=True)
class SendAttempt:
    """What "Send now", "Schedule…" or "Send all" did: the send flow's outcome, or why it did not start."""

    outcome: SendOutcome | None = None
    refused: Refusal | None = None
    detail: str = ""
    #: The undo window the messages were held for (with `SendResult.HELD`).
    undo_seconds: int = 0


class MailDesk:
    """What the mail handlers call; one instance per app, over the web's `InterviewService`."""

    def __init__(self, service: InterviewService) -> None:
        self.service = service
        # Check-then-queue is one step per server: a double click or a second tab cannot queue twice.
        self._queueing = threading.Lock()

    def delivery(self) -> DeliveryService:
        from afterword.service.delivery import DeliveryService

        return DeliveryService(self.service)

    # -- views ------------------------------------------------------------------------------

    def decorate(self, interview_id: int, cards: Sequence[Card], now: datetime, language: Language) -> tuple[Card, ...]:
        """The cards with their outbox state, send suggestion and copy-and-open action."""
        try:
            svc = self.delivery()
        except AfterwordError as exc:
            problem = Notice("error", exc.located_in(language))
            return tuple(dataclasses.replace(c, notice=c.notice or problem) for c in cards)
        rows = self._rows(svc, interview_id)
        out: list[Card] = []
        email: EmailSend | None = None
        allowance: str | None = None
        for card in cards:
            if card.channel is Channel.EMAIL:
                if email is None:
                    email = self._email(svc, interview_id, now, language)
                row = rows.get(card.contact.id)
                reason = svc.overdue_reason(row, now) if row is not None else None
                out.append(dataclasses.replace(card, email=dataclasses.replace(
                    email, row=row, overdue=reason.get(language) if reason is not None else None,
                    held_for=held_for(row, now, svc.config.undo_seconds))))
            else:
                if allowance is None and card.channel is Channel.LINKEDIN:
                    allowance = svc.allowance_warning(now, language) or ""
                out.append(dataclasses.replace(card, social=self._social(svc, card, allowance or None, language)))
        return tuple(out)

    def panel(self, interview_id: int, cards: Sequence[Card], now: datetime, language: Language) -> Panel:
        """The send-all strip. `setup` says why the settings do not read; when they read but have no SMTP,
        `configured` is False and `setup` None (the page says it is not set up, in its own words)."""
        try:
            svc = self.delivery()
        except AfterwordError as exc:
            return Panel(False, exc.located_in(language), 0, None)
        left = len(sendable(cards))
        configured = svc.config.smtp is not None
        linkedin = any(c.channel is Channel.LINKEDIN for c in cards)
        email = next((c.email for c in cards if c.email is not None), None)
        later = email if email is not None and email.suggested > now + LATER else None
        return Panel(configured, None, left, svc.allowance_warning(now, language) if linkedin else None, later)

    def _rows(self, svc: DeliveryService, interview_id: int) -> dict[str, OutboxRow]:
        return svc.latest_follow_ups(interview_id)

    def _email(self, svc: DeliveryService, interview_id: int, now: datetime, language: Language) -> EmailSend:
        interview = svc.interviews.get_interview(interview_id)[0]
        suggestion = svc.suggest(interview_id, now, language)
        zone = svc.recipient_zone(interview_id)
        return EmailSend(None, suggestion.at, suggestion.at.astimezone(zone).strftime(INPUT_FORMAT),
                         suggestion.reason, suggestion.office_hours, zone_name(interview.timezone, zone, now),
                         interview.deadline, svc.config.smtp is not None)

    def _social(self, svc: DeliveryService, card: Card, allowance: str | None, language: Language) -> SocialSend:
        if not card.body.strip():
            return SocialSend(None, None, allowance)
        try:
            action = svc.prepare_social(card.contact, Draft(card.contact.id, card.channel, card.language, card.body))
        except InputError as exc:
            return SocialSend(None, sentence(exc.message_in(language)), allowance)
        return SocialSend(action, None, allowance if card.channel is Channel.LINKEDIN else None)

    # -- actions ----------------------------------------------------------------------------

    def send(self, interview_id: int, contacts: Sequence[str], when: datetime | None, now: datetime,
             language: Language, *, kind: MessageKind = MessageKind.FOLLOW_UP) -> SendAttempt:
        """The service's one send flow (service.sending.send_emails), with the web's undo window; `kind`
        REJECTION_REPLY sends the stored reply to a rejection (at once: it has no undo window)."""
        from afterword.service.delivery import AlreadyQueuedError
        from afterword.service.sending import send_emails

        try:
            svc = self.delivery()
        except AfterwordError as exc:
            return SendAttempt(refused=Refusal.SETTINGS, detail=exc.located_in(language))
        if svc.config.smtp is None:
            return SendAttempt(refused=Refusal.NOT_SET_UP)
        try:
            svc.require_smtp()
        except InputError:
            return SendAttempt(refused=Refusal.NO_PASSWORD)
        undo = svc.config.undo_seconds if kind is MessageKind.FOLLOW_UP else 0
        try:
            outcome = send_emails(svc, interview_id, contacts, at=when, now=now, undo_seconds=undo,
                                  lock=self._queueing, release_later=self._release_later, kind=kind)
        except AlreadyQueuedError as exc:
            return SendAttempt(refused=Refusal.ALREADY_QUEUED, detail=str(exc.row.state))
        except InputError as exc:
            if not contacts and exc.key == "ID" and kind is MessageKind.FOLLOW_UP:
                return SendAttempt(refused=Refusal.NOTHING_LEFT)
            return SendAttempt(refused=Refusal.INPUT, detail=sentence(exc.message_in(language)))
        return SendAttempt(outcome, undo_seconds=undo)

    def _release_later(self, ids: Sequence[int], seconds: int) -> None:
        """Send the held messages when their undo window closes (unless undone meanwhile). A server stopped
        before then leaves them queued, due: the worker sends them on its next pass."""
        def utc_now() -> datetime:
            return datetime.now(UTC)

        release_at = utc_now() + timedelta(seconds=seconds)

        def release() -> None:
            with contextlib.suppress(Exception):  # what is not sent stays queued for the worker
                self.delivery().send_now(ids, clock=lambda: max(utc_now(), release_at))

        timer = threading.Timer(seconds, release)
        timer.daemon = True
        timer.start()

    def resolve(self, interview_id: int, row_id: int, verdict: str, now: datetime) -> tuple[str, bool] | None:
        """Settle an `unknown` message (`sent`, `not-sent`) or withdraw a `queued` one (`cancel`, Undo).

        Returns the message's contact and whether it was done: False when a message to cancel had moved
        on meanwhile (an Undo as the window closed: it is being sent or was sent); None when this interview
        has no such message in a state that can be settled.
        """
        svc = self.delivery()
        wanted = OutboxState.QUEUED if verdict == "cancel" else OutboxState.UNKNOWN
        for contact, row in self._rows(svc, interview_id).items():
            if row.id != row_id:
                continue
            if row.state != wanted:
                # An Undo as the window closed finds it on its way: say so; anything else is not there to settle.
                return (contact, False) if verdict == "cancel" and row.state in (OutboxState.SENDING, OutboxState.SENT) else None
            with self._queueing:
                try:
                    if verdict == "cancel":
                        svc.cancel(row_id, now)
                    else:
                        svc.resolve(row_id, verdict == "sent", now)
                except InputError:  # claimed by the sender between the look and the change
                    return contact, False
            return contact, True
        return None

    def mark_done(self, interview_id: int, contact: str, channel: Channel, now: datetime,
                  language: Language) -> str | None:
        svc = self.delivery()
        svc.mark_social_done(interview_id, contact, channel, now)
        return svc.allowance_warning(now, language) if channel is Channel.LINKEDIN else None

    def deletion(self, interview_id: int) -> Deletion | None:
        """What deleting the interview takes along (drafts, scheduled and sent emails); None when it is gone."""
        from afterword.service.outcomes import NotFoundError

        try:
            interview, touchpoints = self.service.get_interview(interview_id)
        except NotFoundError:
            return None
        try:
            counts = self.delivery().outbox_counts(interview_id)
        except AfterwordError:  # unreadable settings: the outbox is still there, but nothing to count with
            counts = {}
        return Deletion(interview, sum(1 for tp in touchpoints if tp.body.strip()), counts.get("queued", 0),
                        counts.get("sent", 0), bool(counts.get("sending")))

    def recipient_zone(self, interview_id: int) -> tzinfo:
        """Where a chosen send time is meant (no settings needed)."""
        from afterword.service.delivery import recipient_zone_of

        return recipient_zone_of(self.service, interview_id)

    # -- calendar ---------------------------------------------------------------------------

    def calendar(self, now: datetime, interview_id: int | None = None) -> bytes:
        """Reminders for every interview of the owner (or one), UIDs `interview-{id}` like the CLI."""
        from afterword.service.calendar import stored_reminders_ics

        return stored_reminders_ics(self.service, now, interview_id)


def sendable(cards: Sequence[Card]) -> list[Card]:
    """The email cards "Send all" sends: an address, a text, not done, and not in the outbox already."""
    return [c for c in cards if c.channel is Channel.EMAIL and c.contact.email and c.body.strip()
            and not c.done and (c.email is None or c.email.can_send)]


def held_for(row: OutboxRow | None, now: datetime, undo_seconds: int) -> int | None:
    """Seconds left before a message in its undo window goes out; None when it is not held back."""
    if row is None or row.state is not OutboxState.QUEUED or undo_seconds <= 0:
        return None
    left = (row.send_at - now).total_seconds()
    if not 0 < left <= undo_seconds:
        return None
    return max(1, math.ceil(left))


def sentence(message: str) -> str:
    """A CLI-style message (`the email to … has no subject`) as a sentence for the page."""
    return message[:1].upper() + message[1:]


def zone_name(name: str | None, zone: tzinfo, now: datetime) -> str:
    if name:
        return name
    offset = now.astimezone(zone).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
