"""The database keeps one active follow-up per contact, so two processes cannot both queue it."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from afterword.core.notes import load_notes
from afterword.delivery import outbox
from afterword.delivery.mime import Outgoing, make_message_id, parse_mailbox
from afterword.service.delivery import DeliveryService
from afterword.service.interviews import open_service
from afterword.store import outbox as store
from tests.conftest import EXAMPLES

NOW = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)


def _message() -> Outgoing:
    return Outgoing(sender=parse_mailbox("Priya Raman <priya.raman@example.org>", "from"),
                    to=(parse_mailbox("grace.whitfield@northwind.example", "to"),),
                    subject="Online intake", body="Dear Grace,\n", message_id=make_message_id("example.org"))


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: object) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{request.getfixturevalue('tmp_path')}/one.db"
    return str(request.getfixturevalue("pg_url"))


def test_second_active_follow_up_to_the_same_contact_is_refused(url: str) -> None:
    interviews = open_service(url)
    try:
        ident = interviews.import_interview(load_notes(EXAMPLES / "northwind-panel.toml"))
        engine = DeliveryService(interviews).engine

        def queue_one() -> list[int]:
            return outbox.queue(engine, [outbox.to_new_message(_message(), NOW, interview_id=ident,
                                                               contact="grace")], NOW)

        [first] = queue_one()
        with pytest.raises(store.DuplicateMessageError, match="already in the outbox"):
            queue_one()
        # Another contact, and a message to nobody in particular, are not affected.
        outbox.queue(engine, [outbox.to_new_message(_message(), NOW, interview_id=ident, contact="daniel")], NOW)
        outbox.queue(engine, [outbox.to_new_message(_message(), NOW)], NOW)
        # Once the first is cancelled (failed), the contact can be queued again.
        assert store.cancel(engine, first, NOW)
        queue_one()
    finally:
        interviews.close()


def test_two_writers_racing_queue_exactly_one(url: str) -> None:
    interviews = open_service(url)
    try:
        ident = interviews.import_interview(load_notes(EXAMPLES / "northwind-panel.toml"))
        engine = DeliveryService(interviews).engine
        start = threading.Barrier(4)
        outcomes: list[str] = []

        def race() -> None:
            start.wait()
            try:
                outbox.queue(engine, [outbox.to_new_message(_message(), NOW, interview_id=ident,
                                                            contact="hannah")], NOW)
                outcomes.append("queued")
            except store.DuplicateMessageError:
                outcomes.append("refused")

        threads = [threading.Thread(target=race) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert sorted(outcomes) == ["queued", "refused", "refused", "refused"]
        rows = [r for r in store.list_messages(engine) if r.contact == "hannah"]
        assert len(rows) == 1
    finally:
        interviews.close()
