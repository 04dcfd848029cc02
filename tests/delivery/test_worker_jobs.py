"""The worker's side jobs against real servers: settle `unknown` from the Sent folder, the reminder email
to self (once), and the check-in proposal once the decision date passed without a reply."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from afterword.core.timeutil import iso
from tests.conftest import Result
from tests.delivery.dovecot import IMAP_PASSWORD, IMAP_USER
from tests.delivery.journey import NOTES, SUBJECTS, import_with_drafts, status

pytestmark = pytest.mark.imap


def _sent_folder(home: dict[str, Any], message_id: str) -> int:
    from imap_tools import AND, H, MailBoxUnencrypted

    with MailBoxUnencrypted("127.0.0.1", home["imap"].port).login_utf8(IMAP_USER, IMAP_PASSWORD) as box:
        box.folder.set("Sent")
        return len(box.uids(AND(header=H("Message-ID", message_id))))


def test_unknown_is_settled_from_the_providers_copy(run_cli: Callable[..., Result], home: dict[str, Any]) -> None:
    """save_sent = false: the provider files what it takes (Gmail, Exchange); Afterword settles by that copy."""
    config = home["dir"] / "config.toml"
    config.write_text(config.read_text().replace("[imap]\n", "[imap]\nsave_sent = false\n"))
    ident = import_with_drafts(run_cli, home, subject_of={"grace": SUBJECTS["grace"]})
    home["smtp"].handler.drop_in_data = True
    sent = run_cli("send", str(ident), "--contact", "grace", "--force", "--json")
    assert sent.code == 1
    [row] = json.loads(sent.out)["messages"]
    assert row["state"] == "unknown"
    assert status(home, ident, "grace") == "scheduled"
    # Nothing in Sent yet: the worker leaves it unknown (and never sends it again).
    home["smtp"].handler.drop_in_data = False
    assert _sent_folder(home, row["message_id"]) == 0
    assert run_cli("worker", "--once").code == 0
    assert json.loads(run_cli("outbox", "--json").out)["messages"][0]["state"] == "unknown"
    assert home["smtp"].handler.received == []
    # The provider did keep a copy in Sent: the worker settles it.
    from imap_tools import MailBoxUnencrypted

    from afterword.delivery.mime import Outgoing, parse_mailbox

    copy = Outgoing(parse_mailbox("priya.raman@example.org", "from"),
                    (parse_mailbox("grace.whitfield@northwind.example", "to"),), SUBJECTS["grace"], "x\n",
                    row["message_id"])
    with MailBoxUnencrypted("127.0.0.1", home["imap"].port).login_utf8(IMAP_USER, IMAP_PASSWORD) as box:
        box.append(copy.as_bytes(datetime.now(UTC)), "Sent")
    worked = run_cli("worker", "--once")
    assert "1 unknown message(s) found in Sent" in worked.out
    settled = json.loads(run_cli("outbox", "--json").out)["messages"][0]
    assert settled["state"] == "sent"
    assert status(home, ident, "grace") == "sent"
    assert home["smtp"].handler.received == []


def test_unknown_settles_with_save_sent(run_cli: Callable[..., Result], home: dict[str, Any]) -> None:
    """save_sent = true (the default; the provider keeps no copy): Afterword files its copy in Sent before
    DATA, so a message whose outcome is unknown settles by its Message-ID too (issue 15, point 5). Before,
    the copy came only after the server's 250, and an unknown message could never settle."""
    ident = import_with_drafts(run_cli, home, subject_of={"grace": SUBJECTS["grace"]})
    home["smtp"].handler.drop_in_data = True
    sent = run_cli("send", str(ident), "--contact", "grace", "--force", "--json")
    [row] = json.loads(sent.out)["messages"]
    assert row["state"] == "unknown"
    home["smtp"].handler.drop_in_data = False
    assert _sent_folder(home, row["message_id"]) == 1
    worked = run_cli("worker", "--once")
    assert "1 unknown message(s) found in Sent" in worked.out
    assert json.loads(run_cli("outbox", "--json").out)["messages"][0]["state"] == "sent"
    assert status(home, ident, "grace") == "sent"
    assert home["smtp"].handler.received == []  # settled, never sent again
    assert _sent_folder(home, row["message_id"]) == 1


def test_save_sent_files_one_copy_and_none_of_a_refused_message(run_cli: Callable[..., Result],
                                                                 home: dict[str, Any]) -> None:
    ident = import_with_drafts(run_cli, home, subject_of={"grace": SUBJECTS["grace"]})
    home["smtp"].handler.data_reply = "554 5.7.1 message refused"
    refused = run_cli("send", str(ident), "--contact", "grace", "--force", "--json")
    [row] = json.loads(refused.out)["messages"]
    assert row["state"] == "failed"
    assert _sent_folder(home, row["message_id"]) == 0  # filed before DATA, taken out after the refusal
    home["smtp"].handler.data_reply = None
    sent = run_cli("send", str(ident), "--contact", "grace", "--force", "--json")
    assert sent.code == 0, sent.err
    [again] = json.loads(sent.out)["messages"]
    assert again["state"] == "sent"
    assert _sent_folder(home, again["message_id"]) == 1  # once, not again after the 250


