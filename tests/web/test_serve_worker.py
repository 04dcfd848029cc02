"""`afterword serve` runs the delivery worker beside the web server: a due message goes out once."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from litestar import Litestar

from afterword.service.delivery import DeliveryService
from afterword.service.interviews import open_service
from tests.delivery.conftest import cert_dir, smtp_server  # noqa: F401 - fixtures
from tests.delivery.servers import PASSWORD, SmtpServer
from tests.web.conftest import store_with_drafts
from tests.web.test_sending import smtp  # noqa: F401 - fixture


def test_serve_sends_a_due_message_in_the_background_and_stops_cleanly(
        app: Litestar, smtp: SmtpServer, db_url: str, tmp_path: Path) -> None:  # noqa: F811
    interview_id = store_with_drafts(app)
    service = open_service(db_url)
    try:
        [row_id] = DeliveryService(service).queue_emails(interview_id, ["maria"], None, datetime.now(UTC))
    finally:
        service.close()
    proc = subprocess.Popen(
        [sys.executable, "-m", "afterword.cli.main", "serve", "--port", "0", "--no-browser", "--db", db_url],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("Afterword is running at http://127.0.0.1:")
        waited = 0.0
        while not smtp.handler.received and waited < 30:
            time.sleep(0.1)
            waited += 0.1
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=20)
    assert proc.returncode in (0, -15), err  # uvicorn re-raises SIGTERM after its graceful shutdown
    assert err.rstrip().endswith("worker: stopped")  # the worker was stopped, not killed
    [got] = smtp.handler.received
    assert got.recipients == ["maria.devries@acme.example"]
    assert "worker: sends scheduled email in the background" in err
    assert f"worker: sent      message {row_id}" in err
    assert PASSWORD not in err and "Traceback" not in err
    service = open_service(db_url)
    try:
        assert [r.state for r in DeliveryService(service).outbox()] == ["sent"]
    finally:
        service.close()


def test_no_worker_is_an_option(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "afterword.cli.main", "serve", "--help"],
                          capture_output=True, text=True, timeout=60)
    assert "--no-worker" in done.stdout
