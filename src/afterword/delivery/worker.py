"""The worker loop: recover, send what is due, settle `unknown` ones, poll replies, until asked to stop.

Several workers may run at once (CLI, web server, another machine on PostgreSQL): each claim
is exclusive (see outbox.py), so they send disjoint messages. Jobs that talk to IMAP or look
for reminders are passed in as callables by the service layer; a job that fails (an IMAP
server that is down) is reported and retried next cycle, it never stops the loop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from afterword.core.errors import AfterwordError
from afterword.delivery import outbox
from afterword.delivery.config import SmtpConfig
from afterword.delivery.outbox import BatchReport, Clock, OnSent, utc_now
from afterword.delivery.smtp import SmtpSession
from afterword.store import outbox as store

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

#: A named job run once per cycle; returns a short human summary or "" when there was nothing to do.
Job = tuple[str, Callable[[datetime], str]]


@dataclass
class CycleReport:
    recovered: list[tuple[int, str]] = field(default_factory=list)
    batch: BatchReport = field(default_factory=BatchReport)
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


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
        jobs: tuple[Job, ...] = (),
        pre_jobs: tuple[Job, ...] = (),
        batch_limit: int | None = None,
    ) -> None:
        self.engine = engine
        self.smtp = smtp
        self.password = password
        self.clock = clock
        self.on_sent = on_sent
        self.jobs = jobs
        self.pre_jobs = pre_jobs
        self.batch_limit = batch_limit
        self.identity = outbox.new_worker()
        self.stop = threading.Event()

    def cycle(self) -> CycleReport:
        report = CycleReport()
        report.recovered = outbox.recover(self.engine, self.clock())
        self._run_jobs(self.pre_jobs, report)  # jobs that queue messages (reminders) go before sending
        if self.smtp is None:
            due = store.next_due(self.engine)
            if due is not None and due <= self.clock():
                report.errors.append("messages are due but SMTP is not configured (see `afterword send --help`)")
        else:
            with SmtpSession(self.smtp, self.password) as session:
                report.batch = outbox.deliver_due(
                    self.engine, session, self.identity, clock=self.clock, limit=self.batch_limit,
                    should_stop=self.stop.is_set, on_sent=self.on_sent,
                )
            report.errors.extend(report.batch.warnings)
        self._run_jobs(self.jobs, report)
        return report

    def _run_jobs(self, jobs: tuple[Job, ...], report: CycleReport) -> None:
        for name, job in jobs:
            if self.stop.is_set():
                break
            try:
                summary = job(self.clock())
            except AfterwordError as exc:
                report.errors.append(f"{name}: {exc.message}")
            else:
                if summary:
                    report.notes.append(f"{name}: {summary}")

    def run(self, interval: float, on_cycle: Callable[[CycleReport], None] = lambda _r: None) -> None:
        """Loop until `self.stop` is set; wakes early when asked to stop."""
        while not self.stop.is_set():
            on_cycle(self.cycle())
            self.stop.wait(interval)