def test_user_resolves_unknown(run_cli: Callable[..., Result], home: dict[str, Any]) -> None:
    ident = import_with_drafts(run_cli, home, subject_of={"grace": SUBJECTS["grace"]})
    home["smtp"].handler.drop_in_data = True
    message_id = json.loads(run_cli("send", str(ident), "--contact", "grace", "--force", "--json").out)[
        "messages"][0]["id"]
    home["smtp"].handler.drop_in_data = False
    bad = run_cli("outbox", "--resolve", str(message_id), "perhaps")
    assert bad.code == 2 and "sent or not-sent" in bad.err
    again = run_cli("outbox", "--resolve", str(message_id), "not-sent")
    assert again.code == 0 and "queued" in again.out
    assert run_cli("worker", "--once").code == 0
    assert len(home["smtp"].handler.received) == 1
    assert status(home, ident, "grace") == "sent"
    twice = run_cli("outbox", "--resolve", str(message_id), "sent")
    assert twice.code == 2 and "not unknown" in twice.err


def test_reminder_email_to_self_is_sent_once(run_cli: Callable[..., Result], home: dict[str, Any]) -> None:
    from afterword.core.notes import load_notes
    from afterword.service.delivery import DeliveryService
    from afterword.service.interviews import open_service

    config = home["dir"] / "config.toml"
    config.write_text(config.read_text() + "\n[reminders]\nemail_to_self = true\n")
    import_with_drafts(run_cli, home, subject_of={})
    deadline = load_notes(str(NOTES)).deadline
    interviews = open_service(f"sqlite:///{home['dir'] / 'afterword.db'}")
    try:
        service = DeliveryService(interviews)
        early = service.worker(clock=lambda: deadline - timedelta(hours=6), replies=False)
        early.cycle()
        assert home["smtp"].handler.received == []
        now = deadline - timedelta(hours=3)
        report = service.worker(clock=lambda: now, replies=False).cycle()
        assert "reminders: 1 reminder email(s) queued" in report.notes
        assert len(report.batch.sent) == 1
        assert service.worker(clock=lambda: now + timedelta(minutes=30), replies=False).cycle().batch.sent == []
    finally:
        interviews.close()
    [got] = home["smtp"].handler.received
    assert got.recipients == ["priya.raman@example.org"]
    assert "still owed" in got.message["Subject"] and "3 h" in got.message["Subject"]
    body = got.message.get_body(("plain",))
    assert body is not None and "Grace Whitfield" in body.get_content()


def test_check_in_proposed_after_the_decision_date(run_cli: Callable[..., Result], home: dict[str, Any]) -> None:
    ident = import_with_drafts(run_cli, home, subject_of={"grace": SUBJECTS["grace"]})
    assert run_cli("send", str(ident), "--contact", "grace", "--force").code == 0
    before = json.loads(run_cli("replies", "--now", "2026-12-11T12:00:00+00:00", "--json").out)
    assert before["check_ins"] == []
    after = json.loads(run_cli("replies", "--now", iso(datetime(2026, 12, 12, 9, 0, tzinfo=UTC)), "--json").out)
    [proposal] = after["check_ins"]
    assert proposal["contact"] == "grace" and proposal["decision_date"] == "2026-12-11"
    assert proposal["subject"] and "Grace" in proposal["body"]
    # The checker ran on it (its findings are the composer's business; `late` does not apply to a check-in).
    assert isinstance(proposal["findings"], list)
    assert "late" not in {f["code"] for f in proposal["findings"]}


def test_an_email_that_may_not_have_gone_out_is_told_by_email_to_self_once(
    run_cli: Callable[..., Result], home: dict[str, Any]
) -> None:
    config = home["dir"] / "config.toml"
    # No copy in Sent to settle it by (the provider keeps none, Afterword files none): it stays unknown.
    config.write_text(config.read_text().replace("[imap]\n", "[imap]\nsave_sent = false\n")
                      + "\n[reminders]\nemail_to_self = true\n")
    ident = import_with_drafts(run_cli, home, subject_of={"grace": SUBJECTS["grace"]})
    home["smtp"].handler.drop_in_data = True
    message_id = json.loads(run_cli("send", str(ident), "--contact", "grace", "--force", "--json").out)[
        "messages"][0]["id"]
    home["smtp"].handler.drop_in_data = False
    worked = run_cli("worker", "--once")
    assert worked.code == 0, worked.err
    assert "stuck emails: 1 email(s) to self" in worked.out
    [notice] = home["smtp"].handler.received
    assert notice.recipients == ["priya.raman@example.org"]
    assert "Grace Whitfield" in notice.message["Subject"] and "go out" in notice.message["Subject"]
    body = notice.message.get_body(("plain",))
    assert body is not None and f"afterword outbox --resolve {message_id} sent|not-sent" in body.get_content()
    assert run_cli("worker", "--once").code == 0
    assert len(home["smtp"].handler.received) == 1  # told once, not every pass
    messages = {m["id"]: m for m in json.loads(run_cli("outbox", "--json").out)["messages"]}
    assert messages[message_id]["state"] == "unknown"  # the follow-up itself is never sent again
