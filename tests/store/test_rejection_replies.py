"""The reply to a rejection in the store, on SQLite and PostgreSQL: one row per interview however often
`rejected` is set, handed to the outbox once, and at most one such message on its way per interview."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from afterword.core.model import Outcome
from afterword.core.notes import load_notes
from afterword.core.outbox import MessageKind
from afterword.service.follow_through import FollowThrough
from afterword.service.interviews import open_service
from afterword.store import rejection_replies as store
from afterword.store.outbox import DuplicateMessageError, NewMessage, queue_messages

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)


def _message(interview_id: int, n: int) -> NewMessage:
    return NewMessage(message_id=f"<reply-{n}@example.org>", sender="priya.raman@example.org",
                      recipients=(("grace.whitfield@northwind.example", "Grace Whitfield", False),),
                      subject="Thank you", body="Thank you.", send_at=NOW, interview_id=interview_id,
                      contact="grace", kind=MessageKind.REJECTION_REPLY)


def test_one_reply_per_interview_handed_to_the_outbox_once(db_url: str) -> None:
    service = open_service(db_url)
    try:
        ident = service.import_interview(load_notes(ROOT / "examples" / "northwind-panel.toml"), at=NOW)
        follow = FollowThrough(service)
        first = follow.set_outcome(ident, Outcome.REJECTED, date(2026, 12, 14), NOW)
        second = follow.set_outcome(ident, Outcome.REJECTED, date(2026, 12, 15), NOW, news_from="daniel")
        assert first.reply_new and not second.reply_new and first.reply_id == second.reply_id
        assert second.reply_contact == "daniel"  # still pending: re-addressed to who brought the news
        with service.store.write() as repo:
            row = store.of_interview(repo.conn, service.store.owner, ident)
            assert row is not None and row.contact == "daniel"
            assert store.hand_to_outbox(repo.conn, row, _message(ident, 1), NOW) is not None
            assert store.hand_to_outbox(repo.conn, row, _message(ident, 2), NOW) is None  # not pending any more
        # Even written straight into the outbox, a second active reply for the interview is refused.
        with pytest.raises(DuplicateMessageError):
            queue_messages(service.store.engine, [_message(ident, 3)], NOW)
        with service.store.read() as repo:
            found = store.of_interview(repo.conn, service.store.owner, ident)
            assert found is not None and found.state is store.ReplyState.QUEUED
    finally:
        service.close()
