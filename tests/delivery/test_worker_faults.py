"""The standalone worker outlives transient faults and says how it is: a full disk (SQLite), a database that
refuses connections (PostgreSQL), an IMAP connection cut mid-session (Dovecot behind a proxy that hangs up).

Each fault is real: the worker is a separate `afterword worker` process, the disk is full for it
(RLIMIT_FSIZE, lifted again with prlimit), PostgreSQL really refuses it, the socket really closes.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from afterword.delivery import outbox
from afterword.delivery.mime import Outgoing, make_message_id, parse_mailbox
from afterword.store import outbox as store
from tests.conftest import Result
from tests.delivery.conftest import open_engine
from tests.delivery.dovecot import IMAP_USER
from tests.delivery.journey import SUBJECTS, import_with_drafts
from tests.delivery.servers import SmtpServer, free_port

ROOT = Path(__file__).resolve().parents[2]


def _queue(engine: Engine, count: int) -> set[str]:
    sender = parse_mailbox("jan@example.org", "from")
    messages = [Outgoing(sender, (parse_mailbox(f"p{n}@example.nl", "to"),), f"Nr {n}", "x\n",
                         make_message_id("example.org")) for n in range(count)]
    now = datetime.now(UTC)
    outbox.queue(engine, [outbox.to_new_message(m, now) for m in messages], now)
    return {m.message_id for m in messages}


def _config(home: Path, smtp_port: int) -> None:
    (home / "config.toml").write_text(
        f'[smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\nsecurity = "none"\nfrom = "Jan <jan@example.org>"\n')


def _start_worker(home: Path, db_url: str, *, disk_full: bool = False) -> subprocess.Popen[str]:
    env = {**os.environ, "AFTERWORD_HOME": str(home), "PYTHONPATH": str(ROOT / "src"),
           "PYTHONDONTWRITEBYTECODE": "1"}

    def no_room_to_write() -> None:  # runs in the child: every write to a file fails with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))

    return subprocess.Popen(
        [sys.executable, "-m", "afterword.cli.main", "--db", db_url, "worker", "--interval", "0.2"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=no_room_to_write if disk_full else None,
    )


def _stop(proc: subprocess.Popen[str]) -> tuple[int, str]:
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    return proc.returncode, err


def _wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.1)


def _health(home: Path) -> list[dict[str, Any]]:
    found = []
    for path in home.glob("worker-*.json"):
        try:
            found.append(json.loads(path.read_text()))
        except ValueError:
            continue
    return found


def test_worker_survives_a_full_disk_and_sends_once_there_is_room(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server()
    _config(tmp_path, server.port)
    db_url = f"sqlite:///{tmp_path / 'afterword.db'}"
    engine = open_engine(db_url)
    try:
        ours = _queue(engine, 3)
        proc = _start_worker(tmp_path, db_url, disk_full=True)
        try:
            time.sleep(3)  # several passes, each failing to write its claim
            assert proc.poll() is None, proc.communicate()[1]
            assert server.handler.received == []
            resource.prlimit(proc.pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
            _wait_for(lambda: len(server.handler.received) == 3)
            assert {r.message["Message-ID"] for r in server.handler.received} == ours
        finally:
            code, err = _stop(proc)
        assert code == 0, err
        assert "the worker's pass failed" in err and ("disk is full" in err or "disk I/O" in err), err
        assert "Traceback" not in err and "UPDATE" not in err and "INSERT" not in err
        assert {r.state for r in store.list_messages(engine)} == {"sent"}
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_worker_survives_postgres_refusing_it_and_reports_its_health(
    tmp_path: Path, pg_url: str, pg_base_url: str, smtp_server: Callable[..., SmtpServer],
    run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch,
) -> None:
    import psycopg

    server = smtp_server()
    _config(tmp_path, server.port)
    monkeypatch.setenv("AFTERWORD_HOME", str(tmp_path))
    engine = open_engine(pg_url)
    name = pg_url.rsplit("/", 1)[1]
    proc = _start_worker(tmp_path, pg_url)
    try:
        _wait_for(lambda: any(h.get("last_ok_at") for h in _health(tmp_path)))
        healthy = run_cli("--db", pg_url, "worker", "--status", "--json")
        assert healthy.code == 0, healthy.out + healthy.err
        [worker] = json.loads(healthy.out)["workers"]
        assert worker["alive"] and worker["healthy"] and worker["pid"] == proc.pid

        engine.dispose()
        with psycopg.connect(pg_base_url, autocommit=True) as admin:  # as if the server went down
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
        _wait_for(lambda: any(h.get("failures", 0) >= 2 for h in _health(tmp_path)))
        assert proc.poll() is None
        failing = run_cli("--db", pg_url, "worker", "--status")
        assert failing.code == 1
        assert "running, but its last" in failing.out and "failed" in failing.out
        assert "not currently accepting connections" in failing.out, failing.out
        assert "cannot open the database" in failing.err  # the status itself answers without the database

        with psycopg.connect(pg_base_url, autocommit=True) as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        engine = open_engine(pg_url)
        ours = _queue(engine, 2)
        _wait_for(lambda: len(server.handler.received) == 2, timeout=60)  # backoff is at most 10 minutes; here short
        assert {r.message["Message-ID"] for r in server.handler.received} == ours
        _wait_for(lambda: all(h.get("failures") == 0 for h in _health(tmp_path)))
        assert run_cli("--db", pg_url, "worker", "--status").code == 0
    finally:
        code, err = _stop(proc)
        engine.dispose()
    assert code == 0, err
    assert "Traceback" not in err and "SELECT" not in err
    stopped = run_cli("--db", pg_url, "worker", "--status", "--json")
    assert stopped.code == 1 and json.loads(stopped.out)["workers"][0]["state"] == "stopped"


class HangUpProxy:
    """Forwards to Dovecot, and hangs up both sides when the client selects a folder."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.listener.getsockname()[1]
        self.cuts = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, from_client: bool) -> None:
        try:
            while data := source.recv(65536):
                if from_client and (b" SELECT " in data.upper() or b" EXAMINE " in data.upper()):
                    self.cuts += 1
                    break
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def hang_up(imap_clean: Any) -> Iterator[HangUpProxy]:
    proxy = HangUpProxy(imap_clean.port)
    yield proxy
    proxy.close()


