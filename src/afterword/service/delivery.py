"""Delivery use cases shared by the CLI and the web UI: queue and send email, the outbox, and the one
object (`DeliveryService`) the edges hold for mail and copy-and-open.

The families live in their own modules and are reached through it: the background pass (`background`),
replies (`replies`), LinkedIn and X (`social`), check-ins (`checkins`).

    service = DeliveryService(open_service(url))
    ids = service.queue_emails(interview_id, ["maria"], send_at=None, now=now)   # send now
    report = service.send_now(ids)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Literal

from afterword.core import outbox as core_outbox
from afterword.core.errors import InputError
from afterword.core.model import (
    Candidate,
    Channel,
    Contact,
    Draft,
    Finding,
    Language,
    TouchpointStatus,
)
from afterword.core.outbox import MessageKind, OutboxState
from afterword.core.text import Text
from afterword.delivery import outbox
from afterword.delivery.config import MailConfig, config_dir
from afterword.delivery.config import load_config as load_config  # for the edges: service is their only door
from afterword.delivery.imap import ImapClient
from afterword.delivery.mime import Mailbox, Outgoing, make_message_id, parse_mailbox
from afterword.delivery.outbox import BatchReport
from afterword.delivery.schedule import Suggestion, recipient_zone, suggest_send_time
from afterword.delivery.secrets import Secret, find_password
from afterword.delivery.smtp import SmtpSession
from afterword.delivery.social import SocialAction
from afterword.delivery.worker import Worker
from afterword.service import background, replies, social
from afterword.service.checkins import CheckIn, CheckIns, proposals
from afterword.service.interviews import InterviewService, no_contact
from afterword.service.rejection_replies import RejectionReplies
from afterword.service.replies import ReplyPoll
from afterword.service.social import SocialItem
from afterword.store import outbox as store
from afterword.store.outbox import OutboxRow

ACTIVE = tuple(sorted(core_outbox.ACTIVE))  # for the store's state filters


class AlreadyQueuedError(InputError):
    """The email to this person is already in the outbox (queued, being sent, sent or unknown): it goes once."""

    def __init__(self, message: Text, *, key: str, row: OutboxRow) -> None:
        super().__init__(message, key=key)
        self.row = row





class DeliveryService:
    """Mail and copy-and-open for one owner, over the same database as `InterviewService`."""

    def __init__(self, interviews: InterviewService, config: MailConfig | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        self.interviews = interviews
        self.environ = environ
        self.config = config if config is not None else load_config(environ=environ)
        self.engine = interviews.store.engine
        self.last_reply_poll: datetime | None = None  # the worker reads the inbox every few minutes
        self.checkins = CheckIns(interviews, self)
        self.rejection_replies = RejectionReplies(interviews)

    # -- settings and secrets ---------------------------------------------------------------

    @property
    def config_dir(self) -> Path:
        return self.config.path.parent if self.config.path else config_dir(self.environ)

    def password(self, service: Literal["smtp", "imap"]) -> Secret | None:
        username = self.config.smtp.username if service == "smtp" and self.config.smtp else (
            self.config.imap.username if service == "imap" and self.config.imap else None)
        if not username:
            return None
        return find_password(service, username, self.config_dir, self.environ)

    def sender(self, preview_as: Candidate | None = None) -> Mailbox:
        """The From address: the SMTP settings' sender; for a preview without settings, the candidate's."""
        if self.config.smtp is None:
            if preview_as is not None and preview_as.email:
                return parse_mailbox(preview_as.email, "from", name=preview_as.name)
            raise InputError(self.not_set_up("SMTP", "smtp"), key="smtp")
        return parse_mailbox(self.config.smtp.sender, "from")

    def not_set_up(self, name: str, table: str) -> Text:
        return Text(f"{name} is not set up: add an [{table}] table to {self.config.path}",
                    f"{name} is niet ingesteld: voeg een tabel [{table}] toe aan {self.config.path}")

    def require_password(self, service: Literal["smtp", "imap"]) -> str | None:
        """The stored password of `service`; an InputError saying where to store it when there is none."""
        cfg = self.config.smtp if service == "smtp" else self.config.imap
        if cfg is None or not cfg.username:
            return None
        found = self.password(service)
        if found is None:
            upper, keyring = service.upper(), f"`keyring set afterword-{service} {cfg.username}`"
            file = self.config_dir / (service + ".password")
            raise InputError(Text(
                f"no {upper} password: store it in the system keyring ({keyring}), set AFTERWORD_{upper}_PASSWORD, "
                f"or write it to a 0600 file {file}",
                f"geen {upper}-wachtwoord: bewaar het in de sleutelhanger van het systeem ({keyring}), zet "
                f"AFTERWORD_{upper}_PASSWORD, of schrijf het naar een 0600-bestand {file}"), key=service)
        return found.value

    # -- email ------------------------------------------------------------------------------

    def email_messages(self, interview_id: int, contacts: Sequence[str] = (), *, preview: bool = False,
                       kind: MessageKind = MessageKind.FOLLOW_UP) -> list[tuple[str, Outgoing]]:
        """Validated messages for the email drafts of an interview (all of them, or `contacts`); with `kind`
        REJECTION_REPLY, the stored reply to a rejection.

        With `preview`, the candidate's own address stands in as From when SMTP is not set up."""
        interview, touchpoints = self.interviews.get_interview(interview_id)
        if kind is MessageKind.REJECTION_REPLY:
            return self.rejection_replies.messages(interview_id, contacts,
                                                   self.sender(interview.candidate if preview else None))
        drafts = {tp.contact: tp for tp in touchpoints if tp.channel is Channel.EMAIL}
        wanted = list(contacts)
        if not wanted:  # all: every email draft still to send; the others are simply not selected
            busy = {r.contact for r in store.list_messages(self.engine, ACTIVE, interview_id, kind=MessageKind.FOLLOW_UP)}
            wanted = [c.id for c in interview.contacts if c.email and c.id in drafts
                      and drafts[c.id].body.strip() and not drafts[c.id].status.is_done and c.id not in busy]
            if not wanted:
                raise InputError(Text("there is no email draft left to send in this interview",
                                      "er is in dit gesprek geen e-mailconcept meer te versturen"), key="ID")
        sender = self.sender(interview.candidate if preview else None)
        domain = sender.address.rpartition("@")[2]
        found: list[tuple[str, Outgoing]] = []
        for cid in wanted:
            try:
                contact = interview.contact(cid)
            except KeyError:
                raise InputError(no_contact(cid), key="--contact") from None
            if not contact.email:
                raise InputError(Text(f"{contact.name} has no email address in the notes",
                                      f"{contact.name} heeft geen e-mailadres in de notities"), key=cid)
            tp = drafts.get(cid)
            if tp is None or not tp.body.strip():
                raise InputError(Text(f"there is no email draft for {contact.name} yet; draft it first "
                                      "(the web UI, or `afterword show`)",
                                      f"er is nog geen e-mailconcept voor {contact.name}; schrijf het eerst "
                                      "(in de webinterface, of met `afterword show`)"), key=cid)
            existing = store.list_messages(self.engine, ACTIVE, interview_id, kind=MessageKind.FOLLOW_UP, contact=cid)
            if existing:  # the outbox's word first: it says how far the message got
                raise AlreadyQueuedError(Text(
                    f"the email to {contact.name} is already in the outbox as message {existing[0].id} "
                    f"({existing[0].state})",
                    f"de e-mail aan {contact.name} staat al in de outbox als bericht {existing[0].id} "
                    f"({existing[0].state})"), key=cid, row=existing[0])
            if tp.status in (TouchpointStatus.SENT, TouchpointStatus.REPLIED):
                dutch = "verstuurd" if tp.status is TouchpointStatus.SENT else "beantwoord"
                raise InputError(Text(f"the email to {contact.name} was already {tp.status}",
                                      f"de e-mail aan {contact.name} is al {dutch}"), key=cid)
            if not (tp.subject or "").strip():
                raise InputError(Text(f"the email to {contact.name} has no subject",
                                      f"de e-mail aan {contact.name} heeft geen onderwerp"), key=cid)
            to = parse_mailbox(contact.email, f"{cid}.email", name=contact.name)
            found.append((cid, Outgoing(sender=sender, to=(to,), subject=(tp.subject or "").strip(), body=tp.body,
                                        message_id=make_message_id(domain))))
        return found

    def check(self, interview_id: int, contacts: Sequence[str] = (), sent_at: datetime | None = None, *,
              kind: MessageKind = MessageKind.FOLLOW_UP) -> dict[str, list[Finding]]:
        """The checker's findings for each email draft that would be sent (or the reply to a rejection)."""
        from afterword.check.engine import check_draft

        if kind is MessageKind.REJECTION_REPLY:
            return self.rejection_replies.check(interview_id)
        interview, touchpoints = self.interviews.get_interview(interview_id)
        wanted = set(contacts)
        return {
            tp.contact: list(check_draft(interview, tp.draft, sent_at=sent_at))
            for tp in touchpoints
            if tp.channel is Channel.EMAIL and (not wanted or tp.contact in wanted)
        }

    def queue_emails(self, interview_id: int, contacts: Sequence[str], send_at: datetime | None,
                     now: datetime, *, kind: MessageKind = MessageKind.FOLLOW_UP) -> list[int]:
        """Queue validated messages (all or none); their touchpoints (or the reply to a rejection) say
        `scheduled` (`queued`) in the same transaction."""
        self.require_smtp()
        if kind is MessageKind.REJECTION_REPLY:
            return self.rejection_replies.queue(interview_id, self.sender(), send_at or now, now)
        messages = self.email_messages(interview_id, contacts)
        when = send_at or now
        return outbox.queue(self.engine, [
            outbox.to_new_message(message, when, interview_id=interview_id, contact=cid)
            for cid, message in messages
        ], now)

    def suggest(self, interview_id: int, now: datetime, language: Language | None = None) -> Suggestion:
        """When to send: in the recipient's office hours inside the 24-hour window (reasons in `language`)."""
        interview, _ = self.interviews.get_interview(interview_id)
        return suggest_send_time(interview, now, language or interview.effective_language)

    def recipient_zone(self, interview_id: int) -> tzinfo:
        return recipient_zone_of(self.interviews, interview_id)

    def on_sent(self, row: OutboxRow, data: bytes) -> None:
        """After the server took a message (its touchpoint or check-in already says `sent`, in the transaction
        that recorded it): the check-in that waits for their silence, and a copy in the IMAP Sent folder if the
        copy filed before DATA could not be (IMAP was down then)."""
        sent_at = row.sent_at or datetime.now(UTC)
        if row.interview_id is not None and row.contact and row.kind is MessageKind.FOLLOW_UP:
            self.checkins.schedule(sent_at, row.interview_id)
        if self.config.imap is not None and self.config.imap.save_sent and data:
            password = self.require_password("imap") or ""
            with ImapClient(self.config.imap, password) as imap:
                if not imap.has_message_id(row.message_id):
                    imap.append_sent(data, sent_at)

    def sent_copy(self) -> outbox.SentCopy | None:
        """With `[imap] save_sent` (the default): each message is filed in Sent just before DATA, so one
        whose outcome is `unknown` settles by its Message-ID as it does with a provider that keeps copies."""
        if self.config.imap is None or not self.config.imap.save_sent:
            return None
        return replies.SentFolderCopy(self)

    def imap_client(self) -> ImapClient:
        assert self.config.imap is not None
        return ImapClient(self.config.imap, self.require_password("imap") or "")

    def require_smtp(self) -> str | None:
        """Check, before anything is queued, that SMTP is set up and its password can be found."""
        if self.config.smtp is None:
            raise InputError(self.not_set_up("SMTP", "smtp"), key="smtp")
        return self.require_password("smtp")

    def send_now(self, ids: Sequence[int], clock: Callable[[], datetime] = outbox.utc_now,
                 pause: outbox.Pause | None = time.sleep) -> BatchReport:
        """Send the given queued messages right away (other due messages are left to the worker).

        When the server refuses the login, the messages of `ids` not sent yet are withdrawn (`failed`,
        no attempt charged) and their drafts are editable again (in the same transaction): nothing waits in
        the outbox for a password that does not work, and `send` can simply be run again once it does.
        """
        password = self.require_smtp()
        assert self.config.smtp is not None
        with SmtpSession(self.config.smtp, password) as session:
            report = outbox.deliver_due(self.engine, session, outbox.new_worker(), clock=clock, only=ids,
                                        on_sent=self.on_sent, per_minute=self.config.smtp.max_per_minute,
                                        sent_copy=self.sent_copy(),
                                        pause=pause)
        if report.login_refused is not None:
            store.withdraw(self.engine, ids, f"not sent: {report.login_refused}", clock())
        return report

    def login_refused_error(self, report: BatchReport) -> InputError:
        """The one line for a refused SMTP login: what the server said, and what to fix."""
        assert self.config.smtp is not None
        detail = report.login_refused or ""
        user = self.config.smtp.username or ""
        return InputError(Text(
            f"the SMTP server refused the login ({detail}); nothing was sent and no message was charged an "
            f"attempt: check `username` ({user}) in [smtp] of {self.config.path} and the password "
            "(`afterword password smtp`), then send again",
            f"de SMTP-server weigerde de aanmelding ({detail}); er is niets verstuurd en geen bericht telde een "
            f"poging: controleer `username` ({user}) in [smtp] van {self.config.path} en het wachtwoord "
            "(`afterword password smtp`) en verstuur opnieuw"), key="smtp")

    # -- worker (service.background) ----------------------------------------------------------

    def worker(self, clock: Callable[[], datetime] = outbox.utc_now, *, replies: bool = True,
               strict: bool = True) -> Worker:
        """The worker over these settings, re-read whenever `config.toml` changes (see `background.worker`)."""
        return background.worker(self, clock, replies=replies, strict=strict)

    def overdue_reason(self, row: OutboxRow, now: datetime) -> Text | None:
        """Why a scheduled message past its time has not gone out, when it has not; None when all is well."""
        return background.overdue_reason(self, row, now)

    def queue_stuck_notices(self, now: datetime) -> int:
        """With `[reminders] email_to_self`: one email to self per stuck follow-up (and state), never twice."""
        return background.queue_stuck_notices(self, now)

    def queue_reminders(self, now: datetime) -> int:
        """Queue the email to self for interviews whose deadline is within 4 hours and still owe messages."""
        return background.queue_reminders(self, now)

    # -- replies (service.replies) ------------------------------------------------------------

    def settle_unknown(self, now: datetime) -> list[int]:
        return replies.settle_unknown(self, now)

    def poll_replies(self, now: datetime, lookback: timedelta = timedelta(days=30)) -> list[tuple[OutboxRow, str]]:
        """Read the inbox once; mark answered messages and their touchpoints `replied`."""
        return self.read_replies(now, lookback).replies

    def read_replies(self, now: datetime, lookback: timedelta = timedelta(days=30)) -> ReplyPoll:
        """Read the inbox once: replies marked, check-ins of people who wrote stopped (see `replies.read_replies`)."""
        return replies.read_replies(self, now, lookback)

    # -- outbox -----------------------------------------------------------------------------

    def latest_follow_ups(self, interview_id: int) -> dict[str, OutboxRow]:
        """The newest follow-up message of each contact of the interview (whatever its state)."""
        latest: dict[str, OutboxRow] = {}
        for row in store.list_messages(self.engine, (), interview_id, kind=MessageKind.FOLLOW_UP):
            if row.contact and (row.contact not in latest or row.id > latest[row.contact].id):
                latest[row.contact] = row
        return latest

    def outbox_counts(self, interview_id: int) -> dict[str, int]:
        """How many of the interview's outbox messages are in each state."""
        from collections import Counter

        return dict(Counter(row.state for row in store.list_messages(self.engine, (), interview_id)))

    def outbox(self, states: Sequence[str] = ()) -> list[OutboxRow]:
        return store.list_messages(self.engine, states, owner=self.interviews.owner)

    def resolve(self, row_id: int, sent: bool, now: datetime) -> OutboxRow:
        row = store.get(self.engine, row_id)
        if row is None or row not in self.outbox():
            raise InputError(f"no outbox message {row_id}", key="--resolve")
        outbox.resolve(self.engine, row_id, sent, now)  # the touchpoint or check-in follows in its transaction
        updated = store.get(self.engine, row_id)
        assert updated is not None
        return updated

    def cancel(self, row_id: int, now: datetime) -> OutboxRow:
        """Withdraw a scheduled message that has not gone out (`queued` only): `cancelled`, and its draft
        editable again (a check-in waits again) in the same transaction."""
        row = store.get(self.engine, row_id)
        if row is None or row not in self.outbox() or not store.cancel(self.engine, row_id, now):
            raise InputError(f"no scheduled outbox message {row_id} to cancel", key="ID")
        updated = store.get(self.engine, row_id)
        assert updated is not None
        return updated

    def attention(self) -> list[OutboxRow]:
        """The outbox messages of the follow-ups the user must look at (see InterviewService.stuck_emails)."""
        wanted = {stuck.outbox.id for stuck in self.interviews.stuck_emails()}
        if not wanted:
            return []
        return [row for row in store.list_messages(self.engine, (OutboxState.UNKNOWN, OutboxState.FAILED)) if row.id in wanted]

    # -- copy-and-open (service.social) -------------------------------------------------------

    def prepare_social(self, contact: Contact, draft: Draft) -> SocialAction:
        """The text to copy and the page to open for a LinkedIn note or X post (InputError when it cannot)."""
        return social.prepare(self, contact, draft)

    def social_items(self, interview_id: int, x_public: Sequence[str] = ()) -> list[SocialItem]:
        """LinkedIn notes and X steps; X is follow (plus a DM where open), a public post only for `x_public`."""
        return social.items(self, interview_id, x_public)

    def linkedin_notes_used(self, now: datetime) -> int:
        return social.linkedin_notes_used(self, now)

    def allowance_warning(self, now: datetime, language: Language = Language.EN) -> str | None:
        return social.allowance_warning(self, now, language)

    def mark_social_done(self, interview_id: int, contact: str, channel: Channel | str, now: datetime,
                         *, personalised: bool = True) -> str | None:
        """Record that the user sent the note or post; returns the allowance warning, if any."""
        return social.mark_done(self, interview_id, contact, channel, now, personalised=personalised)

    # -- check-ins (service.checkins) ---------------------------------------------------------

    def check_ins(self, now: datetime) -> list[CheckIn]:
        """For interviews whose decision date passed with no reply: a courteous check-in per emailed contact."""
        return proposals(self.interviews, now)


def recipient_zone_of(interviews: InterviewService, interview_id: int) -> tzinfo:
    """The time zone the recipients read their mail in (where a chosen send time is meant); no settings needed."""
    return recipient_zone(interviews.get_interview(interview_id)[0])

