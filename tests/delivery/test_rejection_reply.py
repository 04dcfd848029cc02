"""The reply to a rejection as a touchpoint of its own (issue 12, point 4), through the real CLI against a real
aiosmtpd: addressed to who brought the news (or the recruiter, the hiring manager, the host), stored once,
shown, edited, sent once by `send --rejection-reply` or by the worker, dropped."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Result
from tests.delivery.test_check_ins import delivery

pytestmark = pytest.mark.imap

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-12-14T09:00:00+00:00"
RECRUITER = '''
[[contacts]]
id = "sofia"
name = "Sofia Brandt"
title = "Talent Acquisition Partner"
role = "recruiter"
met = "phone screen"
email = "sofia.brandt@northwind.example"
'''


def _import(run_cli: Callable[..., Result], path: Path) -> str:
    result = run_cli("import", str(path))
    assert result.code == 0, result.err
    return result.out.split()[-1]


def _northwind_with_recruiter(home: dict[str, Any]) -> Path:
    text = (ROOT / "examples" / "northwind-panel.toml").read_text()
    first_need = text.index("[[needs]]")
    path: Path = home["dir"] / "northwind.toml"
    path.write_text(text[:first_need] + RECRUITER.lstrip() + "\n" + text[first_need:])
    return path


def _rows(home: dict[str, Any]) -> list[tuple[int, str, str]]:
    with sqlite3.connect(home["dir"] / "afterword.db") as conn:
        return conn.execute("SELECT interview_id, contact_key, state FROM rejection_replies ORDER BY id").fetchall()


def test_a_rejection_stores_one_reply_to_the_recruiter_and_send_delivers_it_once(
    run_cli: Callable[..., Result], home: dict[str, Any]
) -> None:
    ident = _import(run_cli, _northwind_with_recruiter(home))
    said = run_cli("outcome", ident, "rejected", "--date", "2026-12-14", "--now", NOW, "--json")
    assert said.code == 0, said.err
    reply = json.loads(said.out)["reply"]
    # Nobody named who brought the news: the recruiter did, not the host (Grace, the hiring manager).
    assert (reply["contact"], reply["to"], reply["address"]) == ("sofia", "Sofia Brandt",
                                                                  "sofia.brandt@northwind.example")
    assert reply["state"] == "pending" and reply["new"] is True and reply["language"] == "en"
    assert "Sofia" in reply["body"] and "Thank you for letting me know" in reply["body"]

    # Setting it again keeps the one stored: no second reply.
    again = json.loads(run_cli("outcome", ident, "rejected", "--date", "2026-12-14", "--now", NOW, "--json").out)
    assert again["reply"]["id"] == reply["id"] and again["reply"]["new"] is False
    assert _rows(home) == [(int(ident), "sofia", "pending")]
    human = run_cli("outcome", ident, "rejected", "--date", "2026-12-14", "--now", NOW)
    assert "already stored; no second one was made" in human.out
    assert "Reply to the rejection, to Sofia Brandt <sofia.brandt@northwind.example> [waits for you]" in human.out

    # show: the reply and its place on the timeline.
    shown = json.loads(run_cli("show", ident, "--json", "--now", NOW).out)
    assert shown["rejection_reply"]["id"] == reply["id"] and shown["rejection_reply"]["state"] == "pending"
    kinds = [e["kind"] for e in shown["timeline"] if e["kind"].startswith("rejection-reply")]
    assert kinds == ["rejection-reply-drafted"]
    assert "Reply to the rejection, to Sofia Brandt" in run_cli("show", ident, "--now", NOW).out

    # Edited, then sent through `send`: once, to Sofia, with the edited subject.
    edited = run_cli("outcome", ident, "--reply-subject", "Thank you, Sofia", "--json")
    assert edited.code == 0, edited.err
    assert json.loads(edited.out)["reply"]["subject"] == "Thank you, Sofia"
    sent = run_cli("send", ident, "--rejection-reply", "--json")  # the real clock: the server's is real too
    assert sent.code == 0, sent.err
    [row] = json.loads(sent.out)["messages"]
    assert row["state"] == "sent" and row["to"] == ["sofia.brandt@northwind.example"]
    [got] = home["smtp"].handler.received
    assert got.recipients == ["sofia.brandt@northwind.example"] and got.message["Subject"] == "Thank you, Sofia"
    assert "Thank you for letting me know" in got.message.get_content()
    assert _rows(home) == [(int(ident), "sofia", "sent")]

    # Exactly once: a second send, an edit and a drop are refused; the follow-ups were never touched.
    twice = run_cli("send", ident, "--rejection-reply")
    assert twice.code == 2 and twice.err.splitlines()[-1] == (
        f"afterword: error: ID: the reply to the rejection in interview {ident} is sent; only a pending one can be sent")
    assert run_cli("outcome", ident, "--drop-reply").code == 2
    assert run_cli("outcome", ident, "--reply-subject", "Again").code == 2
    assert len(home["smtp"].handler.received) == 1
    after = json.loads(run_cli("show", ident, "--json", "--now", NOW).out)
    assert after["rejection_reply"]["state"] == "sent"
    assert [e["kind"] for e in after["timeline"] if e["kind"].startswith("rejection-reply")] == [
        "rejection-reply-sent"]
    assert {r["status"] for r in after["rows"] if r["channel"] == "email"} != {"sent"}


def test_the_reply_goes_to_who_brought_the_news_in_their_language_and_the_worker_sends_it(
    run_cli: Callable[..., Result], home: dict[str, Any]
) -> None:
    ident = _import(run_cli, ROOT / "examples" / "rijnland-gesprek.toml")
    # Fatima has no email address: the reply cannot go to her; one line, exit 2, nothing stored.
    refused = run_cli("outcome", ident, "rejected", "--from", "fatima", "--now", NOW)
    assert refused.code == 2 and "--from" in refused.err and len(refused.err.strip().splitlines()) == 1
    assert _rows(home) == []
    assert run_cli("outcome", ident, "rejected", "--from", "nobody", "--now", NOW).code == 2

    said = json.loads(run_cli("outcome", ident, "rejected", "--from", "anneke", "--now", NOW, "--json").out)
    reply = said["reply"]
    assert said["from"] == "anneke" and reply["contact"] == "anneke" and reply["language"] == "nl"
    body = f" {reply['body']} "
    assert " u " in body and " je " not in body and " jou " not in body  # Anneke, the director: u
    # Named again as coming from Joost while still pending: the one reply is re-addressed (je), not doubled.
    joost = json.loads(run_cli("outcome", ident, "rejected", "--from", "joost", "--now", NOW, "--json").out)["reply"]
    assert joost["id"] == reply["id"] and joost["contact"] == "joost" and joost["new"] is False
    assert _rows(home) == [(int(ident), "joost", "pending")]
    dutch = run_cli("outcome", ident, "--ui-language", "nl")
    assert "Antwoord op de afwijzing, aan Joost Verbeek <j.verbeek@rijnland.example> [wacht op jou]" in dutch.out

    # Scheduled through the same send flow; the worker sends it when its time has come.
    at = datetime.now(UTC) + timedelta(hours=2)
    queued = run_cli("send", ident, "--rejection-reply", "--at", at.isoformat())
    assert queued.code == 0 and "scheduled" in queued.out, queued.err
    assert _rows(home) == [(int(ident), "joost", "queued")]
    with delivery(home) as service:
        early = service.worker(clock=lambda: at - timedelta(minutes=5)).cycle()
        assert early.batch.sent == [] and home["smtp"].handler.received == []
        report = service.worker(clock=lambda: at + timedelta(minutes=1)).cycle()
        assert len(report.batch.sent) == 1
        service.worker(clock=lambda: at + timedelta(minutes=2)).cycle()
    [got] = home["smtp"].handler.received
    assert got.recipients == ["j.verbeek@rijnland.example"]
    assert _rows(home) == [(int(ident), "joost", "sent")]


def test_a_reply_can_be_dropped_and_then_never_goes(run_cli: Callable[..., Result], home: dict[str, Any]) -> None:
    ident = _import(run_cli, ROOT / "examples" / "northwind-panel.toml")
    reply = json.loads(run_cli("outcome", ident, "rejected", "--now", NOW, "--json").out)["reply"]
    assert reply["contact"] == "grace"  # no recruiter: the hiring manager
    dropped = run_cli("outcome", ident, "--drop-reply", "--json")
    assert dropped.code == 0 and json.loads(dropped.out)["reply"]["state"] == "dropped"
    refused = run_cli("send", ident, "--rejection-reply")
    assert refused.code == 2 and "dropped" in refused.err
    # Setting rejected again does not bring back a reply the user dropped.
    again = json.loads(run_cli("outcome", ident, "rejected", "--now", NOW, "--json").out)["reply"]
    assert again["state"] == "dropped" and _rows(home) == [(int(ident), "grace", "dropped")]
    assert home["smtp"].handler.received == []
