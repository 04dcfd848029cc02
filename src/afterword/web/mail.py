"""The web's bridge to delivery: send or schedule email through the outbox, copy-and-open, calendar feeds.

Every method is blocking (it runs in a worker thread). A `DeliveryService` is made per call, so
settings written while the server runs (`config.toml`, `afterword password smtp`) count at once.
Nothing here ever puts a password into a page: messages name the settings file and the command.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from afterword.core.errors import AfterwordError, InputError
from afterword.core.model import Channel, Draft, Finding, Language
from afterword.core.outbox import MessageKind, OutboxState
from afterword.web.cards import Card

if TYPE_CHECKING:
    from afterword.delivery.social import SocialAction
    from afterword.service.delivery import DeliveryService
    from afterword.service.interviews import InterviewService
    from afterword.store.outbox import OutboxRow

INPUT_FORMAT = "%Y-%m-%dT%H:%M"
#: "Schedule all" is offered when the suggestion is at least this much later than now.
LATER = timedelta(minutes=10)


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
    setup: str | None
    emails_left: int
    allowance: str | None
    #: The suggested send time when it is later than now (then "Schedule all" is offered).
    later: EmailSend | None = None


def not_set_up(gettext: Callable[[str], str], path: object) -> str:
    """What the page says while SMTP is not set up; the settings page (linked beside it) sets it up."""
    _ = gettext
    return _("Email sending is not set up yet.")


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

    def decorate(self, interview_id: int, cards: Sequence[Card], now: datetime, language: Language,
                 gettext: Callable[[str], str]) -> tuple[Card, ...]:
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

    def panel(self, interview_id: int, cards: Sequence[Card], now: datetime, language: Language,
              gettext: Callable[[str], str]) -> Panel:
        try:
            svc = self.delivery()
        except AfterwordError as exc:
            return Panel(False, exc.located_in(language), 0, None)
        left = sum(1 for c in cards if c.channel is Channel.EMAIL and c.contact.email and c.body.strip()
                   and not c.done and (c.email is None or c.email.can_send))
        configured = svc.config.smtp is not None
        setup = None if configured else not_set_up(gettext, svc.config.path)
        linkedin = any(c.channel is Channel.LINKEDIN for c in cards)
        email = next((c.email for c in cards if c.email is not None), None)
        later = email if email is not None and email.suggested > now + LATER else None
        return Panel(configured, setup, left, svc.allowance_warning(now, language) if linkedin else None, later)

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
             language: Language, gettext: Callable[[str], str], *,
             kind: MessageKind = MessageKind.FOLLOW_UP) -> Notice:
        """The service's one send flow (service.sending.send_emails), its outcome said on the page; `kind`
        REJECTION_REPLY sends the stored reply to a rejection (at once: it has no undo window)."""
        from afterword.service.delivery import AlreadyQueuedError
        from afterword.service.sending import SendResult, send_emails

        _ = gettext
        try:
            svc = self.delivery()
        except AfterwordError as exc:
            return Notice("error", exc.located_in(language))
        if svc.config.smtp is None:
            return Notice("error", not_set_up(gettext, svc.config.path))
        try:
            svc.require_smtp()
        except InputError:
            return Notice("error", _(
                "The SMTP password was not found. Store it with `afterword password smtp` "
                "(or set AFTERWORD_SMTP_PASSWORD), then try again."))
        undo = svc.config.undo_seconds if kind is MessageKind.FOLLOW_UP else 0
        try:
            outcome = send_emails(svc, interview_id, contacts, at=when, now=now, undo_seconds=undo,
                                  lock=self._queueing, release_later=self._release_later, kind=kind)
        except AlreadyQueuedError as exc:
            return Notice("error", _("This email is already in the outbox (%(state)s); it goes out once only.")
                          % {"state": state_name(exc.row.state, gettext)})
        except InputError as exc:
            if not contacts and exc.key == "ID" and kind is MessageKind.FOLLOW_UP:
                return Notice("error", _("There is no email left to send in this interview."))
            return Notice("error", sentence(exc.message_in(language)))
        report = outcome.report
        if outcome.result is SendResult.BLOCKED:
            stopping = tuple(f for found in outcome.blocking.values() for f in found)
            return Notice("error", _(
                "Not sent: the checker found errors. Fix them (or send from the command line with --force)."),
                stopping)
        if outcome.result is SendResult.HELD:
            return Notice("ok", _("Sending in %(seconds)d s. Undo stops it.") % {"seconds": undo})
        if outcome.result is SendResult.SCHEDULED:
            if outcome.after_deadline:
                return Notice("warning", _("Scheduled, but after the 24-hour deadline: consider an earlier time."))
            return Notice("ok", _("Scheduled: the worker sends it at the chosen time."))
        assert report is not None
        if outcome.result is SendResult.LOGIN_REFUSED:
            return Notice("error", _(
                "Not sent: the SMTP server refused the login (%(detail)s). Check the username in the settings "
                "and store the password again with `afterword password smtp`, then send again.")
                % {"detail": report.login_refused})
        if outcome.result is SendResult.FAILED:
            refused = {r.id: r.refused for r in outcome.rows}
            details = "; ".join(
                d + "".join(f" ({address}: {answer})" for address, answer in refused.get(i, {}).items())
                for i, d in [*report.failed, *report.unknown])
            return Notice("error", _("Sending failed: %(detail)s") % {"detail": details})
        if outcome.result is SendResult.RETRY:
            details = "; ".join(d for _i, d in report.retry)
            return Notice("warning", _(
                "Not sent yet: %(detail)s. It stays in the outbox and is tried again.") % {"detail": details})
        notes = list(report.warnings)
        text = _("Sent.") if not notes else _("Sent.") + " " + "; ".join(notes)
        return Notice("ok" if not notes else "warning", text)

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

    def outbox_counts(self, interview_id: int) -> dict[str, int]:
        """How many of the interview's outbox messages are in each state (for the delete question)."""
        try:
            svc = self.delivery()
        except AfterwordError:  # unreadable settings: the outbox is still there, but nothing to count with
            return {}
        return svc.outbox_counts(interview_id)

    # -- calendar ---------------------------------------------------------------------------

    def calendar(self, now: datetime, interview_id: int | None = None) -> bytes:
        """Reminders for every interview of the owner (or one), UIDs `interview-{id}` like the CLI."""
        from afterword.service.calendar import stored_reminders_ics

        return stored_reminders_ics(self.service, now, interview_id)


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


def state_name(state: str, gettext: Callable[[str], str]) -> str:
    """An outbox state in the UI language (the same words as the card's badge)."""
    _ = gettext
    names = {"queued": _("scheduled"), "sending": _("sending"), "sent": _("sent"), "failed": _("failed"),
             "cancelled": _("cancelled"), "unknown": _("unknown")}
    return names.get(state, state)


def zone_name(name: str | None, zone: tzinfo, now: datetime) -> str:
    if name:
        return name
    offset = now.astimezone(zone).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


def parse_local(text: str, zone: tzinfo) -> datetime | None:
    """A `datetime-local` value (`2026-11-28T09:00`) as a moment in the recipient's zone."""
    try:
        naive = datetime.strptime(text.strip()[:16], INPUT_FORMAT)
    except ValueError:
        return None
    return naive.replace(tzinfo=zone)

