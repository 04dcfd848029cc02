"""Several workers at once claim disjoint messages: SQLite (BEGIN IMMEDIATE) and PostgreSQL (SKIP LOCKED)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from afterword.delivery import outbox
from afterword.delivery.config import Security, SmtpConfig
from afterword.delivery.mime import Outgoing, make_message_id, parse_mailbox
from afterword.delivery.smtp import SmtpSession
from afterword.store import outbox as store
from tests.delivery.conftest import open_engine
from tests.delivery.servers import SmtpServer

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)
WORKERS = 4


def _queue(engine: Engine, count: int) -> set[str]:
    sender = parse_mailbox("jan@example.org", "from")
    messages = [Outgoing(sender, (parse_mailbox(f"p{n}@example.nl", "to"),), f"Nr {n}", "x\n",
                         make_message_id("example.org")) for n in range(count)]
    outbox.queue(engine, [outbox.to_new_message(m, NOW) for m in messages], NOW)
    return {m.message_id for m in messages}


def _claim_race(engine: Engine, count: int) -> None:
    """Every round, all workers claim at the same moment (a barrier), so the race happens by construction.

    Whether one thread could drain the queue alone depends on the scheduler; a test that merely hoped for
    overlap was flaky on a slower CI machine. Here each of the `count // WORKERS` rounds is a four-way race.
    """
    _queue(engine, count)
    rounds = count // WORKERS
    barrier = threading.Barrier(WORKERS)
    claimed: list[list[int]] = [[] for _ in range(WORKERS)]
    missing: list[str] = []

    def claim_rounds(slot: int) -> None:
        worker = f"test-host:{slot}:x"
        for n in range(rounds):
            barrier.wait(timeout=60)
            row = store.claim_next(engine, worker, NOW, NOW + timedelta(minutes=5))
            if row is None:
                missing.append(f"worker {slot} got nothing in round {n}")
            else:
                claimed[slot].append(row.id)

    threads = [threading.Thread(target=claim_rounds, args=(n,)) for n in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert missing == []
    everything = [i for ids in claimed for i in ids]
    assert len(everything) == len(set(everything)) == count, "a message was claimed twice or not at all"
    assert [len(ids) for ids in claimed] == [rounds] * WORKERS
    assert store.claim_next(engine, "test-host:late:x", NOW, NOW + timedelta(minutes=5)) is None
    assert {r.claimed_by for r in store.list_messages(engine, ("sending",))} == {
        f"test-host:{n}:x" for n in range(WORKERS)}


def test_claims_are_disjoint_on_sqlite(engine: Engine) -> None:
    _claim_race(engine, 300)


@pytest.mark.postgres
def test_claims_are_disjoint_on_postgres(pg_url: str) -> None:
    engine = open_engine(pg_url)
    try:
        _claim_race(engine, 300)
    finally:
        engine.dispose()


def _send_race(engine: Engine, server: SmtpServer) -> None:
    ours = _queue(engine, 120)
    config = SmtpConfig("127.0.0.1", server.port, Security.NONE, "jan@example.org")
    barrier = threading.Barrier(WORKERS)
    sent: list[list[int]] = [[] for _ in range(WORKERS)]

    def work(slot: int) -> None:
        with SmtpSession(config, None) as session:
            barrier.wait()
            sent[slot] = outbox.deliver_due(engine, session, outbox.new_worker(), clock=lambda: NOW).sent

    threads = [threading.Thread(target=work, args=(n,)) for n in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    arrived = Counter(r.message["Message-ID"] for r in server.handler.received)
    assert set(arrived) == ours and set(arrived.values()) == {1}
    assert sorted(i for ids in sent for i in ids) == sorted(r.id for r in store.list_messages(engine, ("sent",)))
    assert store.count_by_state(engine) == {"sent": 120}


def test_workers_send_disjoint_batches_on_sqlite(engine: Engine, smtp_server: Callable[..., SmtpServer]) -> None:
    _send_race(engine, smtp_server())


@pytest.mark.postgres
def test_workers_send_disjoint_batches_on_postgres(pg_url: str, smtp_server: Callable[..., SmtpServer]) -> None:
    engine = open_engine(pg_url)
    try:
        _send_race(engine, smtp_server())
    finally:
        engine.dispose()


def test_worker_stops_on_sigterm(tmp_path: Path, smtp_server: Callable[..., SmtpServer]) -> None:
    server = smtp_server()
    (tmp_path / "config.toml").write_text(
        f'[smtp]\nhost = "127.0.0.1"\nport = {server.port}\nsecurity = "none"\nfrom = "jan@example.org"\n')
    db_url = f"sqlite:///{tmp_path / 'afterword.db'}"
    engine = open_engine(db_url)
    ours = _queue(engine, 3)
    env = {**os.environ, "AFTERWORD_HOME": str(tmp_path), "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "afterword.cli.main", "--db", db_url, "worker", "--interval", "0.2"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(200):
            if store.count_by_state(engine).get("sent") == 3:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert out.count("sent      message") == 3
    assert {r.message["Message-ID"] for r in server.handler.received} == ours
    engine.dispose()
