"""The worker loop: recover, send what is due, settle `unknown` ones, poll replies, until asked to stop.

Several workers may run at once (CLI, web server, another machine on PostgreSQL): each claim
is exclusive (see outbox.py), so they send disjoint messages. Jobs that talk to IMAP or look
for reminders are passed in as callables by the service layer; a job that fails (an IMAP
server that is down) is reported and retried next cycle, it never stops the loop.

`run()` never dies of a fault either: a pass that fails (a database that went away, a full
disk, a dropped socket) is logged in one line, and the next pass waits longer (interval, then
doubling up to `MAX_BACKOFF`) until a pass succeeds again. A refused SMTP login pauses sending
the same way, without charging any message an attempt.

Settings are live: when a `refresh` callable is given, each pass first asks it for new settings (it
returns None when nothing changed), and `run()` wakes early when `changed()` says the settings file
was written. So SMTP set up while `serve` or `worker` runs sends what is due within seconds.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from afterword.core.errors import AfterwordError
from afterword.delivery import outbox
from afterword.delivery.config import SmtpConfig
from afterword.delivery.faults import describe_fault
from afterword.delivery.health import WorkerHealth, forget_dead, write_health
from afterword.delivery.outbox import BatchReport, Clock, OnSent, utc_now
from afterword.delivery.smtp import SmtpSession
from afterword.store import outbox as store

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

#: A named job run once per cycle; returns a short human summary or "" when there was nothing to do.
Job = tuple[str, Callable[[datetime], str]]
#: The longest wait between passes while they keep failing.
MAX_BACKOFF = 600.0
#: How often `run()` looks whether the settings changed while it waits for the next pass.
WATCH_EVERY = 1.0


@dataclass(frozen=True)
class Settings:
    """What the worker sends with; `problem` says why sending cannot work yet (no password, a bad file)."""

    smtp: SmtpConfig | None
    password: str | None
    jobs: tuple[Job, ...] = ()
    pre_jobs: tuple[Job, ...] = ()
    problem: str | None = None
    sent_copy: outbox.SentCopy | None = None  # [imap] save_sent: filed in Sent just before DATA


def fault_backoff(interval: float, failures: int) -> float:
    """The wait after `failures` failed passes in a row: interval, 2×, 4× … at most MAX_BACKOFF."""
    if failures <= 0:
        return interval
    return max(interval, min(interval * 2.0 ** (failures - 1), MAX_BACKOFF))


@dataclass
class CycleReport:
    recovered: list[tuple[int, str]] = field(default_factory=list)
    batch: BatchReport = field(default_factory=BatchReport)
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: The pass itself failed (not just a side job): what went wrong, in one line.
    fault: str | None = None


class Worker:
    """One worker identity; `cycle()` does one pass, `run()` loops until `stop` is set."""

    def __init__(
        self,
        engine: Engine,
        smtp: SmtpConfig | None,
        password: str | None,
        *,
        clock: Clock = utc_now,
        on_sent: OnSent | None = None,
        sent_copy: outbox.SentCopy | None = None,
        jobs: tuple[Job, ...] = (),
        pre_jobs: tuple[Job, ...] = (),
        batch_limit: int | None = None,
        reload_password: Callable[[], str | None] | None = None,
        health_file: Path | None = None,
        database: str = "",
        refresh: Callable[[], Settings | None] | None = None,
        changed: Callable[[], bool] | None = None,
        problem: str | None = None,
    ) -> None:
        self.engine = engine
        self.smtp = smtp
        self.password = password
        self.clock = clock
        self.on_sent = on_sent
        self.sent_copy = sent_copy
        self.jobs = jobs
        self.pre_jobs = pre_jobs
        self.batch_limit = batch_limit
        self.reload_password = reload_password
        self.refresh = refresh
        self.changed = changed
        #: Why sending cannot work with the current settings (reported on every pass with something due).
        self.problem = problem
        self.identity = outbox.new_worker()
        self.stop = threading.Event()
        #: Refused SMTP logins in a row, and when sending may be tried again.
        self.login_failures = 0
        self.smtp_paused_until: datetime | None = None
        #: Failed passes in a row (what `run` backs off on).
        self.failures = 0
        self.health_file = health_file
        self.health = WorkerHealth(self.identity, os.getpid(), socket.gethostname(), database, self.clock())

    def cycle(self) -> CycleReport:
        report = CycleReport()
        self._refresh(report)
        report.recovered = outbox.recover(self.engine, self.clock())
        self._run_jobs(self.pre_jobs, report)  # jobs that queue messages (reminders) go before sending
        if self.smtp is None or self.problem is not None:
            due = store.next_due(self.engine)
            if due is not None and due <= self.clock():
                report.errors.append(f"messages are due but {self.problem}" if self.problem else
                                     "messages are due but SMTP is not configured (see `afterword send --help`)")
        elif self.smtp_paused_until is not None and self.clock() < self.smtp_paused_until:
            pass  # the login was refused: wait, as the last error said
        else:
            self._send(self.smtp, report)
        self._run_jobs(self.jobs, report)
        return report

    def _refresh(self, report: CycleReport) -> None:
        """Take the settings as they are now; a settings file that does not read keeps the last good ones."""
        if self.refresh is None:
            return
        try:
            fresh = self.refresh()
        except AfterwordError as exc:
            report.errors.append(f"settings not reloaded (the last good ones stay): {exc.located()}")
            return
        if fresh is None:
            return
        if (fresh.smtp, fresh.password) != (self.smtp, self.password):
            self.login_failures, self.smtp_paused_until = 0, None  # new settings deserve a try at once
        self.smtp, self.password, self.problem = fresh.smtp, fresh.password, fresh.problem
        self.jobs, self.pre_jobs = fresh.jobs, fresh.pre_jobs
        self.sent_copy = fresh.sent_copy

    def _wait(self, seconds: float) -> None:
        """Wait for the next pass; sooner when asked to stop or when the settings file changed."""
        if self.changed is None:
            self.stop.wait(seconds)
            return
        deadline = time.monotonic() + seconds
        while not self.stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if self.stop.wait(min(WATCH_EVERY, left)):
                return
            with contextlib.suppress(Exception):  # a file that cannot be looked at is not a change
                if self.changed():
                    return

    def _send(self, smtp: SmtpConfig, report: CycleReport) -> None:
        if self.login_failures and self.reload_password is not None:
            try:
                self.password = self.reload_password()  # the user may have stored a new one meanwhile
            except AfterwordError as exc:
                report.errors.append(f"SMTP: {exc.message}")
        with SmtpSession(smtp, self.password) as session:
            report.batch = outbox.deliver_due(
                self.engine, session, self.identity, clock=self.clock, limit=self.batch_limit,
                should_stop=self.stop.is_set, on_sent=self.on_sent, sent_copy=self.sent_copy, per_minute=smtp.max_per_minute,
            )
        if report.batch.held_back is not None:
            report.notes.append(f"send-rate limit ({smtp.max_per_minute} a minute) reached: the rest goes in "
                                f"{report.batch.held_back:.0f} s")
        report.errors.extend(report.batch.warnings)
        if report.batch.login_refused is None:
            self.login_failures, self.smtp_paused_until = 0, None
            return
        pause = outbox.backoff(self.login_failures)
        self.login_failures += 1
        self.smtp_paused_until = self.clock() + pause
        report.errors.append(
            f"SMTP login refused ({report.batch.login_refused}): nothing was sent and no message was charged an "
            f"attempt; fix the password (`afterword password smtp`); trying again in {_minutes(pause)}")

    def _run_jobs(self, jobs: tuple[Job, ...], report: CycleReport) -> None:
        for name, job in jobs:
            if self.stop.is_set():
                break
            try:
                summary = job(self.clock())
            except AfterwordError as exc:
                report.errors.append(f"{name}: {exc.message}")
            except Exception as exc:  # an IMAP socket drop, a database hiccup: this job again next pass
                report.errors.append(f"{name}: {describe_fault(exc)}")
            else:
                if summary:
                    report.notes.append(f"{name}: {summary}")

    def run(self, interval: float, on_cycle: Callable[[CycleReport], None] = lambda _r: None) -> None:
        """Loop until `self.stop` is set, whatever fails in a pass; wakes early when asked to stop.

        A failed pass is reported (`CycleReport.fault`) and the wait before the next one doubles,
        up to MAX_BACKOFF; the first pass that works brings it back to `interval`.
        """
        if self.health_file is not None:
            forget_dead(self.health_file.parent, self.health.database, outbox.is_dead)
        while not self.stop.is_set():
            try:
                report = self.cycle()
            except Exception as exc:  # the loop outlives every transient fault; it is reported, not raised
                self.failures += 1
                report = CycleReport(fault=describe_fault(exc))
            else:
                self.failures = 0
            with contextlib.suppress(Exception):  # reporting (a closed stderr, a full disk) must not stop sending
                on_cycle(report)
            wait = fault_backoff(interval, self.failures)
            if report.batch.held_back is not None:  # held back by the send-rate limit: go on once a slot frees
                wait = min(wait, max(report.batch.held_back, 0.1))
            self._record_health(report, wait)
            self._wait(wait)
        self.health.state, self.health.next_pass_at = "stopped", None
        self._write_health()

    def _record_health(self, report: CycleReport, wait: float) -> None:
        with contextlib.suppress(Exception):  # a clock or a disk that fails here must not stop the loop
            now = self.clock()
            health = self.health
            health.last_pass_at = now
            health.failures, health.fault = self.failures, report.fault
            if report.fault is None:
                health.last_ok_at = now
            health.errors = list(report.errors)
            health.next_pass_at = now + timedelta(seconds=wait)
            health.smtp_paused_until = self.smtp_paused_until
            self._write_health()

    def _write_health(self) -> None:
        if self.health_file is not None:
            write_health(self.health_file, self.health)


def _minutes(pause: timedelta) -> str:
    minutes = int(pause.total_seconds() // 60)
    return f"{minutes} minute" + ("" if minutes == 1 else "s")
