"""A refused SMTP login stops the batch at once and charges nobody; the send-rate limit paces every sender.

Against a real aiosmtpd (STARTTLS + AUTH) and real SQLite and PostgreSQL databases.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from afterword.core.errors import InputError
from afterword.delivery import outbox
from afterword.delivery.config import Security, SmtpConfig, load_config
from afterword.delivery.mime import Outgoing, make_message_id, parse_mailbox
from afterword.delivery.smtp import Outcome, SmtpSession
from afterword.delivery.worker import Worker
from afterword.store import outbox as store
from tests.conftest import Result
from tests.delivery.conftest import open_engine
from tests.delivery.journey import SUBJECTS, import_with_drafts, status
from tests.delivery.servers import PASSWORD, USER, SmtpServer

NOW = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path / 'afterword.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    engine = open_engine(url)
    yield engine
    engine.dispose()


def _queue(engine: Engine, count: int, at: datetime = NOW) -> list[int]:
    sender = parse_mailbox("jan@example.org", "from")
    messages = [Outgoing(sender, (parse_mailbox(f"p{n}@example.nl", "to"),), f"Nr {n}", "x\n",
                         make_message_id("example.org")) for n in range(count)]
    return outbox.queue(engine, [outbox.to_new_message(m, at) for m in messages], NOW)


def _config(server: SmtpServer, cert_dir: Path, *, per_minute: int = 20) -> SmtpConfig:
    return SmtpConfig("127.0.0.1", server.port, Security.STARTTLS, "jan@example.org", username=USER,
                      timeout=5.0, ca_file=cert_dir / "cert.pem", max_per_minute=per_minute)


def test_wrong_password_is_one_login_attempt_and_charges_no_message(
    any_engine: Engine, smtp_server: Callable[..., SmtpServer], cert_dir: Path
) -> None:
    server = smtp_server(auth=True, starttls=cert_dir)
    ids = _queue(any_engine, 20)
    with SmtpSession(_config(server, cert_dir), "wrong") as session:
        report = outbox.deliver_due(any_engine, session, outbox.new_worker(), clock=lambda: NOW)
    assert server.handler.logins == [False], "one AUTH attempt for the whole batch, not one per message"
    assert report.login_refused is not None and "535" in report.login_refused and "wrong" not in report.login_refused
    assert report.handled == 0 and report.retry == []
    rows = store.list_messages(any_engine)
    assert [r.id for r in rows] == ids
    assert {(r.state, r.attempts, r.send_at) for r in rows} == {("queued", 0, NOW)}
    assert server.handler.received == []
    # With the right password the same batch goes out at once (nothing was pushed back).
    with SmtpSession(_config(server, cert_dir), PASSWORD) as session:
        done = outbox.deliver_due(any_engine, session, outbox.new_worker(), clock=lambda: NOW)
    assert sorted(done.sent) == ids and done.login_refused is None


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_authentication_required_530_stops_the_batch(engine: Engine, smtp_server: Callable[..., SmtpServer]) -> None:
    server = smtp_server(auth=True)  # asks for a login; the settings have no username
    _queue(engine, 5)
    config = SmtpConfig("127.0.0.1", server.port, Security.NONE, "jan@example.org")
    with SmtpSession(config, None) as session:
        report = outbox.deliver_due(engine, session, outbox.new_worker(), clock=lambda: NOW)
    assert report.login_refused is not None and "530" in report.login_refused
    assert {(r.state, r.attempts) for r in store.list_messages(engine)} == {("queued", 0)}


def test_worker_pauses_sending_after_a_refused_login_and_picks_up_a_new_password(
    engine: Engine, smtp_server: Callable[..., SmtpServer], cert_dir: Path
) -> None:
    server = smtp_server(auth=True, starttls=cert_dir)
    ids = _queue(engine, 3)
    now = [NOW]
    secret = ["wrong"]
    worker = Worker(engine, _config(server, cert_dir), "wrong", clock=lambda: now[0],
                    reload_password=lambda: secret[0])
    first = worker.cycle()
    assert first.batch.login_refused is not None
    assert any("SMTP login refused" in e and "trying again in 1 minute" in e for e in first.errors)
    worker.cycle()  # within the pause: no new login attempt
    assert server.handler.logins == [False]
    secret[0] = PASSWORD
    now[0] = NOW + timedelta(minutes=2)
    assert sorted(worker.cycle().batch.sent) == ids
    assert server.handler.logins == [False, True]
    assert {r.attempts for r in store.list_messages(engine)} == {0}


def test_send_with_a_wrong_password_exits_2_with_one_line_and_leaves_nothing_queued(
    run_cli: Callable[..., Result], home: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AFTERWORD_SMTP_PASSWORD", "not-the-password")
    ident = import_with_drafts(run_cli, home, subject_of={"grace": SUBJECTS["grace"], "daniel": SUBJECTS["daniel"]})
    result = run_cli("send", str(ident), "--force")
    assert result.code == 2, (result.out, result.err)
    errors = [line for line in result.err.splitlines() if line.startswith("afterword: error:")]
    assert len(errors) == 1
    assert "refused the login" in errors[0] and "535" in errors[0] and "afterword password smtp" in errors[0]
    assert "not-the-password" not in result.err + result.out
    assert home["smtp"].handler.logins == [False]
    messages = json.loads(run_cli("outbox", "--json").out)["messages"]
    assert {(m["state"], m["attempts"]) for m in messages} == {("failed", 0)}
    assert all("refused the login" not in (m["error"] or "") or "535" in m["error"] for m in messages)
    assert status(home, ident, "grace") == "edited"  # the draft can be sent again once the password works
    monkeypatch.setenv("AFTERWORD_SMTP_PASSWORD", PASSWORD)
    again = run_cli("send", str(ident), "--force")
    assert again.code == 0, again.err
    assert len(home["smtp"].handler.received) == 2
    assert status(home, ident, "grace") == "sent"


def test_send_rate_limit_paces_a_batch(engine: Engine, smtp_server: Callable[..., SmtpServer], cert_dir: Path) -> None:
    server = smtp_server(auth=True, starttls=cert_dir)
    ids = _queue(engine, 5)
    now = [NOW]
    waits: list[float] = []

    def pause(seconds: float) -> None:
        waits.append(seconds)
        now[0] += timedelta(seconds=seconds)

    def clock() -> datetime:
        now[0] += timedelta(seconds=1)  # every step takes a second
        return now[0]

    with SmtpSession(_config(server, cert_dir), PASSWORD) as session:
        report = outbox.deliver_due(engine, session, outbox.new_worker(), clock=clock, per_minute=2, pause=pause)
    assert sorted(report.sent) == ids
    assert len(waits) == 2 and report.waited == pytest.approx(sum(waits))
    sent_at = sorted(r.sent_at for r in store.list_messages(engine) if r.sent_at is not None)
    for n in range(len(sent_at) - 2):
        assert sent_at[n + 2] - sent_at[n] >= timedelta(minutes=1), "no three messages inside one minute"
    assert len(server.handler.received) == 5


def test_rate_limit_counts_what_other_processes_sent(engine: Engine) -> None:
    ids = _queue(engine, 2)
    for row_id in ids:
        row = store.claim_next(engine, "other:1:x", NOW, NOW + timedelta(minutes=5))
        assert row is not None and row.id == row_id
        store.finish(engine, row.id, "other:1:x", "sent", NOW)
    assert outbox.rate_wait(engine, 2, NOW + timedelta(seconds=15)) == pytest.approx(45.0)
    assert outbox.rate_wait(engine, 3, NOW + timedelta(seconds=15)) == 0.0
    assert outbox.rate_wait(engine, 2, NOW + timedelta(seconds=61)) == 0.0


def test_max_per_minute_setting(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    base = '[smtp]\nhost = "smtp.example.org"\nfrom = "jan@example.org"\n'
    path.write_text(base)
    smtp = load_config(path).smtp
    assert smtp is not None and smtp.max_per_minute == 20
    path.write_text(base + "max_per_minute = 5\n")
    smtp = load_config(path).smtp
    assert smtp is not None and smtp.max_per_minute == 5
    for bad in ("0", "-3", "true", '"fast"'):
        path.write_text(base + f"max_per_minute = {bad}\n")
        with pytest.raises(InputError) as caught:
            load_config(path)
        assert "max_per_minute" in caught.value.located()


def test_outcome_of_a_refused_login_is_login(smtp_server: Callable[..., SmtpServer], cert_dir: Path) -> None:
    server = smtp_server(auth=True, starttls=cert_dir)
    message = Outgoing(parse_mailbox("jan@example.org", "from"), (parse_mailbox("m@example.nl", "to"),), "S", "x\n",
                       make_message_id("example.org"))
    with SmtpSession(_config(server, cert_dir), "wrong") as session:
        result = session.send(message.as_bytes(NOW), "jan@example.org", message.recipients)
    assert result.outcome is Outcome.LOGIN


def test_worker_leaves_the_rest_for_the_next_pass_at_the_rate_limit(
    engine: Engine, smtp_server: Callable[..., SmtpServer], cert_dir: Path
) -> None:
    server = smtp_server(auth=True, starttls=cert_dir)
    _queue(engine, 5)
    now = [NOW]
    worker = Worker(engine, _config(server, cert_dir, per_minute=2), PASSWORD, clock=lambda: now[0])
    first = worker.cycle()
    assert len(first.batch.sent) == 2 and first.batch.held_back == pytest.approx(60.0)
    assert any("send-rate limit (2 a minute)" in note for note in first.notes)
    assert worker.cycle().batch.sent == []  # the same minute: nothing more
    now[0] += timedelta(seconds=61)
    assert len(worker.cycle().batch.sent) == 2
    now[0] += timedelta(seconds=61)
    last = worker.cycle().batch
    assert len(last.sent) == 1 and last.held_back is None
    assert len(server.handler.received) == 5
