"""Seed a SQLite store with 10,000 interviews / 50,000 contacts and time the dashboard queries.

Prints p50/p95 (milliseconds) of: the dashboard `due` query (50 most urgent rows), one interview
page's data (the interview, its touchpoints and the other companies for `wrong-company`), and the
full `list`. Target at the HTTP level: under 100 ms p95.

Usage: python bench/store_seed.py [--db PATH] [--interviews N] [--contacts-per K] [--runs R]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from afterword.core.model import (
    Candidate,
    Contact,
    Draft,
    Interview,
    Language,
    Moment,
    Need,
    Question,
    Strength,
    TouchpointStatus,
)
from afterword.service.interviews import InterviewService, open_service

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def _interview(i: int, per: int, rng: random.Random) -> Interview:
    contacts = tuple(
        Contact(id=f"c{k}", name=f"Person {i}-{k} van der Berg", title="Engineer",
                email=f"p{i}.{k}@company{i}.example" if k % 3 != 2 else None,
                linkedin=f"https://www.linkedin.com/in/p{i}-{k}" if k % 2 == 0 else None,
                x=f"@p{i}_{k}" if k % 4 == 1 else None)
        for k in range(per)
    )
    start = NOW - timedelta(hours=rng.randint(-72, 24 * 365))
    return Interview(
        candidate=Candidate(name="Sam Jansen", email="sam@example.org"),
        company=f"Company {i % 3000}", role=f"Role {i}", start=start, end=start + timedelta(minutes=60),
        language=Language.NL if i % 2 else Language.EN, theme="Streaming data",
        contacts=contacts,
        needs=(Need("latency", "Shipment status lags six hours", ("c0",)), Need("team", "Grow the team", ("c1",))),
        strengths=(Strength("Moved a pipeline to streaming", ("latency",)),),
        moments=(Moment("The Rotterdam outage story", ("c0",)),),
        questions=(Question("Which metric after 90 days?", ("c0",)),),
    )


def seed(service: InterviewService, count: int, per: int) -> None:
    rng = random.Random(5)
    started = time.perf_counter()
    batch = 500
    for first in range(0, count, batch):
        with service.store.write() as repo:
            for i in range(first, min(first + batch, count)):
                interview = _interview(i, per, rng)
                iid = repo.insert_interview(interview, NOW)
                if interview.deadline < NOW - timedelta(days=2):  # old interviews: everyone handled
                    for c in interview.contacts:
                        if c.channels:
                            status = TouchpointStatus.SENT if rng.random() < 0.8 else TouchpointStatus.SKIPPED
                            repo.add_touchpoint(iid, Draft(c.id, c.channels[0], Language.EN, "Thank you", "Hi"),
                                                status, NOW)
                    repo.refresh_owed(iid)
    print(f"seeded {count:,} interviews / {count * per:,} contacts in {time.perf_counter() - started:.1f} s")


def timed(name: str, runs: int, call: Callable[[int], object]) -> None:
    samples = []
    for n in range(runs):
        t0 = time.perf_counter()
        call(n)
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p50 = statistics.median(samples)
    p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
    print(f"{name:<38} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   ({runs} runs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--contacts-per", type=int, default=5)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="afterword-bench-")) / "bench.db"
    service = open_service(f"sqlite:///{path}")
    with service.store.read() as repo:
        have = repo.count()
    if have < args.interviews:
        seed(service, args.interviews - have, args.contacts_per)
    print(f"database: {path} ({path.stat().st_size / 1e6:.1f} MB)")
    with service.store.read() as repo:
        ids = list(repo.conn.exec_driver_sql("SELECT id FROM interviews").scalars())
    rng = random.Random(7)
    picks = [rng.choice(ids) for _ in range(args.runs)]
    open_ids = [r.interview_id for r in service.due(NOW, limit=None)][: args.runs] or picks

    timed("due (dashboard, 50 rows)", args.runs, lambda n: service.due(NOW, 50))

    def page(n: int) -> None:
        interview_id = picks[n]
        service.get_interview(interview_id)
        service.other_companies(interview_id)

    timed("interview page data (random)", args.runs, page)
    timed("interview page data (open)", args.runs,
          lambda n: (service.get_interview(open_ids[n % len(open_ids)]),
                     service.other_companies(open_ids[n % len(open_ids)])))
    timed("list (newest 20 interviews)", args.runs, lambda n: service.list_interviews(NOW, limit=20))
    timed("list (all interviews)", max(5, args.runs // 20), lambda n: service.list_interviews(NOW))
    first = open_ids[0]
    interview, tps = service.get_interview(first)
    contact = next(c for c in interview.contacts if c.channels)
    current = [tp.version for tp in tps if (tp.contact, tp.channel) == (contact.id, contact.channels[0])]
    versions = {"v": current[0] if current else 0}

    def save(n: int) -> None:
        versions["v"] = service.save_draft(first, contact.id, contact.channels[0], "Hi", f"text {n}", versions["v"])

    timed("save draft (write)", args.runs, save)
    service.close()


if __name__ == "__main__":
    main()
