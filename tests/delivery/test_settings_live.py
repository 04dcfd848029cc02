"""Settings live (issue 11, point 4): the settings page's writer keeps comments and unknown keys, refuses what
would not load, keeps passwords out of the file; the worker takes changed settings on its next pass."""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from afterword.core.errors import InputError
from afterword.delivery.config import MailConfig, Security, SmtpConfig, load_config
from afterword.service.delivery import DeliveryService
from afterword.service.interviews import open_service
from afterword.service.settings import (
    SettingsForm,
    SmtpForm,
    parse_form,
    read_settings,
    save_settings,
    send_test_message,
)
from tests.delivery.servers import PASSWORD, USER, SmtpServer
from tests.web.conftest import store_with_drafts

#: The test servers ask for a login without TLS (`none` is for a server on this machine).
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

HAND_WRITTEN = """# my mail settings, written by hand
[smtp]
host = "old.example.org"   # the old provider
from = "Sam <sam@example.org>"
timeout = 12               # slow line at home

[social]
linkedin_free_notes = 3
"""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("AFTERWORD_HOME", str(home))
    monkeypatch.delenv("AFTERWORD_SMTP_PASSWORD", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return home


def test_saving_keeps_comments_and_unknown_keys_and_puts_the_password_apart(home: Path) -> None:
    path = home / "config.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    os.chmod(path, 0o640)
    form = parse_form({"smtp.host": "127.0.0.1", "smtp.security": "none", "smtp.port": "2525",
                       "smtp.from": "Sam <sam@example.org>", "smtp.username": USER, "social.account": "premium",
                       "social.linkedin_free_notes": "3", "ui.undo_seconds": "20"})
    saved = save_settings(form, {"smtp": PASSWORD})
    text = path.read_text(encoding="utf-8")
    assert "# my mail settings, written by hand" in text and "# slow line at home" in text
    assert "timeout = 12" in text and 'host = "127.0.0.1"' in text and PASSWORD not in text
    assert path.stat().st_mode & 0o777 == 0o640  # the mode the user chose stays
    config = load_config(path)
    assert config.smtp is not None and config.smtp.port == 2525 and config.smtp.timeout == 12
    assert config.linkedin_premium and config.undo_seconds == 20
    assert "smtp.password" in saved.passwords["smtp"]
    assert (home / "smtp.password").stat().st_mode & 0o777 == 0o600
    view = read_settings()
    assert view.smtp_password is not None and PASSWORD not in repr(view)
    assert [p.name for p in home.iterdir() if p.name.endswith(".tmp")] == []


def test_a_setting_that_would_not_load_is_refused_and_the_old_file_stays(home: Path) -> None:
    path = home / "config.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    form = SettingsForm(smtp=SmtpForm("mail.example.org", None, "none", USER, "Sam <sam@example.org>"))
    with pytest.raises(InputError) as refused:
        save_settings(form, {"smtp": PASSWORD})
    assert (refused.value.table, refused.value.key) == ("smtp", "security")
    assert "unencrypted" in refused.value.message and "onversleuteld" in refused.value.message_in("nl")
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
    assert not (home / "smtp.password").exists()  # nothing half done
    with pytest.raises(InputError) as bad:
        parse_form({"smtp.host": "x.example.org", "smtp.from": "a@b.example", "smtp.port": "twenty"})
    assert bad.value.key == "smtp.port"
    with pytest.raises(InputError) as wide:
        save_settings(SettingsForm(undo_seconds=600))
    assert (wide.value.table, wide.value.key) == ("ui", "undo_seconds")


def test_clearing_the_server_removes_the_table(home: Path) -> None:
    path = home / "config.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    save_settings(parse_form({"social.linkedin_free_notes": "3"}))
    assert "[smtp]" not in path.read_text(encoding="utf-8") and load_config(path).smtp is None


def test_the_worker_takes_smtp_set_up_after_it_started(home: Path, tmp_path: Path, smtp_server: Any) -> None:
    from afterword.web.app import create_app

    server: SmtpServer = smtp_server(auth=True)
    db_url = f"sqlite:///{tmp_path / 'live.db'}"
    app = create_app(db_url, csrf_secret="x" * 40)
    interview_id = store_with_drafts(app)
    app.state["backend"].close()
    service = open_service(db_url)
    try:
        earlier = MailConfig(Path("gone.toml"), SmtpConfig("127.0.0.1", server.port, Security.NONE, "sam@example.org"))
        now = datetime.now(UTC)
        DeliveryService(service, earlier).queue_emails(interview_id, ["maria"], now - timedelta(minutes=1), now)
        delivery = DeliveryService(service)  # no config.toml yet
        runner = delivery.worker(strict=False)
        first = runner.cycle()
        assert first.batch.sent == [] and any("SMTP is not configured" in e for e in first.errors)
        reports: list[Any] = []
        thread = threading.Thread(target=runner.run, args=(60.0, reports.append), daemon=True)
        thread.start()
        time.sleep(0.3)
        save_settings(parse_form({"smtp.host": "127.0.0.1", "smtp.security": "none", "smtp.port": str(server.port),
                                  "smtp.from": "Sam <sam@example.org>", "smtp.username": USER}), {"smtp": PASSWORD})
        deadline = time.monotonic() + 10  # the pass interval is a minute: the change itself wakes the worker
        while not server.handler.received and time.monotonic() < deadline:
            time.sleep(0.05)
        runner.stop.set()
        thread.join(timeout=10)
        assert [r.recipients for r in server.handler.received] == [["maria.devries@acme.example"]]
        assert server.handler.logins == [True]
        # A settings file broken later: the worker says so and keeps the last good settings.
        (home / "config.toml").write_text("[smtp\n", encoding="utf-8")
        broken = runner.cycle()
        assert any("settings not reloaded" in e for e in broken.errors) and runner.smtp is not None
    finally:
        service.close()


def test_a_test_message_goes_to_the_from_address(home: Path, smtp_server: Any) -> None:
    assert not send_test_message().ok  # nothing set up: said, not raised
    server: SmtpServer = smtp_server(auth=True)
    save_settings(parse_form({"smtp.host": "127.0.0.1", "smtp.security": "none", "smtp.port": str(server.port),
                              "smtp.from": "Sam <sam@example.org>", "smtp.username": USER}), {"smtp": "wrong"})
    refused = send_test_message()
    assert not refused.ok and "refused the login" in refused.detail.en
    save_settings(read_settings().form, {"smtp": PASSWORD})
    sent = send_test_message()
    assert sent.ok and [r.recipients for r in server.handler.received] == [["sam@example.org"]]