@pytest.mark.imap
def test_imap_connection_cut_mid_session_is_a_warning_not_a_dead_worker(
    run_cli: Callable[..., Result], home: dict[str, Any], hang_up: HangUpProxy
) -> None:
    config = home["dir"] / "config.toml"
    text = config.read_text().replace(f'port = {home["imap"].port}', f"port = {hang_up.port}")
    config.write_text(text + "\n")
    assert f'username = "{IMAP_USER}"' in text
    ident = import_with_drafts(run_cli, home, subject_of={"grace": SUBJECTS["grace"], "daniel": SUBJECTS["daniel"]})
    home["smtp"].handler.drop_in_data = True  # Grace's email goes `unknown`: the worker looks for it in Sent
    assert run_cli("send", str(ident), "--contact", "grace", "--force").code == 1
    home["smtp"].handler.drop_in_data = False
    real = datetime.now(UTC)
    scheduled = run_cli("send", str(ident), "--contact", "daniel", "--force", "--at", real.isoformat())
    assert scheduled.code == 0, scheduled.err
    worked = run_cli("worker", "--once")
    assert worked.code == 0, worked.err
    assert hang_up.cuts >= 1
    assert "sent folder: the IMAP server" in worked.err and "failed while" in worked.err
    assert "Traceback" not in worked.err
    assert len(home["smtp"].handler.received) == 1  # Daniel's went out in the same pass
    replies = run_cli("replies")
    errors = [line for line in replies.err.splitlines() if line.startswith("afterword: error:")]
    assert replies.code == 2 and len(errors) == 1 and "IMAP server" in errors[0] and "Traceback" not in replies.err


def test_a_pass_that_fails_is_retried_with_a_growing_wait() -> None:
    from afterword.delivery.worker import MAX_BACKOFF, fault_backoff

    assert [fault_backoff(60, n) for n in range(5)] == [60, 60, 120, 240, 480]
    assert fault_backoff(60, 30) == MAX_BACKOFF
    assert fault_backoff(0.2, 3) == pytest.approx(0.8)
    assert free_port() > 0


def test_status_without_any_worker_and_json_only_with_status(run_cli: Callable[..., Result]) -> None:
    none = run_cli("worker", "--status")
    assert none.code == 1 and "No worker has run on this database" in none.out
    assert json.loads(run_cli("worker", "--status", "--json").out)["workers"] == []
    wrong = run_cli("worker", "--json", "--once")
    assert wrong.code == 2 and "--json goes with --status" in wrong.err
