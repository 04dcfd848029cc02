"""A stateful property test of the outbox steps: any interleaving of claims, DATA, finishes, crashes and
recoveries by several workers never hands a message to the server twice, and never puts a message that
may have been handed over back in the queue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from sqlalchemy import create_engine

import afterword.store.outbox as store
from afterword.store.tables import metadata

NOW = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)
WORKERS = ("w0", "w1", "w2")


class Outbox(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.engine = create_engine("sqlite://")
        metadata.create_all(self.engine)
        messages = [store.NewMessage(f"<{n}@example.org>", "a@example.org", ((f"p{n}@example.nl", None, False),),
                                     "s", "b", NOW) for n in range(4)]
        self.ids = store.queue_messages(self.engine, messages, NOW)
        self.handed_over = dict.fromkeys(self.ids, 0)  # how often the server got DATA for a message
        self.holding: dict[str, tuple[int, str]] = {}  # worker identity -> (row, claimed | data)
        self.generation = dict.fromkeys(WORKERS, 0)
        self.dead: set[str] = set()
        self.clock = NOW

    def identity(self, worker: str) -> str:
        return f"{worker}-{self.generation[worker]}"

    @rule(worker=st.sampled_from(WORKERS))
    def claim(self, worker: str) -> None:
        me = self.identity(worker)
        if me in self.holding:
            return
        row = store.claim_next(self.engine, me, self.clock, self.clock + timedelta(minutes=10))
        if row is not None:
            self.holding[me] = (row.id, "claimed")

    @rule(worker=st.sampled_from(WORKERS))
    def start_data(self, worker: str) -> None:
        me = self.identity(worker)
        held = self.holding.get(me)
        if held is None or held[1] != "claimed":
            return
        try:
            store.mark_data_started(self.engine, held[0], me, self.clock)
        except store.LostClaimError:
            del self.holding[me]
            return
        self.handed_over[held[0]] += 1  # worst case: the server takes every message whose DATA began
        self.holding[me] = (held[0], "data")

    @rule(worker=st.sampled_from(WORKERS), outcome=st.sampled_from(["sent", "unknown", "queued", "failed"]))
    def finish(self, worker: str, outcome: str) -> None:
        me = self.identity(worker)
        held = self.holding.pop(me, None)
        if held is None:
            return
        row_id, phase = held
        if phase == "claimed" and outcome in ("sent", "unknown"):
            outcome = "queued"  # before DATA the only honest outcomes are retry or failed
        if phase == "data" and outcome in ("queued", "failed"):
            outcome = "unknown"  # after DATA began without an answer, nothing else is honest
        store.finish(self.engine, row_id, me, outcome, self.clock, retry_at=self.clock)

    @rule(worker=st.sampled_from(WORKERS))
    def crash(self, worker: str) -> None:
        me = self.identity(worker)
        self.holding.pop(me, None)
        self.dead.add(me)
        self.generation[worker] += 1

    @rule(minutes=st.sampled_from([0, 5, 11]))
    def recover(self, minutes: int) -> None:
        self.clock += timedelta(minutes=minutes)
        store.recover(self.engine, self.clock, lambda claimed_by: claimed_by in self.dead)
        # A live worker whose lease ran out lost its claim; it learns so at its next step.

    @invariant()
    def never_twice_and_never_requeued_after_data(self) -> None:
        rows = {r.id: r for r in store.list_messages(self.engine)}
        for row_id, count in self.handed_over.items():
            assert count <= 1, f"message {row_id} was handed to the server {count} times"
            if count:
                assert rows[row_id].state in ("sending", "sent", "unknown"), rows[row_id].state
            if rows[row_id].state == "unknown":
                assert count == 1, "unknown only for a message that was really in flight"

    def teardown(self) -> None:
        self.engine.dispose()


TestOutboxModel = Outbox.TestCase
TestOutboxModel.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
