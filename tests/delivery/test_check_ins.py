"""Check-ins that wait for silence, against a real aiosmtpd and Dovecot: stored when the follow-up goes,
sent once by the worker after their time, cancelled by a reply (threaded or not), edited, sent early, dropped."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from afterword.delivery.mime import Outgoing, make_message_id, parse_mailbox
from tests.conftest import Result
from tests.delivery.dovecot import IMAP_PASSWORD, IMAP_USER
from tests.delivery.journey import SUBJECTS, import_with_drafts

pytestmark = pytest.mark.imap

#: "Decision by 11 December" (Friday) + three working days, 10:00 in London.
DUE = datetime(2026, 12, 16, 10, 0, tzinfo=UTC)


@contextmanager
def delivery(home: dict[str, Any]) -> Iterator[Any]:
    from afterword.service.delivery import DeliveryService
    from afterword.service.interviews import open_service

    interviews = open_service(f"sqlite:///{home['dir'] / 'afterword.db'}")
    try:
        yield DeliveryService(interviews)
    finally:
        interviews.close()


def deliver(home: dict[str, Any], *messages: Outgoing) -> None:
    from imap_tools import MailBoxUnencrypted

    with MailBoxUnencrypted("127.0.0.1", home["imap"].port).login_utf8(IMAP_USER, IMAP_PASSWORD) as box:
        for m in messages:
            box.append(m.as_bytes(datetime.now(UTC)), "INBOX", dt=datetime.now(UTC))


def sent_grace(run_cli: Callable[..., Result], home: dict[str, Any]) -> tuple[int, str]:
    ident = import_with_drafts(run_cli, home, subject_of={"grace": SUBJECTS["grace"], "daniel": SUBJECTS["daniel"]})
    sent = run_cli("send", str(ident), "--contact", "grace", "--force", "--json")
    assert sent.code == 0, sent.err
    return ident, json.loads(sent.out)["messages"][0]["message_id"]


def test_a_check_in_is_stored_when_the_follow_up_goes_and_sent_once_after_its_time(
    run_cli: Callable[..., Result], home: dict[str, Any]
) -> None:
    ident, follow_up = sent_grace(run_cli, home)
    shown = json.loads(run_cli("show", str(ident), "--json").out)
    [check_in] = shown["check_ins"]
    assert check_in["contact"] == "grace" and check_in["state"] == "pending"
    assert check_in["due_at"] == "2026-12-16T10:00:00+00:00" and check_in["waits_for"] == "2026-12-11"
    assert check_in["subject"] and "Grace" in check_in["body"]
    assert "late" not in {f["code"] for f in check_in["findings"]}
    assert [c["id"] for c in json.loads(run_cli("due", "--json").out)["check_ins"]] == [check_in["id"]]
    assert "check-in" in run_cli("show", str(ident)).out
    # Daniel got no email: no check-in for him.
    assert {c["contact"] for c in json.loads(run_cli("checkin", "list", "--json").out)["check_ins"]} == {"grace"}

    with delivery(home) as service:
        before = service.worker(clock=lambda: DUE - timedelta(minutes=5)).cycle()
        assert before.batch.sent == [] and len(home["smtp"].handler.received) == 1
        report = service.worker(clock=lambda: DUE + timedelta(minutes=1)).cycle()
        assert "check-ins: 1 check-in(s) queued" in report.notes, report
        assert len(report.batch.sent) == 1
        again = service.worker(clock=lambda: DUE + timedelta(hours=2)).cycle()
        assert again.batch.sent == []
    _, second = home["smtp"].handler.received
    assert second.message["To"].addresses[0].addr_spec == "grace.whitfield@northwind.example"
    assert second.message["In-Reply-To"] == follow_up  # in the thread of the follow-up
    assert second.message["Subject"] == check_in["subject"]
    [after] = json.loads(run_cli("checkin", "list", "--all", "--json").out)["check_ins"]
    assert after["state"] == "sent" and after["sent_at"]
    assert json.loads(run_cli("due", "--json").out)["check_ins"] == []


def test_a_threaded_reply_cancels_the_check_in_in_the_same_pass_and_says_so(
    run_cli: Callable[..., Result], home: dict[str, Any]
) -> None:
    ident, follow_up = sent_grace(run_cli, home)
    deliver(home, Outgoing(parse_mailbox("Grace Whitfield <grace.whitfield@northwind.example>", "from"),
                           (parse_mailbox("priya.raman@example.org", "to"),), "Re: " + SUBJECTS["grace"],
                           "Thank you, we will be in touch.\n", make_message_id("northwind.example"),
                           in_reply_to=follow_up, references=(follow_up,)))
    with delivery(home) as service:
        report = service.worker(clock=lambda: DUE + timedelta(minutes=1)).cycle()
    assert "Grace Whitfield replied: 1 check-in(s) cancelled" in report.notes[0]
    assert report.batch.sent == [] and len(home["smtp"].handler.received) == 1  # only the follow-up
    [closed] = json.loads(run_cli("checkin", "list", "--all", "--json").out)["check_ins"]
    assert closed["state"] == "cancelled" and closed["reason"].startswith("they replied")
    shown = json.loads(run_cli("show", str(ident), "--json").out)
    assert {tp["channel"]: tp["status"] for tp in shown["touchpoints"] if tp["contact"] == "grace"}["email"] \
        == "replied"


def test_replies_command_says_which_check_ins_a_message_in_a_new_thread_cancelled(
    run_cli: Callable[..., Result], home: dict[str, Any]
) -> None:
    sent_grace(run_cli, home)
    # Grace writes back from her address in a new thread (not a reply to the follow-up's subject).
    deliver(home, Outgoing(parse_mailbox("grace.whitfield@northwind.example", "from"),
                           (parse_mailbox("priya.raman@example.org", "to"),), "Second interview",
                           "Could you come in on Tuesday?\n", make_message_id("northwind.example")))
    result = run_cli("replies", "--json")
    assert result.code == 0, result.err
    found = json.loads(result.out)
    assert found["replies"] == []  # not a reply to that message ...
    [stopped] = found["check_ins_cancelled"]  # ... but she wrote: the check-in must not go
    assert stopped["contact"] == "grace" and stopped["count"] == 1
    [closed] = json.loads(run_cli("checkin", "list", "--all", "--json").out)["check_ins"]
    assert closed["state"] == "cancelled" and closed["reason"].startswith("they wrote")
    assert json.loads(run_cli("replies", "--json").out)["check_ins_cancelled"] == []  # said once


def test_edit_send_early_and_drop_from_the_cli(run_cli: Callable[..., Result], home: dict[str, Any],
                                               tmp_path: Any) -> None:
    ident, _ = sent_grace(run_cli, home)
    [pending] = json.loads(run_cli("checkin", "list", str(ident), "--json").out)["check_ins"]
    text = tmp_path / "body.txt"
    text.write_text("Dear Grace,\n\nI am still keen on the role and would be glad to hear how things stand.\n\n"
                    "Kind regards,\nPriya Raman\n", encoding="utf-8")
    stale = run_cli("checkin", "edit", str(pending["id"]), "--body-file", str(text), "--version", "99")
    assert stale.code == 2 and "changed elsewhere" in stale.err
    edited = run_cli("checkin", "edit", str(pending["id"]), "--subject", "Checking in on the intake role",
                     "--body-file", str(text), "--version", str(pending["version"]), "--json")
    assert edited.code in (0, 1), edited.err
    view = json.loads(edited.out)
    assert view["subject"] == "Checking in on the intake role" and view["version"] == pending["version"] + 1
    assert view["body"].startswith("Dear Grace")
    early = run_cli("checkin", "send", str(pending["id"]), "--force", "--json")
    assert early.code == 0, early.err
    assert json.loads(early.out)["state"] == "sent"
    got = home["smtp"].handler.received[-1]
    assert got.message["Subject"] == "Checking in on the intake role"
    twice = run_cli("checkin", "send", str(pending["id"]))
    assert twice.code == 2 and "only a pending one" in twice.err
    gone = run_cli("checkin", "drop", str(pending["id"]))
    assert gone.code == 2 and "can no longer be dropped" in gone.err
    assert run_cli("checkin", "drop", "12345").code == 2


def test_a_dropped_check_in_is_never_sent(run_cli: Callable[..., Result], home: dict[str, Any]) -> None:
    sent_grace(run_cli, home)
    [pending] = json.loads(run_cli("checkin", "list", "--json").out)["check_ins"]
    dropped = run_cli("checkin", "drop", str(pending["id"]), "--json")
    assert dropped.code == 0 and json.loads(dropped.out)["state"] == "dropped"
    with delivery(home) as service:
        assert service.worker(clock=lambda: DUE + timedelta(days=1)).cycle().batch.sent == []
    assert len(home["smtp"].handler.received) == 1
    assert json.loads(run_cli("checkin", "list", "--json").out)["check_ins"] == []
