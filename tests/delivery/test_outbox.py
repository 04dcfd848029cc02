"""The outbox state machine against a real database and real SMTP servers."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine

from afterword.core.errors import InputError
from afterword.delivery import outbox
from afterword.delivery.config import Security, SmtpConfig
from afterword.delivery.mime import Outgoing, make_message_id, parse_mailbox
from afterword.delivery.smtp import SmtpSession
from afterword.store import outbox as store
from tests.delivery.servers import Handler, SmtpServer, free_port

NOW = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)


def msg(n: int, to: str | None = None) -> Outgoing:
    return Outgoing(
        sender=parse_mailbox("Jan <jan@example.org>", "from"),
        to=(parse_mailbox(to or f"p{n}@example.nl", "to"),),
        subject=f"Vervolg {n}", body=f"Bericht {n}\n", message_id=make_message_id("example.org"),
    )


def queue(engine: Engine, *messages: Outgoing, at: datetime = NOW) -> list[int]:
    return outbox.queue(engine, [outbox.to_new_message(m, at) for m in messages], NOW)


def cfg(port: int, timeout: float = 5.0) -> SmtpConfig:
    return SmtpConfig("127.0.0.1", port, Security.NONE, "jan@example.org", timeout=timeout)


def fixed(at: datetime) -> Callable[[], datetime]:
    return lambda: at


def states(engine: Engine) -> dict[int, str]:
    return {row.id: row.state for row in store.list_messages(engine)}


def test_message_id_is_fixed_at_queue_time(engine: Engine, smtp_server: Callable[..., SmtpServer]) -> None:
    server = smtp_server()
    m = msg(1)
    [row_id] = queue(engine, m)
    stored = store.get(engine, row_id)
    assert stored is not None and stored.message_id == m.message_id and stored.state == "queued"
    with SmtpSession(cfg(server.port), None) as session:
        report = outbox.deliver_due(engine, session, outbox.new_worker(), clock=lambda: NOW)
    assert report.sent == [row_id]
    assert server.handler.received[0].message["Message-ID"] == m.message_id
    sent = store.get(engine, row_id)
    assert sent is not None and sent.state == "sent" and sent.sent_at == NOW


def test_not_due_is_not_sent(engine: Engine, smtp_server: Callable[..., SmtpServer]) -> None:
    server = smtp_server()
    later = NOW + timedelta(hours=2)
    [row_id] = queue(engine, msg(1), at=later)
    with SmtpSession(cfg(server.port), None) as session:
        assert outbox.deliver_due(engine, session, outbox.new_worker(), clock=lambda: NOW).handled == 0
        assert states(engine) == {row_id: "queued"}
        report = outbox.deliver_due(engine, session, outbox.new_worker(), clock=lambda: later)
    assert report.sent == [row_id]
    assert store.next_due(engine) is None


def test_refused_login_requeues_with_backoff_then_gives_up(engine: Engine) -> None:
    [row_id] = queue(engine, msg(1))
    clock = NOW
    worker = outbox.new_worker()
    with SmtpSession(cfg(free_port()), None) as session:
        for attempt in range(outbox.MAX_ATTEMPTS - 1):
            report = outbox.deliver_due(engine, session, worker, clock=fixed(clock))
            assert [r for r, _ in report.retry] == [row_id]
            row = store.get(engine, row_id)
            assert row is not None and row.state == "queued" and row.attempts == attempt + 1
            assert row.send_at == clock + outbox.backoff(attempt)
            clock = row.send_at
        report = outbox.deliver_due(engine, session, worker, clock=fixed(clock))
    assert [r for r, _ in report.failed] == [row_id]
    row = store.get(engine, row_id)
    assert row is not None and row.state == "failed" and "gave up" in (row.last_error or "")


def test_rejected_recipient_fails_and_the_rest_of_the_batch_goes(
    engine: Engine, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server(Handler(reject={"nobody@example.nl"}))
    ids = queue(engine, msg(1), msg(2, "nobody@example.nl"), msg(3))
    with SmtpSession(cfg(server.port), None) as session:
        report = outbox.deliver_due(engine, session, outbox.new_worker(), clock=lambda: NOW)
    assert report.sent == [ids[0], ids[2]]
    assert [r for r, _ in report.failed] == [ids[1]]
    failed = store.get(engine, ids[1])
    assert failed is not None and failed.refused["nobody@example.nl"].startswith("550")
    assert len(server.handler.received) == 2


def test_hang_up_after_data_is_unknown_and_never_resent(
    engine: Engine, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server(Handler(drop_in_data=True))
    [row_id] = queue(engine, msg(1))
    worker = outbox.new_worker()
    with SmtpSession(cfg(server.port), None) as session:
        report = outbox.deliver_due(engine, session, worker, clock=lambda: NOW)
        assert [r for r, _ in report.unknown] == [row_id]
        assert outbox.deliver_due(engine, session, worker, clock=lambda: NOW + timedelta(days=1)).handled == 0
    assert states(engine) == {row_id: "unknown"}


def test_user_settles_unknown(engine: Engine, smtp_server: Callable[..., SmtpServer]) -> None:
    server = smtp_server(Handler(drop_in_data=True))
    a, b = queue(engine, msg(1), msg(2))
    with SmtpSession(cfg(server.port), None) as session:
        outbox.deliver_due(engine, session, outbox.new_worker(), clock=lambda: NOW)
    assert states(engine) == {a: "unknown", b: "unknown"}
    outbox.resolve(engine, a, True, NOW)
    outbox.resolve(engine, b, False, NOW)
    assert states(engine) == {a: "sent", b: "queued"}
    row = store.get(engine, a)
    assert row is not None and row.settled_by == "user"
    with pytest.raises(InputError, match="not unknown"):
        outbox.resolve(engine, a, False, NOW)
    with pytest.raises(InputError, match="no outbox message"):
        outbox.resolve(engine, 999, True, NOW)


def test_sent_folder_settles_unknown(engine: Engine) -> None:
    a, b = queue(engine, msg(1), msg(2))
    for _ in (a, b):
        row = store.claim_next(engine, "w", NOW, NOW + timedelta(minutes=1))
        assert row is not None
        store.mark_data_started(engine, row.id, "w", NOW)
        store.finish(engine, row.id, "w", "unknown", NOW, detail="lost")
    found = {store.get(engine, a).message_id}  # type: ignore[union-attr]
    assert outbox.settle_from_sent_folder(engine, lambda mid: mid in found, NOW) == [a]
    assert states(engine) == {a: "sent", b: "unknown"}


def test_recovery_requeues_claimed_and_marks_data_started_unknown(engine: Engine) -> None:
    a, b, c = queue(engine, msg(1), msg(2), msg(3))
    dead = f"{__import__('socket').gethostname()}:{_dead_pid()}:x"
    lease = NOW + timedelta(minutes=10)
    assert store.claim_next(engine, dead, NOW, lease) is not None  # a: claimed, DATA never began
    assert store.claim_next(engine, dead, NOW, lease) is not None  # b: DATA began
    store.mark_data_started(engine, b, dead, NOW)
    alive = outbox.new_worker()
    assert store.claim_next(engine, alive, NOW, lease) is not None  # c: a live worker's claim
    changed = outbox.recover(engine, NOW)
    assert sorted(changed) == [(a, "queued"), (b, "unknown")]
    assert states(engine) == {a: "queued", b: "unknown", c: "sending"}
    # A lease that ran out is recovered even when the process cannot be checked (another host).
    elsewhere = "other-host:1:x"
    store.claim_next(engine, elsewhere, NOW, NOW + timedelta(minutes=1))
    assert outbox.recover(engine, NOW) == []
    assert outbox.recover(engine, NOW + timedelta(minutes=2)) == [(a, "queued")]


def test_a_worker_that_lost_its_claim_does_not_send(engine: Engine) -> None:
    [a] = queue(engine, msg(1))
    store.claim_next(engine, "slow-host:1:x", NOW, NOW + timedelta(minutes=1))
    assert outbox.recover(engine, NOW + timedelta(minutes=5)) == [(a, "queued")]
    with pytest.raises(store.LostClaimError):
        store.mark_data_started(engine, a, "slow-host:1:x", NOW)
    assert not store.finish(engine, a, "slow-host:1:x", "sent", NOW)
    assert states(engine) == {a: "queued"}


def test_header_injection_is_refused_before_anything_is_queued(engine: Engine) -> None:
    with pytest.raises(InputError, match="control character"):
        queue(engine, msg(1), Outgoing(
            sender=parse_mailbox("jan@example.org", "from"), to=(parse_mailbox("a@example.nl", "to"),),
            subject="Hallo\r\nBcc: victim@example.com", body="x", message_id=make_message_id("example.org"),
        ))
    assert store.list_messages(engine) == []


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_every_identity_of_a_live_process_counts_as_alive() -> None:
    first, second = outbox.new_worker(), outbox.new_worker()
    assert not outbox.is_dead(first) and not outbox.is_dead(second)
    host, pid, _ = first.split(":")
    assert outbox.is_dead(f"{host}:{pid}:not-ours")
    assert outbox.is_dead(f"{host}:{_dead_pid()}:x")
    assert not outbox.is_dead("another-host:1:x")  # cannot tell: wait for the lease
