"""The background pass: the worker over the mail settings (re-read when `config.toml` changes), its jobs
(check-ins, reminders and notices to self, the Sent folder, replies), why a scheduled message is late, and
the health of the workers that ran.

    runner = worker(delivery)               # `afterword worker`; `background_worker` for `afterword serve`
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from afterword.core.errors import InputError
from afterword.core.model import Severity
from afterword.core.outbox import OutboxState
from afterword.core.text import Text
from afterword.delivery import outbox
from afterword.delivery.config import MailConfig, config_dir, config_stamp, load_config
from afterword.delivery.health import WorkerHealth, health_path, read_health
from afterword.delivery.mime import parse_mailbox
from afterword.delivery.reminder import send_reminder_email, send_stuck_notice, stuck_notice_text
from afterword.delivery.worker import Job, Settings, Worker
from afterword.service.replies import settle_unknown
from afterword.store.outbox import OutboxRow

if TYPE_CHECKING:
    from afterword.service.delivery import DeliveryService
    from afterword.service.interviews import InterviewService

REMIND_BEFORE = timedelta(hours=4)
REPLY_POLL_EVERY = timedelta(minutes=5)
#: A scheduled message this much past its time, with no plain reason known, gets a word on its card
#: (the worker passes once a minute, so a minute late is normal).
LATE_AFTER = timedelta(minutes=3)


@dataclass(frozen=True)
class WorkerStatus:
    health: WorkerHealth
    alive: bool

    @property
    def healthy(self) -> bool:
        return self.alive and self.health.healthy


def worker(service: DeliveryService, clock: Callable[[], datetime] = outbox.utc_now, *, replies: bool = True,
           strict: bool = True) -> Worker:
    """The worker over these settings, re-read whenever `config.toml` changes (and the password while
    there is none). `strict` refuses to start without the SMTP password (the CLI's `worker`); the web
    server's worker starts anyway and says on every pass with something due what is missing."""
    if strict and service.config.smtp is not None:
        service.require_password("smtp")
    watched = service.config.path
    seen = [config_stamp(watched)]
    current = settings(service, replies)

    def changed() -> bool:
        return config_stamp(watched) != seen[0]

    def refresh() -> Settings | None:
        stamp = config_stamp(watched)
        if stamp == seen[0]:
            # Unchanged file: only a missing password is looked for again (`afterword password smtp`).
            return settings(service, replies) if runner.problem is not None else None
        seen[0] = stamp
        service.config = load_config(watched, service.environ)  # a file that does not read: the worker keeps the old
        return settings(service, replies)

    def reload_password() -> str | None:
        return service.require_password("smtp") if service.config.smtp else None

    database = service.interviews.store.where
    runner = Worker(service.engine, current.smtp, current.password, clock=clock, on_sent=service.on_sent,
                    sent_copy=current.sent_copy, jobs=current.jobs, pre_jobs=current.pre_jobs,
                    reload_password=reload_password, health_file=health_path(service.config_dir, database),
                    database=database, refresh=refresh, changed=changed, problem=current.problem)
    return runner


def settings(service: DeliveryService, read_replies: bool) -> Settings:
    """What the worker sends with under the current settings; a missing password is a problem, not a raise."""
    password: str | None = None
    problem: str | None = None
    if service.config.smtp is not None:
        try:
            password = service.require_password("smtp")
        except InputError as exc:
            problem = exc.message
    jobs: list[Job] = []
    if service.config.imap is not None:
        jobs.append(("sent folder", partial(_settle_job, service)))
        if read_replies:
            jobs.append(("replies", partial(_replies_job, service)))
    pre_jobs: list[Job] = [("check-ins", partial(_check_in_job, service))]
    if service.config.reminder_email and service.config.smtp is not None:
        pre_jobs.append(("reminders", partial(_reminder_job, service)))
        pre_jobs.append(("stuck emails", partial(_stuck_job, service)))
    return Settings(service.config.smtp, password, tuple(jobs), tuple(pre_jobs), problem, service.sent_copy())


def overdue_reason(service: DeliveryService, row: OutboxRow, now: datetime) -> Text | None:
    """Why a scheduled message past its time has not gone out, when it has not; None when all is well."""
    if row.state is not OutboxState.QUEUED or row.send_at > now:
        return None
    if service.config.smtp is None:
        return Text("It is past its time and not sent: SMTP is not set up. Set it up under Settings; it goes "
                    "out within a minute after that.",
                    "Het tijdstip is voorbij en het is niet verstuurd: SMTP is niet ingesteld. Stel het in bij "
                    "Instellingen; binnen een minuut daarna gaat het weg.")
    try:
        service.require_password("smtp")
    except InputError:
        return Text("It is past its time and not sent: the SMTP password is not stored. Store it under "
                    "Settings (or with `afterword password smtp`).",
                    "Het tijdstip is voorbij en het is niet verstuurd: het SMTP-wachtwoord is niet bewaard. "
                    "Bewaar het bij Instellingen (of met `afterword password smtp`).")
    if row.send_at > now - LATE_AFTER:
        return None
    workers = [h for h in read_health(service.config_dir, service.interviews.store.where)
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


def _check_in_job(service: DeliveryService, now: datetime) -> str:
    """Schedule the check-ins still missing; before any goes out, read the inbox (a reply stops it)."""
    notes: list[str] = []
    added = service.checkins.schedule(now)
    if added:
        notes.append(f"{len(added)} check-in(s) scheduled")
    due = service.checkins.views(states=["pending"], due_by=now, check=False)
    if due and service.config.smtp is not None:
        if service.config.imap is not None:
            stopped = service.read_replies(now).stopped
            notes += [f"{s.name} replied: {s.count} check-in(s) cancelled" for s in stopped]
        queued, held = service.checkins.queue_due(now)
        if queued:
            notes.append(f"{len(queued)} check-in(s) queued")
        notes += [f"check-in {h.id} to {h.name} held: the checker found "
                  f"{', '.join(sorted({f.code for f in h.findings if f.severity is Severity.ERROR}))}; "
                  f"`afterword checkin edit {h.id}`" for h in held]
    return "; ".join(notes)


def _settle_job(service: DeliveryService, now: datetime) -> str:
    settled = settle_unknown(service, now)
    return f"{len(settled)} unknown message(s) found in Sent and marked sent" if settled else ""


def _replies_job(service: DeliveryService, now: datetime) -> str:
    if service.last_reply_poll is not None and now - service.last_reply_poll < REPLY_POLL_EVERY:
        return ""  # a login every few minutes is enough; the send loop may run more often
    service.last_reply_poll = now
    found = service.poll_replies(now)
    return f"{len(found)} new reply(ies)" if found else ""


def _stuck_job(service: DeliveryService, now: datetime) -> str:
    queued = queue_stuck_notices(service, now)
    return f"{queued} email(s) to self about a follow-up that may not have gone out or was refused" if queued else ""


def queue_stuck_notices(service: DeliveryService, now: datetime) -> int:
    """With `[reminders] email_to_self`: one email to self per stuck follow-up (and state), never twice."""
    sender = service.sender()
    queued = 0
    for stuck in service.interviews.stuck_emails():
        interview, _ = service.interviews.get_interview(stuck.interview_id)
        to = parse_mailbox(interview.candidate.email, "candidate.email") if interview.candidate.email else sender
        text = stuck_notice_text(interview.effective_language, stuck.name, stuck.company, stuck.outbox.state,
                                 stuck.outbox.error, stuck.outbox.id)
        if send_stuck_notice(service.engine, stuck.interview_id, stuck.outbox.id, stuck.outbox.state, text,
                             sender, to, now) is not None:
            queued += 1
    return queued


def _reminder_job(service: DeliveryService, now: datetime) -> str:
    queued = queue_reminders(service, now)
    return f"{queued} reminder email(s) queued" if queued else ""


def queue_reminders(service: DeliveryService, now: datetime) -> int:
    """Queue the email to self for interviews whose deadline is within 4 hours and still owe messages."""
    sender = service.sender()
    queued = 0
    for summary in service.interviews.list_interviews(now):
        if summary.owed <= 0 or not (summary.deadline - REMIND_BEFORE <= now < summary.deadline):
            continue
        interview, _ = service.interviews.get_interview(summary.id)
        owed = sorted({row.name for row in service.interviews.due(now, limit=None) if row.interview_id == summary.id})
        to = parse_mailbox(interview.candidate.email, "candidate.email") if interview.candidate.email else sender
        if send_reminder_email(service.engine, summary.id, interview, owed, sender, to, now) is not None:
            queued += 1
    return queued


def background_worker(interviews: InterviewService, environ: Mapping[str, str] | None = None
                      ) -> tuple[Worker, list[str]]:
    """The web server's worker, started whatever the mail settings say now (it re-reads them when
    `config.toml` changes), and what keeps it from sending for now, one line each."""
    from afterword.core.errors import AfterwordError
    from afterword.delivery.config import CONFIG_NAME
    from afterword.service.delivery import DeliveryService

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
