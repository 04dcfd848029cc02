"""The read use cases of `list`, `due` and `show`, on the quickest path the database allows.

    reads = open_reads(url)      # a SQLite file at the current schema: the standard library's sqlite3
    rows = reads.due(now)        # anything else: the InterviewService (SQLAlchemy), same answers
    reads.close()

A read command spends more time importing SQLAlchemy than doing its work, so a SQLite database that
needs nothing written first (it exists and is migrated) is read without it (`store.quick`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from afterword.core.model import Channel, Interview, TouchpointStatus
from afterword.plan import make_plan
from afterword.store.peek import LOCAL_OWNER
from afterword.store.quick import QuickStore, quick_path
from afterword.store.records import DueRow, InterviewSummary, OutboxEntry, Touchpoint

if TYPE_CHECKING:
    from afterword.service.checkins import CheckInView


class InterviewReads(Protocol):
    """What the read commands ask of a database (`InterviewService` answers it too)."""

    def list_interviews(self, now: datetime, *, limit: int | None = None,
                        offset: int = 0) -> list[InterviewSummary]: ...

    def iter_interviews(self, now: datetime, *, batch: int = 500) -> Iterator[InterviewSummary]: ...

    def count_interviews(self) -> int: ...

    def get_interview(self, interview_id: int) -> tuple[Interview, tuple[Touchpoint, ...]]: ...

    def outbox_states(self, interview_ids: Iterable[int]) -> dict[tuple[int, str], OutboxEntry]: ...

    def due(self, now: datetime, limit: int | None = 50) -> list[DueRow]: ...

    def close(self) -> None: ...


def pages(fetch: Callable[[int, int], list[InterviewSummary]], batch: int) -> Iterator[InterviewSummary]:
    """Every row `fetch(limit, offset)` gives, `batch` at a time, until a page comes back short."""
    offset = 0
    while True:
        rows = fetch(batch, offset)
        yield from rows
        if len(rows) < batch:
            return
        offset += batch


def open_reads(url: str | None = None, *, owner: str = LOCAL_OWNER) -> InterviewReads:
    """The reads of `owner` in the database at `url` (None: the default one): straight from a SQLite
    file that exists at the current schema, else through the store (which creates or migrates it first)."""
    path = quick_path(url)
    if path is not None:
        return QuickReads(QuickStore(path, owner))
    from afterword.service.interviews import open_service

    return open_service(url, owner=owner)


class QuickReads:
    """`InterviewReads` on a SQLite file through the standard library; one read transaction per call."""

    def __init__(self, store: QuickStore) -> None:
        self.store = store

    def close(self) -> None:
        self.store.close()

    def list_interviews(self, now: datetime, *, limit: int | None = None, offset: int = 0) -> list[InterviewSummary]:
        with self.store.read() as repo:
            return repo.summaries(now, limit=limit, offset=offset)

    def iter_interviews(self, now: datetime, *, batch: int = 500) -> Iterator[InterviewSummary]:
        with self.store.read() as repo:
            yield from pages(lambda limit, offset: repo.summaries(now, limit=limit, offset=offset), batch)

    def count_interviews(self) -> int:
        with self.store.read() as repo:
            return repo.count()

    def get_interview(self, interview_id: int) -> tuple[Interview, tuple[Touchpoint, ...]]:
        with self.store.read() as repo:
            interview = repo.load_interview(interview_id)
            return interview, tuple(repo.touchpoints([interview_id]))

    def outbox_states(self, interview_ids: Iterable[int]) -> dict[tuple[int, str], OutboxEntry]:
        with self.store.read() as repo:
            return repo.latest_follow_ups(tuple(interview_ids))

    def due(self, now: datetime, limit: int | None = 50) -> list[DueRow]:
        with self.store.read() as repo:
            ids = repo.open_interview_ids(limit)
            loaded = repo.load_many(ids)
            statuses = repo.statuses(ids)
        return owed_rows(ids, loaded, statuses, now, limit, self.outbox_states)


def owed_rows(ids: Sequence[int], loaded: Mapping[int, Interview],
              statuses: Mapping[int, Mapping[tuple[str, Channel], TouchpointStatus]], now: datetime,
              limit: int | None,
              outbox_states: Callable[[Iterable[int]], dict[tuple[int, str], OutboxEntry]]) -> list[DueRow]:
    """The rows of `due` from the open interviews (earliest deadline first), their statuses and the outbox.

    A row is a contact on a channel with an address whose contact has not been reached yet (nothing sent,
    replied or skipped on any channel); a scheduled email carries its outbox message's state."""
    rows: list[DueRow] = []
    for interview_id in ids:
        if limit is not None and len(rows) >= limit:
            break  # later interviews have later deadlines: nothing below would make the cut
        interview = loaded[interview_id]
        own = statuses[interview_id]
        plan = make_plan(interview, now, dict(own))
        reached = {key for (key, _), status in own.items() if status.is_done}
        for row in plan.rows:
            if row.channel is None or not row.owed or row.contact.id in reached:
                continue
            rows.append(DueRow(
                interview_id=interview_id, company=interview.company, role=interview.role,
                contact=row.contact.id, name=row.contact.name, channel=row.channel, address=row.address,
                status=row.status, deadline=row.deadline, remaining=row.remaining,
                language=interview.language_of(row.contact),
            ))
    rows = rows[:limit] if limit is not None else rows
    scheduled = {r.interview_id for r in rows if r.channel is Channel.EMAIL and r.status is TouchpointStatus.SCHEDULED}
    states = outbox_states(scheduled)
    return [dataclasses.replace(r, outbox=states.get((r.interview_id, r.contact)))
            if r.channel is Channel.EMAIL else r for r in rows]


#: The check-in states still to come (store.checkins.OPEN, without loading the store).
OPEN_CHECK_INS = ("pending", "queued")


def check_in_views(reads: InterviewReads, url: str | None, *, interview_ids: Sequence[int] | None = None,
                   states: Sequence[str] = ()) -> list[CheckInView]:
    """The check-ins `show` and `due` print. On the quick path the standard library first asks whether there
    are any; only then is the store opened (check-ins are rare next to touchpoints, and `list` never needs them)."""
    if isinstance(reads, QuickReads) and not reads.store.has_check_ins(interview_ids, states):
        return []  # nothing to show: SQLAlchemy stays unloaded
    from afterword.service.checkins import CheckIns
    from afterword.service.interviews import InterviewService, open_service

    if isinstance(reads, InterviewService):
        return CheckIns(reads).views(interview_ids=interview_ids, states=states)
    assert isinstance(reads, QuickReads)
    service = open_service(url, owner=reads.store.owner)
    try:
        return CheckIns(service).views(interview_ids=interview_ids, states=states)
    finally:
        service.close()
