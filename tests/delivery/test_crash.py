"""SIGKILL the real `afterword worker` at random points of a 200-message batch; nothing is lost or sent twice.

A separate process runs aiosmtpd and appends every Message-ID it accepts to a file. The worker
is killed at a random moment, restarted, killed again…, until a run ends by itself. Then every
message must have arrived exactly once, or be `unknown` (arrived at most once) — and there are
never more `unknown` messages than kills, because only the one message in flight can be unknown.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from afterword.delivery import outbox
from afterword.delivery.mime import Outgoing, make_message_id, parse_mailbox
from afterword.store import outbox as store
from tests.delivery.conftest import open_engine
from tests.delivery.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
BATCH = 200
ROUNDS = 20
NOW = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def sink(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    directory = tmp_path_factory.mktemp("sink")
    port = free_port()
    received = directory / "received.txt"
    proc = subprocess.Popen([sys.executable, "-m", "tests.delivery.smtp_sink", str(port), str(received)],
                            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    yield port, received
    assert proc.stdin is not None
    proc.stdin.close()
    proc.wait(timeout=10)


def _worker(home: Path, db_url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "AFTERWORD_HOME": str(home), "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-m", "afterword.cli.main", "--db", db_url, "worker", "--once"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


@pytest.mark.slow
@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_sigkill_never_loses_or_duplicates(round_no: int, sink: tuple[int, Path], tmp_path: Path) -> None:
    port, received_file = sink
    (tmp_path / "config.toml").write_text(
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nfrom = "Jan <jan@example.org>"\n'
        "max_per_minute = 10000\n"  # exactly-once under SIGKILL is the point here, not pacing
    )
    db_url = f"sqlite:///{tmp_path / 'afterword.db'}"
    engine = open_engine(db_url)
    sender = parse_mailbox("Jan <jan@example.org>", "from")
    messages = [
        Outgoing(sender=sender, to=(parse_mailbox(f"p{n}@example.nl", "to"),), subject=f"Ronde {round_no} nr {n}",
                 body=f"Bericht {n}\n", message_id=make_message_id("example.org"))
        for n in range(BATCH)
    ]
    outbox.queue(engine, [outbox.to_new_message(m, NOW) for m in messages], NOW)
    ours = {m.message_id for m in messages}
    rng = random.Random(round_no)
    kills = 0
    in_flight: set[int] = set()
    for _attempt in range(40):
        proc = _worker(tmp_path, db_url)
        if kills < 3:
            time.sleep(rng.uniform(0.3, 0.8))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                kills += 1
                sending = store.list_messages(engine, ("sending",))
                assert len(sending) <= 1, "one worker has at most one message in flight"
                in_flight |= {r.id for r in sending if r.phase == "data"}
                continue
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()
        counts = store.count_by_state(engine)
        if counts.get("queued", 0) == 0 and counts.get("sending", 0) == 0:
            break
    # A run after the last kill recovered what it left in `sending`.
    rows = store.list_messages(engine)
    assert {r.state for r in rows} <= {"sent", "unknown"}, Counter(r.state for r in rows)
    arrived = Counter(line for line in received_file.read_text().split() if line in ours)
    assert max(arrived.values(), default=0) <= 1, "a message arrived twice"
    unknown = [r for r in rows if r.state == "unknown"]
    for row in rows:
        if row.state == "sent":
            assert arrived[row.message_id] == 1, f"sent message {row.id} never arrived"
    assert len(unknown) <= kills
    assert {r.id for r in unknown} <= in_flight, "only a message whose DATA had begun may be unknown"
    assert sum(arrived.values()) + len(unknown) >= BATCH
    engine.dispose()
