"""The outbox is a typed state machine that owns its touchpoint's status (issue 11, point 2): states and kinds
are enums in core.outbox, a move the machine does not have raises, and a move and the touchpoint status it
implies are one transaction (a failure of either leaves both as they were)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import DBAPIError

from afterword.core.errors import AfterwordError
from afterword.core.model import Channel, TouchpointStatus
from afterword.core.notes import load_notes
from afterword.core.outbox import ACTIVE, IllegalTransitionError, MessageKind, OutboxState, touchpoint_status
from afterword.delivery import outbox
from afterword.delivery.mime import Outgoing, make_message_id, parse_mailbox
from afterword.service.interviews import InterviewService, open_service
from afterword.store import outbox as store
from tests.conftest import EXAMPLES

NOW = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{request.getfixturevalue('tmp_path')}/states.db"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def service(url: str) -> Iterator[InterviewService]:
    interviews = open_service(url)
    try:
        yield interviews
    finally:
        interviews.close()


def _interview(service: InterviewService) -> int:
    ident = service.import_interview(load_notes(EXAMPLES / "northwind-panel.toml"))
    service.draft_missing(ident, at=NOW)
    return ident


def _queue(service: InterviewService, ident: int, contact: str = "grace") -> int:
    message = Outgoing(sender=parse_mailbox("Priya Raman <priya.raman@example.org>", "from"),
                       to=(parse_mailbox("grace.whitfield@northwind.example", "to"),),
                       subject="Online intake", body="Dear Grace,\n", message_id=make_message_id("example.org"))
    [row_id] = outbox.queue(service.store.engine, [outbox.to_new_message(
        message, NOW + timedelta(hours=1), interview_id=ident, contact=contact)], NOW)
    return row_id


def _status(service: InterviewService, ident: int, contact: str = "grace") -> TouchpointStatus:
    return service.touchpoint(ident, contact, Channel.EMAIL).status


def _refuse_touchpoint_writes(service: InterviewService) -> None:
    """A trigger that fails any change of a touchpoint: whatever moves with it must be rolled back."""
    with service.store.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("CREATE TRIGGER refuse BEFORE UPDATE ON touchpoints "
                                 "BEGIN SELECT RAISE(ABORT, 'touchpoints are read-only here'); END")
        else:
            conn.exec_driver_sql("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                                 "RAISE EXCEPTION 'touchpoints are read-only here'; END $$ LANGUAGE plpgsql")
            conn.exec_driver_sql("CREATE TRIGGER refuse BEFORE UPDATE ON touchpoints "
                                 "FOR EACH ROW EXECUTE FUNCTION refuse()")


def test_states_and_kinds_are_enums_in_one_place() -> None:
    row_states = {str(s) for s in OutboxState}
    assert row_states == {"queued", "sending", "sent", "failed", "cancelled", "unknown"}
    assert {str(s) for s in ACTIVE} == {"queued", "sending", "sent", "unknown"}
    assert not OutboxState.CANCELLED.is_active and not OutboxState.FAILED.is_active
    # The unique index's predicate is built from the same enum, and says what revision 0003 wrote.
    assert store.ACTIVE_FOLLOW_UP == "kind = 'follow-up' AND state IN ('queued', 'sending', 'sent', 'unknown')"
    assert {str(k) for k in MessageKind} >= {"follow-up", "check-in", "reminder"}


def test_an_illegal_transition_raises_and_changes_nothing(service: InterviewService) -> None:
    ident = _interview(service)
    row_id = _queue(service, ident)
    for source, target in [(OutboxState.SENT, OutboxState.QUEUED), (OutboxState.QUEUED, OutboxState.SENT),
                           (OutboxState.CANCELLED, OutboxState.QUEUED), (OutboxState.UNKNOWN, OutboxState.FAILED)]:
        with pytest.raises(IllegalTransitionError, match=f"no move from {source} to {target}"):
            touchpoint_status(source, target)
        with service.store.engine.begin() as conn, pytest.raises(IllegalTransitionError):
            store.move(conn, row_id, source, target, NOW)
    row = store.get(service.store.engine, row_id)
    assert row is not None and row.state is OutboxState.QUEUED
    assert _status(service, ident) is TouchpointStatus.SCHEDULED


def test_queueing_schedules_the_touchpoint_in_the_same_transaction(service: InterviewService) -> None:
    ident = _interview(service)
    assert _status(service, ident) is TouchpointStatus.DRAFTED
    row_id = _queue(service, ident)  # the store alone, no service call after it
    row = store.get(service.store.engine, row_id)
    assert row is not None and row.state is OutboxState.QUEUED and row.kind is MessageKind.FOLLOW_UP
    assert _status(service, ident) is TouchpointStatus.SCHEDULED


def test_a_cancelled_message_is_stored_as_cancelled_and_its_touchpoint_says_so(service: InterviewService) -> None:
    ident = _interview(service)
    row_id = _queue(service, ident)
    assert store.cancel(service.store.engine, row_id, NOW)
    row = store.get(service.store.engine, row_id)
    assert row is not None and row.state is OutboxState.CANCELLED and row.last_error == "cancelled by the user"
    assert _status(service, ident) is TouchpointStatus.EDITED  # editable again, by the cancel itself
    assert not store.cancel(service.store.engine, row_id, NOW)  # cancelled is final
    _queue(service, ident)  # and it no longer holds the person's one active follow-up


def test_a_cancel_whose_touchpoint_cannot_change_leaves_the_message_queued(service: InterviewService) -> None:
    ident = _interview(service)
    row_id = _queue(service, ident)
    _refuse_touchpoint_writes(service)
    with pytest.raises((AfterwordError, DBAPIError)):  # the trigger's error, whichever way it is told
        store.cancel(service.store.engine, row_id, NOW)
    row = store.get(service.store.engine, row_id)
    assert row is not None and row.state is OutboxState.QUEUED  # one transaction: neither changed
    assert _status(service, ident) is TouchpointStatus.SCHEDULED


def test_sent_is_recorded_with_the_touchpoint_by_the_step_that_records_it(service: InterviewService) -> None:
    engine = service.store.engine
    ident = _interview(service)
    row_id = _queue(service, ident)
    later = NOW + timedelta(hours=2)
    claimed = store.claim_next(engine, "w", later, later + timedelta(minutes=10))
    assert claimed is not None and claimed.id == row_id and claimed.state is OutboxState.SENDING
    store.mark_data_started(engine, row_id, "w", later)
    assert store.finish(engine, row_id, "w", OutboxState.SENT, later)  # no on_sent callback anywhere
    tp = service.touchpoint(ident, "grace", Channel.EMAIL)
    assert tp.status is TouchpointStatus.SENT and tp.times[TouchpointStatus.SENT] == later


def test_unknown_settled_as_sent_moves_the_touchpoint_and_a_login_refusal_makes_it_editable(
    service: InterviewService,
) -> None:
    engine = service.store.engine
    ident = _interview(service)
    first = _queue(service, ident)
    later = NOW + timedelta(hours=2)
    assert store.claim_next(engine, "w", later, later + timedelta(minutes=10)) is not None
    store.mark_data_started(engine, first, "w", later)
    assert store.finish(engine, first, "w", OutboxState.UNKNOWN, later, detail="timed out")
    assert _status(service, ident) is TouchpointStatus.SCHEDULED
    outbox.resolve(engine, first, True, later)
    assert _status(service, ident) is TouchpointStatus.SENT

    second = _queue(service, ident, "daniel")
    assert store.withdraw(engine, [second], "not sent: 535 bad login", later) == [second]
    row = store.get(engine, second)
    assert row is not None and row.state is OutboxState.FAILED
    assert _status(service, ident, "daniel") is TouchpointStatus.EDITED


def test_a_reply_marks_the_touchpoint_in_the_step_that_records_it(service: InterviewService) -> None:
    engine = service.store.engine
    ident = _interview(service)
    row_id = _queue(service, ident)
    later = NOW + timedelta(hours=2)
    assert store.claim_next(engine, "w", later, later + timedelta(minutes=10)) is not None
    assert store.finish(engine, row_id, "w", OutboxState.SENT, later)
    with engine.begin() as conn:
        assert store.mark_replied_on(conn, row_id, "<reply@x>", later + timedelta(hours=3),
                                     received=later + timedelta(hours=1))
    tp = service.touchpoint(ident, "grace", Channel.EMAIL)
    assert tp.status is TouchpointStatus.REPLIED and tp.times[TouchpointStatus.REPLIED] == later + timedelta(hours=1)
