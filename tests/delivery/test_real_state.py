"""`due` and `show` tell the outbox's real state: an email that went `unknown` or `failed` is not "scheduled"."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from afterword.core.timeutil import iso
from tests.conftest import Result
from tests.delivery.journey import SUBJECTS, import_with_drafts

pytestmark = pytest.mark.imap


def _stuck_outbox(run_cli: Callable[..., Result], home: dict[str, Any]) -> tuple[int, dict[str, int]]:
    """Grace's email `unknown` (the line dropped during DATA), Daniel's `failed` (554), Hannah's queued."""
    ident = import_with_drafts(run_cli, home, subject_of=SUBJECTS)
    handler = home["smtp"].handler
    handler.drop_in_data = True
    grace = run_cli("send", str(ident), "--contact", "grace", "--force", "--json")
    handler.drop_in_data = False
    handler.data_reply = "554 5.6.0 message refused"
    daniel = run_cli("send", str(ident), "--contact", "daniel", "--force", "--json")
    handler.data_reply = None
    hannah = run_cli("send", str(ident), "--contact", "hannah", "--force", "--json",
                     "--at", iso(datetime.now(UTC) + timedelta(hours=3)))
    ids = {name: json.loads(result.out)["messages"][0]["id"]
           for name, result in (("grace", grace), ("daniel", daniel), ("hannah", hannah))}
    states = {m["contact"]: m["state"] for m in json.loads(run_cli("outbox", "--json").out)["messages"]}
    assert states == {"grace": "unknown", "daniel": "failed", "hannah": "queued"}
    return ident, ids


def test_due_shows_unknown_and_failed_emails_with_what_to_do(
    run_cli: Callable[..., Result], home: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "220")  # the table is not cut to fit a narrow terminal
    ident, ids = _stuck_outbox(run_cli, home)
    rows = json.loads(run_cli("due", "--json").out)["rows"]
    email = {r["contact"]: r for r in rows if r["channel"] == "email" and r["interview"] == ident}
    assert email["grace"]["outbox"] == {"id": ids["grace"], "state": "unknown", "error": email["grace"]["outbox"]["error"]}
    assert email["daniel"]["outbox"]["state"] == "failed" and "554" in email["daniel"]["outbox"]["error"]
    assert email["hannah"]["outbox"]["state"] == "queued"
    assert email["grace"]["status"] == "scheduled"  # the touchpoint's own status is unchanged (additive JSON)
    human = run_cli("due", "--limit", "100")
    assert human.code == 0
    assert f"unknown (message {ids['grace']})" in human.out
    assert f"failed (message {ids['daniel']})" in human.out
    assert "scheduled" in human.out  # Hannah's, which really waits for its time
    assert f"afterword outbox --resolve {ids['grace']} sent|not-sent" in human.err
    assert "Daniel" in human.err and "554" in human.err


def test_show_shows_the_outbox_state(
    run_cli: Callable[..., Result], home: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "220")
    ident, ids = _stuck_outbox(run_cli, home)
    shown = json.loads(run_cli("show", str(ident), "--json").out)
    email = {r["contact"]: r for r in shown["rows"] if r["channel"] == "email"}
    assert email["grace"]["outbox"]["state"] == "unknown"
    assert email["daniel"]["outbox"]["state"] == "failed"
    assert email["hannah"]["outbox"]["state"] == "queued"
    assert all(r["outbox"] is None for r in shown["rows"] if r["channel"] != "email")
    human = run_cli("show", str(ident))
    assert f"unknown (message {ids['grace']})" in human.out
    assert f"failed (message {ids['daniel']})" in human.out
