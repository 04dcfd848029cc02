"""Outcomes close the loop (issue 12, point 4), against a real aiosmtpd: an outcome cancels the pending
check-in in the same transaction, the worker never sends it, and a rejection offers a reply that keeps the
door open, composed and checked."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from tests.conftest import Result
from tests.delivery.test_check_ins import DUE, delivery, sent_grace

pytestmark = pytest.mark.imap


def test_an_outcome_stops_a_scheduled_check_in_and_the_worker_never_sends_it(
    run_cli: Callable[..., Result], home: dict[str, Any]
) -> None:
    ident, _ = sent_grace(run_cli, home)
    [pending] = json.loads(run_cli("checkin", "list", "--json").out)["check_ins"]
    assert pending["state"] == "pending"

    said = run_cli("outcome", str(ident), "rejected", "--date", "2026-12-14", "--now", "2026-12-14T09:00:00+00:00",
                   "--json")
    assert said.code == 0, said.err
    result = json.loads(said.out)
    assert result["outcome"] == "rejected" and result["date"] == "2026-12-14"
    assert result["cancelled_check_ins"] == ["Grace Whitfield"]
    reply = result["reply"]
    assert reply["to"] == "Grace Whitfield" and reply["address"] == "grace.whitfield@northwind.example"
    assert reply["language"] == "en" and "door" not in reply["subject"].lower()
    assert "Thank you for letting me know" in reply["body"] and "?" not in reply["body"]
    assert "hear from you" in reply["body"] and reply["body"].rstrip().endswith("https://www.linkedin.com/in/priyaraman")
    assert not [f for f in reply["findings"] if f["severity"] == "error"]
    assert not {"no-question", "no-fit"} & {f["code"] for f in reply["findings"]}

    [after] = json.loads(run_cli("checkin", "list", "--all", "--json").out)["check_ins"]
    assert after["state"] == "cancelled" and after["reason"] == "outcome: rejected"
    with delivery(home) as service:
        report = service.worker(clock=lambda: DUE + timedelta(minutes=1)).cycle()
    assert report.batch.sent == [] and len(home["smtp"].handler.received) == 1  # the follow-up only

    shown = run_cli("outcome", str(ident), "--ui-language", "nl")
    assert shown.code == 0 and "2026-12-14: afgewezen" in shown.out
    said_nl = run_cli("outcome", str(ident), "offer", "--date", "2026-12-20", "--ui-language", "nl")
    assert said_nl.out.startswith("uitkomst: aanbod op 2026-12-20") and "check-in" not in said_nl.out
