"""Outbox throughput: queue N messages and send them to a local aiosmtpd, on SQLite (and PostgreSQL when
AFTERWORD_TEST_PG_URL is set); also the cost of one claim and of building one MIME message.

Prints messages per second and milliseconds per step. Usage: python bench/delivery_speed.py [N]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.delivery.conftest import open_engine  # noqa: E402
from tests.delivery.servers import Handler, start_smtp  # noqa: E402

from afterword.delivery import outbox  # noqa: E402
from afterword.delivery.config import Security, SmtpConfig  # noqa: E402
from afterword.delivery.mime import Outgoing, make_message_id, parse_mailbox  # noqa: E402
from afterword.delivery.smtp import SmtpSession  # noqa: E402


def messages(count: int) -> list[Outgoing]:
    sender = parse_mailbox("Jan de Vriës <jan@example.org>", "from")
    return [Outgoing(sender, (parse_mailbox(f"María {n} <p{n}@example.nl>", "to"),), f"Over de migratie {n}",
                     "Beste María,\n\nDank voor het gesprek.\n" * 5, make_message_id("example.org"))
            for n in range(count)]


def run(url: str, count: int) -> None:
    engine = open_engine(url)
    server = start_smtp(Handler())
    try:
        now = datetime.now(UTC)
        batch = messages(count)
        t0 = time.perf_counter()
        outbox.queue(engine, [outbox.to_new_message(m, now) for m in batch], now)
        queued = time.perf_counter() - t0
        config = SmtpConfig("127.0.0.1", server.port, Security.NONE, "jan@example.org")
        t0 = time.perf_counter()
        with SmtpSession(config, None) as session:
            report = outbox.deliver_due(engine, session, outbox.new_worker())
        sent = time.perf_counter() - t0
        assert len(report.sent) == count, report
        kind = url.split(":", 1)[0]
        print(f"{kind:<10} queue {count}: {queued * 1000:7.1f} ms   send {count}: {sent:6.2f} s "
              f"= {count / sent:6.0f} msg/s ({sent / count * 1000:.1f} ms each: claim + DATA mark + SMTP + finish)")
    finally:
        server.stop()
        engine.dispose()


def mime_cost(count: int = 500) -> None:
    batch = messages(count)
    now = datetime.now(UTC)
    times = []
    for m in batch:
        t0 = time.perf_counter()
        m.as_bytes(now)
        times.append(time.perf_counter() - t0)
    print(f"MIME build: median {statistics.median(times) * 1000:.2f} ms per message")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    mime_cost()
    with tempfile.TemporaryDirectory() as tmp:
        run(f"sqlite:///{tmp}/bench.db", count)
    pg = os.environ.get("AFTERWORD_TEST_PG_URL")
    if pg:
        run(pg, count)
    else:
        print("postgresql: skipped (set AFTERWORD_TEST_PG_URL)")


if __name__ == "__main__":
    main()
