"""`afterword serve` with several web processes: every one answers, and the worker still sends once."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from litestar import Litestar

from afterword.cli.serve_cmd import default_workers
from afterword.service.delivery import DeliveryService
from afterword.service.interviews import open_service
from tests.delivery.conftest import cert_dir, smtp_server  # noqa: F401 - fixtures
from tests.delivery.servers import SmtpServer
from tests.web.conftest import store_with_drafts
from tests.web.test_sending import smtp  # noqa: F401 - fixture


def _children(pid: int) -> set[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return {int(p) for p in text.split()}


def _get(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


def test_the_default_is_one_web_process_per_core() -> None:
    assert default_workers() == len(os.sched_getaffinity(0))


def test_several_processes_serve_and_the_worker_sends_once(
        app: Litestar, smtp: SmtpServer, db_url: str, tmp_path: Path) -> None:  # noqa: F811
    interview_id = store_with_drafts(app)
    service = open_service(db_url)
    try:
        [row_id] = DeliveryService(service).queue_emails(interview_id, ["maria"], None, datetime.now(UTC))
    finally:
        service.close()
    proc = subprocess.Popen(
        [sys.executable, "-m", "afterword.cli.main", "serve", "--port", "0", "--no-browser", "--db", db_url,
         "--workers", "3"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("Afterword is running at http://127.0.0.1:")
        port = int(line.split(":")[2].split("/")[0])
        for _ in range(600):  # the processes start (and import the app) in parallel
            if len(_children(proc.pid)) >= 3:
                break
            time.sleep(0.05)
        web = _children(proc.pid)
        assert len(web) >= 3  # three web processes (and uvicorn's resource tracker, perhaps)
        pages = [_get(port, path) for path in ["/", f"/interviews/{interview_id}"] * 10]
        assert all(status == 200 for status, _ in pages)
        assert all("Maria" in body for _, body in pages[1::2])
        waited = 0.0
        while not smtp.handler.received and waited < 30:
            time.sleep(0.1)
            waited += 0.1
        time.sleep(2)  # time enough for a second sender to send it again, if there were one
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, -15), err
    [got] = smtp.handler.received  # sent once, by the one worker of the supervising process
    assert got.recipients == ["maria.devries@acme.example"]
    assert err.count("worker: sends scheduled email in the background") == 1
    assert err.count(f"worker: sent      message {row_id}") == 1
    assert err.rstrip().endswith("worker: stopped") and "Traceback" not in err
    assert _all_gone(web)  # no web process left behind


def _all_gone(pids: set[int], seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_state(pid) != "Z" for pid in pids):
        time.sleep(0.1)
    return all(_state(pid) == "Z" for pid in pids)


def _state(pid: int) -> str:
    """The state letter of process `pid`; Z (zombie) also when it is gone altogether."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except OSError:
        return "Z"


def test_web_processes_stop_when_the_supervisor_is_killed(db_url: str) -> None:
    open_service(db_url).close()
    proc = subprocess.Popen(
        [sys.executable, "-m", "afterword.cli.main", "serve", "--port", "0", "--no-browser", "--no-worker",
         "--db", db_url, "--workers", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        assert proc.stdout is not None
        port = int(proc.stdout.readline().split(":")[2].split("/")[0])
        assert _get(port, "/")[0] == 200
        assert _get(port, "/")[0] == 200
        web = _children(proc.pid)
    finally:
        proc.kill()
        proc.wait(timeout=10)
    assert _all_gone(web)  # each one stopped when its parent died
