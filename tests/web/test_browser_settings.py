"""Settings live (issue 11, point 4): SMTP set up on the settings page while `afterword serve` runs sends an
email that was already past its time, at a real aiosmtpd, within seconds and without a restart."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar

from afterword.delivery.config import MailConfig, Security, SmtpConfig
from afterword.service.delivery import DeliveryService
from afterword.service.interviews import open_service
from tests.delivery.conftest import smtp_server  # noqa: F401 - fixture
from tests.delivery.servers import PASSWORD, USER, SmtpServer
from tests.web.conftest import store_with_drafts
from tests.web.test_browser import PHONE, browser_type_launch_args  # noqa: F401 - fixture

#: The test server asks for a login without TLS: the settings page's `none` is for a server on this machine.
pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")]


def _queue_overdue(db_url: str, interview_id: int, port: int) -> int:
    """Maria's email, queued (under settings that are gone now) for five minutes ago."""
    service = open_service(db_url)
    try:
        config = MailConfig(Path("gone.toml"), SmtpConfig("127.0.0.1", port, Security.NONE, "sam@example.org"))
        now = datetime.now(UTC)
        [row_id] = DeliveryService(service, config).queue_emails(interview_id, ["maria"], now - timedelta(minutes=5),
                                                                now - timedelta(minutes=10))
        return row_id
    finally:
        service.close()


def test_smtp_set_up_while_serving_sends_the_overdue_email(
        app: Litestar, db_url: str, mail_home: Path, smtp_server: Any, browser: Any) -> None:  # noqa: F811
    server: SmtpServer = smtp_server(auth=True)
    interview_id = store_with_drafts(app)
    row_id = _queue_overdue(db_url, interview_id, server.port)
    proc = subprocess.Popen(
        [sys.executable, "-m", "afterword.cli.main", "serve", "--port", "0", "--no-browser", "--db", db_url],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "AFTERWORD_HOME": str(mail_home)},
    )
    pages: list[str] = []
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("Afterword is running at http://127.0.0.1:"), line
        url = line.split()[4].rstrip("/")
        context = browser.new_context(viewport=PHONE, locale="en-GB")
        page = context.new_page()
        page.goto(f"{url}/interviews/{interview_id}")
        warning = page.locator("#card-maria--email .overdue")
        assert "SMTP is not set up" in warning.inner_text()  # the card says why it is late
        pages.append(page.content())
        page.get_by_role("link", name="Set it up in Settings").click()  # the notice leads there
        page.fill("#f-smtp\\.host", "127.0.0.1")
        page.select_option("#f-smtp\\.security", "none")
        page.fill("#f-smtp\\.port", str(server.port))
        page.fill("#f-smtp\\.from", "Sam Jansen <sam.jansen@example.org>")
        page.fill("#f-smtp\\.username", USER)
        page.fill("#f-smtp\\.password", PASSWORD)
        page.get_by_role("button", name="Save settings").click()
        assert "Saved." in page.locator("#settings-notice").inner_text()
        pages.append(page.content())
        deadline = time.monotonic() + 20
        while not server.handler.received and time.monotonic() < deadline:
            time.sleep(0.1)
        [got] = server.handler.received
        assert got.recipients == ["maria.devries@acme.example"]  # no restart: the worker took the new settings
        assert server.handler.logins == [True]
        page.goto(f"{url}/interviews/{interview_id}")
        page.locator('#card-maria--email .outbox-state[data-state="sent"]').wait_for(timeout=10000)
        assert page.locator("#card-maria--email .overdue").count() == 0
        pages.append(page.content())
        # The test message goes to the From address over the saved settings.
        page.goto(f"{url}/settings")
        assert "Stored in the file" in page.locator("#h-smtp-password").inner_text()
        page.get_by_role("button", name="Send a test message").click()
        assert "Test message sent" in page.locator("#settings-notice").inner_text()
        assert server.handler.received[-1].recipients == ["sam.jansen@example.org"]
        pages.append(page.content())
        context.close()
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=20)
    assert f"worker: sent      message {row_id}" in err
    config = (mail_home / "config.toml").read_text(encoding="utf-8")
    assert 'host = "127.0.0.1"' in config and PASSWORD not in config
    secret = mail_home / "smtp.password"
    assert secret.read_text(encoding="utf-8").strip() == PASSWORD and secret.stat().st_mode & 0o777 == 0o600
    assert all(PASSWORD not in html for html in pages) and PASSWORD not in err and "Traceback" not in err
