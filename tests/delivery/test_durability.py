"""The commit that says "DATA began" survives a power cut (SQLite synchronous=FULL); the others keep NORMAL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from afterword.delivery import outbox
from afterword.delivery.config import Security, SmtpConfig
from afterword.delivery.mime import Outgoing, make_message_id, parse_mailbox
from afterword.delivery.smtp import SmtpSession
from tests.delivery.servers import SmtpServer

NOW = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)
LEVELS = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


def test_the_data_mark_is_committed_with_synchronous_full(engine: Engine,
                                                          smtp_server: Callable[..., SmtpServer]) -> None:
    server = smtp_server()
    sender = parse_mailbox("jan@example.org", "from")
    message = Outgoing(sender, (parse_mailbox("maria@example.nl", "to"),), "Vervolg", "x\n",
                       make_message_id("example.org"))
    outbox.queue(engine, [outbox.to_new_message(message, NOW)], NOW)
    seen: list[tuple[str, str]] = []

    def record(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        if statement.startswith("UPDATE outbox SET"):
            level = cursor.connection.execute("PRAGMA synchronous").fetchone()[0]
            what = "data" if statement.startswith("UPDATE outbox SET phase=") else "other"
            seen.append((what, LEVELS[level]))

    event.listen(engine, "before_cursor_execute", record)
    try:
        config = SmtpConfig("127.0.0.1", server.port, Security.NONE, "jan@example.org")
        with SmtpSession(config, None) as session:
            report = outbox.deliver_due(engine, session, outbox.new_worker(), clock=lambda: NOW)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(report.sent) == 1
    assert ("data", "FULL") in seen
    assert [level for what, level in seen if what == "other"] == ["NORMAL", "NORMAL"]  # claim, sent
    with engine.connect() as conn:  # the pooled connection is back to NORMAL
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1
