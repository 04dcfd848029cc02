"""Delivery use cases shared by the CLI and the web UI: queue and send email, the worker, replies, social.

    service = DeliveryService(open_service(url))
    ids = service.queue_emails(interview_id, ["maria"], send_at=None, now=now)   # send now
    report = service.send_now(ids)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
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
    Interview,
    Language,
    Severity,
    TouchpointStatus,
)
from afterword.core.outbox import MessageKind, OutboxState
from afterword.core.text import Text
from afterword.delivery import outbox, social
from afterword.delivery.checkin import check_in_due, propose_check_in
from afterword.delivery.config import MailConfig, config_dir, config_stamp
from afterword.delivery.config import load_config as load_config  # for the edges: service is their only door
from afterword.delivery.health import WorkerHealth, health_path, read_health
from afterword.delivery.imap import ImapClient, SentRef, match_replies, written_by
from afterword.delivery.mime import Mailbox, Outgoing, make_message_id, parse_mailbox
from afterword.delivery.outbox import BatchReport
from afterword.delivery.reminder import send_reminder_email, send_stuck_notice, stuck_notice_text
from afterword.delivery.schedule import Suggestion, recipient_zone, suggest_send_time
from afterword.delivery.secrets import Secret, find_password
from afterword.delivery.smtp import SmtpSession
from afterword.delivery.social import public_post_warning as public_post_warning  # re-exported for the edges
from afterword.delivery.worker import Job, Settings, Worker
from afterword.service.checkins import CheckIns
from afterword.service.interviews import InterviewService, no_contact
from afterword.service.rejection_replies import RejectionReplies
from afterword.store import checkins as checkin_store
from afterword.store import outbox as store
from afterword.store.outbox import OutboxRow

ACTIVE = tuple(sorted(core_outbox.ACTIVE))  # for the store's state filters
REMIND_BEFORE = timedelta(hours=4)
REPLY_POLL_EVERY = timedelta(minutes=5)
#: A scheduled message this much past its time, with no plain reason known, gets a word on its card
#: (the worker passes once a minute, so a minute late is normal).
LATE_AFTER = timedelta(minutes=3)


class AlreadyQueuedError(InputError):
    """The email to this person is already in the outbox (queued, being sent, sent or unknown): it goes once."""

    def __init__(self, message: Text, *, key: str, row: OutboxRow) -> None:
        super().__init__(message, key=key)
        self.row = row


@dataclass(frozen=True)
class SocialItem:
    interview_id: int
    action: social.SocialAction
    status: TouchpointStatus
    name: str


@dataclass(frozen=True)
class WorkerStatus:
    health: WorkerHealth
    alive: bool

    @property
    def healthy(self) -> bool:
        return self.alive and self.health.healthy


@dataclass(frozen=True)
class Stopped:
    """Check-ins a reply cancelled: whose, and how many."""

    interview_id: int
    contact: str
    name: str
    count: int
    reply_message_id: str


@dataclass(frozen=True)
class ReplyPoll:
    replies: list[tuple[OutboxRow, str]]
    stopped: list[Stopped]


@dataclass(frozen=True)
class CheckIn:
    interview_id: int
    contact: str
    decided: str
    draft: Draft
    findings: tuple[Finding, ...]


class DeliveryService:
    """Mail and copy-and-open for one owner, over the same database as `InterviewService`."""

    def __init__(self, interviews: InterviewService, config: MailConfig | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        self.interviews = interviews
        self.environ = environ
        self.config = config if config is not None else load_config(environ=environ)
        self.engine = interviews.store.engine
        self._last_poll: datetime | None = None
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
            raise InputError(_not_set_up("SMTP", "smtp", self.config.path), key="smtp")
        return parse_mailbox(self.config.smtp.sender, "from")

    def _require_password(self, service: Literal["smtp", "imap"]) -> str | None:
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
            password = self._require_password("imap") or ""
            with ImapClient(self.config.imap, password) as imap:
                if not imap.has_message_id(row.message_id):
                    imap.append_sent(data, sent_at)

    def sent_copy(self) -> outbox.SentCopy | None:
        """With `[imap] save_sent` (the default): each message is filed in Sent just before DATA, so one
        whose outcome is `unknown` settles by its Message-ID as it does with a provider that keeps copies."""
        if self.config.imap is None or not self.config.imap.save_sent:
            return None
        return _SentFolderCopy(self)

    def _imap(self) -> ImapClient:
        assert self.config.imap is not None
        return ImapClient(self.config.imap, self._require_password("imap") or "")

    def require_smtp(self) -> str | None:
        """Check, before anything is queued, that SMTP is set up and its password can be found."""
        if self.config.smtp is None:
            raise InputError(_not_set_up("SMTP", "smtp", self.config.path), key="smtp")
        return self._require_password("smtp")

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

    # -- worker -----------------------------------------------------------------------------

    def worker(self, clock: Callable[[], datetime] = outbox.utc_now, *, replies: bool = True,
               strict: bool = True) -> Worker:
        """The worker over these settings, re-read whenever `config.toml` changes (and the password while
        there is none). `strict` refuses to start without the SMTP password (the CLI's `worker`); the web
        server's worker starts anyway and says on every pass with something due what is missing."""
        if strict and self.config.smtp is not None:
            self._require_password("smtp")
        watched = self.config.path
        seen = [config_stamp(watched)]
        current = self._worker_settings(replies)

        def changed() -> bool:
            return config_stamp(watched) != seen[0]

        def refresh() -> Settings | None:
            stamp = config_stamp(watched)
            if stamp == seen[0]:
                # Unchanged file: only a missing password is looked for again (`afterword password smtp`).
                return self._worker_settings(replies) if runner.problem is not None else None
            seen[0] = stamp
            self.config = load_config(watched, self.environ)  # a file that does not read: the worker keeps the old
            return self._worker_settings(replies)

        def reload_password() -> str | None:
            return self._require_password("smtp") if self.config.smtp else None

        database = self.interviews.store.where
        runner = Worker(self.engine, current.smtp, current.password, clock=clock, on_sent=self.on_sent,
                        sent_copy=current.sent_copy, jobs=current.jobs, pre_jobs=current.pre_jobs,
                        reload_password=reload_password, health_file=health_path(self.config_dir, database),
                        database=database, refresh=refresh, changed=changed, problem=current.problem)
        return runner

    def _worker_settings(self, replies: bool) -> Settings:
        """What the worker sends with under the current settings; a missing password is a problem, not a raise."""
        password: str | None = None
        problem: str | None = None
        if self.config.smtp is not None:
            try:
                password = self._require_password("smtp")
            except InputError as exc:
                problem = exc.message
        jobs: list[Job] = []
        if self.config.imap is not None:
            jobs.append(("sent folder", self._settle_job))
            if replies:
                jobs.append(("replies", self._replies_job))
        pre_jobs: list[Job] = [("check-ins", self._check_in_job)]
        if self.config.reminder_email and self.config.smtp is not None:
            pre_jobs.append(("reminders", self._reminder_job))
            pre_jobs.append(("stuck emails", self._stuck_job))
        return Settings(self.config.smtp, password, tuple(jobs), tuple(pre_jobs), problem, self.sent_copy())

    def overdue_reason(self, row: OutboxRow, now: datetime) -> Text | None:
        """Why a scheduled message past its time has not gone out, when it has not; None when all is well."""
        if row.state is not OutboxState.QUEUED or row.send_at > now:
            return None
        if self.config.smtp is None:
            return Text("It is past its time and not sent: SMTP is not set up. Set it up under Settings; it goes "
                        "out within a minute after that.",
                        "Het tijdstip is voorbij en het is niet verstuurd: SMTP is niet ingesteld. Stel het in bij "
                        "Instellingen; binnen een minuut daarna gaat het weg.")
        try:
            self._require_password("smtp")
        except InputError:
            return Text("It is past its time and not sent: the SMTP password is not stored. Store it under "
                        "Settings (or with `afterword password smtp`).",
                        "Het tijdstip is voorbij en het is niet verstuurd: het SMTP-wachtwoord is niet bewaard. "
                        "Bewaar het bij Instellingen (of met `afterword password smtp`).")
        if row.send_at > now - LATE_AFTER:
            return None
        workers = [h for h in read_health(self.config_dir, self.interviews.store.where)
                   if h.state == "running" and not outbox.is_dead(h.identity)]
        if not workers:
            return Text("It is past its time and not sent: no worker is running for this database. Start "
                        "`afterword serve` (without --no-worker) or `afterword worker`.",
                        "Het tijdstip is voorbij en het is niet verstuurd: er draait geen worker voor deze "
                        "database. Start `afterword serve` (zonder --no-worker) of `afterword worker`.")
        paused = next((h for h in workers if h.smtp_paused_until is not None and h.smtp_paused_until > now), None)
        if paused is not None:
            return Text("It is past its time and not sent: the SMTP server refused the login. Check the username "
                        "and password under Settings.",
                        "Het tijdstip is voorbij en het is niet verstuurd: de SMTP-server weigerde de aanmelding. "
                        "Controleer gebruikersnaam en wachtwoord bij Instellingen.")
        trouble = next((h.fault or h.errors[0] for h in workers if h.fault or h.errors), None)
        if trouble:
            return Text(f"It is past its time and not sent; the worker says: {trouble}",
                        f"Het tijdstip is voorbij en het is niet verstuurd; de worker meldt: {trouble}")
        return Text("It is past its time and not sent yet; see `afterword worker --status`.",
                    "Het tijdstip is voorbij en het is nog niet verstuurd; zie `afterword worker --status`.")

    def attention(self) -> list[OutboxRow]:
        """The outbox messages of the follow-ups the user must look at (see InterviewService.stuck_emails)."""
        wanted = {stuck.outbox.id for stuck in self.interviews.stuck_emails()}
        if not wanted:
            return []
        return [row for row in store.list_messages(self.engine, (OutboxState.UNKNOWN, OutboxState.FAILED)) if row.id in wanted]

    def _check_in_job(self, now: datetime) -> str:
        """Schedule the check-ins still missing; before any goes out, read the inbox (a reply stops it)."""
        notes: list[str] = []
        added = self.checkins.schedule(now)
        if added:
            notes.append(f"{len(added)} check-in(s) scheduled")
        due = self.checkins.views(states=["pending"], due_by=now, check=False)
        if due and self.config.smtp is not None:
            if self.config.imap is not None:
                stopped = self.read_replies(now).stopped
                notes += [f"{s.name} replied: {s.count} check-in(s) cancelled" for s in stopped]
            queued, held = self.checkins.queue_due(now)
            if queued:
                notes.append(f"{len(queued)} check-in(s) queued")
            notes += [f"check-in {h.id} to {h.name} held: the checker found "
                      f"{', '.join(sorted({f.code for f in h.findings if f.severity is Severity.ERROR}))}; "
                      f"`afterword checkin edit {h.id}`" for h in held]
        return "; ".join(notes)

    def _settle_job(self, now: datetime) -> str:
        settled = self.settle_unknown(now)
        return f"{len(settled)} unknown message(s) found in Sent and marked sent" if settled else ""

    def _replies_job(self, now: datetime) -> str:
        if self._last_poll is not None and now - self._last_poll < REPLY_POLL_EVERY:
            return ""  # a login every few minutes is enough; the send loop may run more often
        self._last_poll = now
        found = self.poll_replies(now)
        return f"{len(found)} new reply(ies)" if found else ""

    def _stuck_job(self, now: datetime) -> str:
        queued = self.queue_stuck_notices(now)
        return f"{queued} email(s) to self about a follow-up that may not have gone out or was refused" if queued else ""

    def queue_stuck_notices(self, now: datetime) -> int:
        """With `[reminders] email_to_self`: one email to self per stuck follow-up (and state), never twice."""
        sender = self.sender()
        queued = 0
        for stuck in self.interviews.stuck_emails():
            interview, _ = self.interviews.get_interview(stuck.interview_id)
            to = parse_mailbox(interview.candidate.email, "candidate.email") if interview.candidate.email else sender
            text = stuck_notice_text(interview.effective_language, stuck.name, stuck.company, stuck.outbox.state,
                                     stuck.outbox.error, stuck.outbox.id)
            if send_stuck_notice(self.engine, stuck.interview_id, stuck.outbox.id, stuck.outbox.state, text,
                                 sender, to, now) is not None:
                queued += 1
        return queued

    def _reminder_job(self, now: datetime) -> str:
        queued = self.queue_reminders(now)
        return f"{queued} reminder email(s) queued" if queued else ""

    def settle_unknown(self, now: datetime) -> list[int]:
        if self.config.imap is None or not store.list_messages(self.engine, (OutboxState.UNKNOWN,)):
            return []
        with ImapClient(self.config.imap, self._require_password("imap") or "") as imap:
            settled = outbox.settle_from_sent_folder(self.engine, imap.has_message_id, now)
        return settled

    def poll_replies(self, now: datetime, lookback: timedelta = timedelta(days=30)) -> list[tuple[OutboxRow, str]]:
        """Read the inbox once; mark answered messages and their touchpoints `replied`."""
        return self.read_replies(now, lookback).replies

    def read_replies(self, now: datetime, lookback: timedelta = timedelta(days=30)) -> ReplyPoll:
        """Read the inbox once. A reply (by In-Reply-To/References, or sender and subject) marks its message
        and touchpoint `replied` and cancels that person's open check-ins, in one transaction; any other
        message from a person with an open check-in, written after their follow-up, cancels it too."""
        if self.config.imap is None:
            raise InputError(_not_set_up("IMAP", "imap", self.config.path), key="imap")
        waiting = store.sent_awaiting_reply(self.engine)
        if not waiting:
            return ReplyPoll([], [])
        oldest = min((row.sent_at or now) for row in waiting)
        since = (max(oldest, now - lookback) - timedelta(days=1)).date()
        with ImapClient(self.config.imap, self._require_password("imap") or "") as imap:
            inbox = imap.inbox_since(since)
        refs = [SentRef(row.id, row.message_id, tuple(r[0] for r in row.recipients), row.subject, row.sent_at)
                for row in waiting]
        matches = match_replies(refs, inbox)
        done: list[tuple[OutboxRow, str]] = []
        stopped: list[Stopped] = []
        for row in waiting:
            mail = matches.get(row.id)
            if mail is None:
                continue
            with self.interviews.store.write() as repo:
                if not store.mark_replied_on(repo.conn, row.id, mail.message_id, now, received=mail.received):
                    continue
                closed = []
                if row.interview_id is not None and row.contact:
                    closed = checkin_store.close(repo.conn, row.interview_id, row.contact,
                                                 checkin_store.CheckInState.CANCELLED,
                                                 f"they replied ({mail.message_id[:200]})", now)
            done.append((row, mail.message_id))
            if closed and row.interview_id is not None and row.contact:
                stopped.append(Stopped(row.interview_id, row.contact, row.recipients[0][1] or row.contact,
                                       len(closed), mail.message_id))
        sent_at = {(r.interview_id, r.contact): r.sent_at for r in waiting}
        for view in self.checkins.views(states=checkin_store.OPEN, check=False):
            if not view.address:
                continue
            mail = written_by(view.address, sent_at.get((view.interview_id, view.contact)), inbox)
            if mail is None:
                continue
            with self.interviews.store.write() as repo:
                closed = checkin_store.close(repo.conn, view.interview_id, view.contact,
                                             checkin_store.CheckInState.CANCELLED,
                                             f"they wrote ({mail.message_id[:200]})", now)
            if closed:
                stopped.append(Stopped(view.interview_id, view.contact, view.name, len(closed), mail.message_id))
        return ReplyPoll(done, stopped)

    def queue_reminders(self, now: datetime) -> int:
        """Queue the email to self for interviews whose deadline is within 4 hours and still owe messages."""
        sender = self.sender()
        queued = 0
        for summary in self.interviews.list_interviews(now):
            if summary.owed <= 0 or not (summary.deadline - REMIND_BEFORE <= now < summary.deadline):
                continue
            interview, _ = self.interviews.get_interview(summary.id)
            owed = sorted({row.name for row in self.interviews.due(now, limit=None) if row.interview_id == summary.id})
            to = parse_mailbox(interview.candidate.email, "candidate.email") if interview.candidate.email else sender
            if send_reminder_email(self.engine, summary.id, interview, owed, sender, to, now) is not None:
                queued += 1
        return queued

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

    # -- copy-and-open ----------------------------------------------------------------------

    def prepare_social(self, contact: Contact, draft: Draft) -> social.SocialAction:
        """The text to copy and the page to open for a LinkedIn note or X post (InputError when it cannot)."""
        return social.prepare(contact, draft, premium=self.config.linkedin_premium)

    def social_items(self, interview_id: int, x_public: Sequence[str] = ()) -> list[SocialItem]:
        """LinkedIn notes and X steps; X is follow (plus a DM where open), a public post only for `x_public`."""
        interview, touchpoints = self.interviews.get_interview(interview_id)
        for cid in x_public:
            if not any(c.id == cid and c.x for c in interview.contacts):
                raise InputError(Text(f"the interview has no contact `{cid}` with an X handle",
                                      f"het gesprek heeft geen contact `{cid}` met een X-naam"), key="--x-public")
        items: list[SocialItem] = []
        for tp in touchpoints:
            if tp.channel is Channel.EMAIL or not tp.body.strip():
                continue
            contact = interview.contact(tp.contact)
            action = social.prepare(contact, tp.draft, premium=self.config.linkedin_premium,
                                    x_public=contact.id in x_public)
            items.append(SocialItem(interview_id, action, tp.status, contact.name))
        return items

    def linkedin_notes_used(self, now: datetime) -> int:
        start, end = social.month_bounds(now)
        return store.count_social_done(self.engine, Channel.LINKEDIN.value, start, end, owner=self.interviews.owner)

    def allowance_warning(self, now: datetime, language: Language = Language.EN) -> str | None:
        if self.config.linkedin_premium:
            return None
        return social.allowance_warning(self.linkedin_notes_used(now), self.config.linkedin_free_notes, language)

    def mark_social_done(self, interview_id: int, contact: str, channel: Channel | str, now: datetime,
                         *, personalised: bool = True) -> str | None:
        """Record that the user sent the note or post; returns the allowance warning, if any."""
        try:
            chosen = Channel(channel)
        except ValueError:
            raise InputError(f"`{channel}` is not linkedin or x", key="CHANNEL") from None
        if chosen is Channel.EMAIL:
            raise InputError("email is sent with `afterword send`, not marked by hand", key="CHANNEL")
        self.interviews.set_status(interview_id, contact, chosen, TouchpointStatus.SENT, at=now)
        store.record_social_done(self.engine, interview_id, contact, chosen.value, personalised, now)
        interview, _ = self.interviews.get_interview(interview_id)
        return self.allowance_warning(now, interview.effective_language) if chosen is Channel.LINKEDIN else None

    # -- check-ins --------------------------------------------------------------------------

    def check_ins(self, now: datetime) -> list[CheckIn]:
        """For interviews whose decision date passed with no reply: a courteous check-in per emailed contact."""
        from afterword.check.engine import check_draft

        proposals: list[CheckIn] = []
        for summary in self.interviews.list_interviews(now):
            interview, touchpoints = self.interviews.get_interview(summary.id)
            decided = check_in_due(interview, now)
            if decided is None or any(tp.status is TouchpointStatus.REPLIED for tp in touchpoints):
                continue
            for tp in touchpoints:
                if tp.channel is not Channel.EMAIL or tp.status is not TouchpointStatus.SENT:
                    continue
                draft = propose_check_in(interview, interview.contact(tp.contact), decided)
                findings = tuple(check_draft(interview, draft))  # `late` is about the first follow-up
                proposals.append(CheckIn(summary.id, tp.contact, decided.isoformat(), draft, findings))
        return proposals


def background_worker(interviews: InterviewService, environ: Mapping[str, str] | None = None
                      ) -> tuple[Worker, list[str]]:
    """The web server's worker, started whatever the mail settings say now (it re-reads them when
    `config.toml` changes), and what keeps it from sending for now, one line each."""
    from afterword.core.errors import AfterwordError
    from afterword.delivery.config import CONFIG_NAME

    warnings: list[str] = []
    try:
        delivery = DeliveryService(interviews, environ=environ)
    except AfterwordError as exc:  # a settings file that does not read: wait for it to be fixed
        warnings.append(f"scheduled email waits until the settings read: {exc.located()}")
        delivery = DeliveryService(interviews, MailConfig(config_dir(environ) / CONFIG_NAME), environ)
    runner = delivery.worker(strict=False)
    if runner.problem is not None:
        warnings.append(f"scheduled email waits: {runner.problem}")
    return runner, warnings


def worker_status(db_url: str | None, environ: Mapping[str, str] | None = None) -> list[WorkerStatus]:
    """The workers that ran on this database (latest first), each with whether it is alive and well.

    Reads only the workers' health files, so it answers when the database itself does not."""
    from afterword.store.db import describe_url

    found = read_health(config_dir(environ), describe_url(db_url))
    return [WorkerStatus(h, alive=h.state == "running" and not outbox.is_dead(h.identity)) for h in found]


def recipient_zone_of(interviews: InterviewService, interview_id: int) -> tzinfo:
    """The time zone the recipients read their mail in (where a chosen send time is meant); no settings needed."""
    return recipient_zone(interviews.get_interview(interview_id)[0])


def has_errors(findings: Sequence[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def interview_of(service: DeliveryService, interview_id: int) -> Interview:
    return service.interviews.get_interview(interview_id)[0]


def _not_set_up(name: str, table: str, path: Path) -> Text:
    return Text(f"{name} is not set up: add an [{table}] table to {path}",
                f"{name} is niet ingesteld: voeg een tabel [{table}] toe aan {path}")


class _SentFolderCopy:
    """outbox.SentCopy over the IMAP Sent folder (one login per message, like the copy after sending)."""

    def __init__(self, service: DeliveryService) -> None:
        self._service = service

    def file(self, row: OutboxRow, data: bytes) -> None:
        with self._service._imap() as imap:
            if not imap.has_message_id(row.message_id):  # filed before a crash or a refusal: not twice
                imap.append_sent(data, datetime.now(UTC))

    def withdraw(self, row: OutboxRow) -> None:
        with self._service._imap() as imap:
            imap.delete_message_id(row.message_id)
