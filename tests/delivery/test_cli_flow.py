"""The whole mail journey through the real CLI: send, schedule, worker, Sent copy, replies, outbox, social,
header injection refused, and passwords never stored or printed."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from afterword.core.timeutil import iso
from tests.conftest import Result
from tests.delivery.dovecot import IMAP_PASSWORD, IMAP_USER
from tests.delivery.journey import SUBJECTS, import_with_drafts, status
from tests.delivery.servers import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
NOTES = ROOT / "examples" / "northwind-panel.toml"

pytestmark = pytest.mark.imap



def test_send_schedule_worker_replies_and_no_secret_anywhere(
    run_cli: Callable[..., Result], home: dict[str, Any]
) -> None:
    ident = import_with_drafts(run_cli, home, subject_of=SUBJECTS)
    outputs: list[Result] = []

    sent = run_cli("send", str(ident), "--contact", "grace", "--force", "--json")
    outputs.append(sent)
    assert sent.code == 0, sent.err
    [row] = json.loads(sent.out)["messages"]
    assert row["state"] == "sent" and row["to"] == ["grace.whitfield@northwind.example"]
    assert "SMTP password from the environment variable AFTERWORD_SMTP_PASSWORD" in sent.err
    [got] = home["smtp"].handler.received
    assert got.message["Message-ID"] == row["message_id"]
    assert got.message["Subject"] == SUBJECTS["grace"]
    assert status(home, ident, "grace") == "sent"

    # The copy in the Sent folder lets an `unknown` be settled later.
    from imap_tools import AND, H, MailBoxUnencrypted

    with MailBoxUnencrypted("127.0.0.1", home["imap"].port).login_utf8(IMAP_USER, IMAP_PASSWORD) as box:
        box.folder.set("Sent")
        assert len(box.uids(AND(header=H("Message-ID", row["message_id"])))) == 1

    # Schedule: due in the past of the real clock, so the worker sends it now; a later one waits.
    real = datetime.now(UTC)
    due = run_cli("send", str(ident), "--contact", "daniel", "--force", "--now", iso(real - timedelta(hours=1)),
                  "--at", iso(real - timedelta(minutes=30)))
    later = run_cli("send", str(ident), "--contact", "hannah", "--force", "--at", iso(real + timedelta(hours=3)))
    outputs += [due, later]
    assert due.code == 0 and "scheduled" in due.out, due.err
    assert later.code == 0 and "scheduled" in later.out, later.err
    assert "is after the 24-hour deadline" in later.err
    assert status(home, ident, "hannah") == "scheduled"
    again = run_cli("send", str(ident), "--contact", "hannah", "--force")
    assert again.code == 2 and "already in the outbox" in again.err

    worked = run_cli("worker", "--once")
    outputs.append(worked)
    assert worked.code == 0, worked.err
    assert "IMAP password from the file" in worked.err
    assert [r.message["To"].addresses[0].addr_spec for r in home["smtp"].handler.received] == [
        "grace.whitfield@northwind.example", "daniel.osei@northwind.example"]
    listing = run_cli("outbox", "--json")
    states = {m["contact"]: m["state"] for m in json.loads(listing.out)["messages"]}
    assert states == {"grace": "sent", "daniel": "sent", "hannah": "queued"}

    # Grace answers (threaded); Daniel answers from a client that drops the threading headers.
    from afterword.delivery.mime import Outgoing, make_message_id, parse_mailbox

    answer = Outgoing(parse_mailbox("Grace Whitfield <grace.whitfield@northwind.example>", "from"),
                      (parse_mailbox("priya.raman@example.org", "to"),), "Re: " + SUBJECTS["grace"], "Thanks!\n",
                      make_message_id("northwind.example"), in_reply_to=row["message_id"],
                      references=(row["message_id"],))
    loose = Outgoing(parse_mailbox("daniel.osei@northwind.example", "from"),
                     (parse_mailbox("priya.raman@example.org", "to"),), "RE: " + SUBJECTS["daniel"], "Cheers\n",
                     make_message_id("northwind.example"))
    with MailBoxUnencrypted("127.0.0.1", home["imap"].port).login_utf8(IMAP_USER, IMAP_PASSWORD) as box:
        for m in (answer, loose):
            box.append(m.as_bytes(datetime.now(UTC)), "INBOX", dt=datetime.now(UTC))
    replies = run_cli("replies", "--json")
    outputs.append(replies)
    assert replies.code == 0, replies.err
    assert sorted(r["contact"] for r in json.loads(replies.out)["replies"]) == ["daniel", "grace"]
    assert status(home, ident, "grace") == "replied" and status(home, ident, "daniel") == "replied"
    assert json.loads(run_cli("replies", "--json").out)["replies"] == []  # noticed once

    # Passwords are never stored in the database nor printed.
    stored = b"".join(p.read_bytes() for p in home["dir"].glob("afterword.db*"))
    for secret in (PASSWORD, IMAP_PASSWORD):
        assert secret.encode() not in stored
        for out in outputs:
            assert secret not in out.out and secret not in out.err


def test_header_injection_is_refused_before_anything_is_queued(
    run_cli: Callable[..., Result], home: dict[str, Any]
) -> None:
    ident = import_with_drafts(run_cli, home, subject_of={"grace": "Hello\r\nBcc: everyone@example.com"})
    result = run_cli("send", str(ident), "--force")
    assert result.code == 2
    assert "subject: contains a control character (\\r)" in result.err
    assert "Traceback" not in result.err
    assert json.loads(run_cli("outbox", "--json").out)["messages"] == []
    assert home["smtp"].handler.received == []


def test_dry_run_prints_mime_and_sends_nothing(run_cli: Callable[..., Result], home: dict[str, Any]) -> None:
    ident = import_with_drafts(run_cli, home, subject_of={"grace": SUBJECTS["grace"]})
    result = run_cli("send", str(ident), "--contact", "grace", "--dry-run")
    assert result.code == 0, result.err
    assert "Message-ID: <" in result.out and "Content-Type: text/plain" in result.out
    assert "To: Grace Whitfield <grace.whitfield@northwind.example>" in result.out
    assert json.loads(run_cli("outbox", "--json").out)["messages"] == []


def test_imap_down_is_one_line_exit_2(run_cli: Callable[..., Result], home: dict[str, Any]) -> None:
    from tests.delivery.servers import free_port

    config = home["dir"] / "config.toml"
    config.write_text(config.read_text().replace(f"port = {home['imap'].port}", f"port = {free_port()}"))
    import_with_drafts(run_cli, home, subject_of={"grace": SUBJECTS["grace"]})
    run_cli("send", "1", "--contact", "grace", "--force")
    result = run_cli("replies")
    assert result.code == 2
    assert "is not reachable: connection refused" in result.err and len(result.err.strip().splitlines()) <= 2


def test_social_copy_and_open_with_monthly_allowance(run_cli: Callable[..., Result], home: dict[str, Any]) -> None:
    ident = import_with_drafts(run_cli, home, subject_of={})
    now = "2026-11-28T09:00:00+00:00"
    listing = json.loads(run_cli("social", str(ident), "--now", now, "--json").out)
    by = {(i["contact"], i["channel"]): i for i in listing["items"]}
    assert by[("grace", "linkedin")]["open_url"] == "https://www.linkedin.com/in/gracewhitfield"
    # X is private by default: follow (the notes do not say Daniel's DMs are open), no public post.
    assert by[("daniel", "x")]["open_url"] == "https://x.com/danosei" and by[("daniel", "x")]["step"] == "follow"
    refused = run_cli("social", str(ident), "--x-public", "daniel", "--now", now)
    assert refused.code == 2 and "shows everyone that you are applying at Northwind" in refused.err
    public = json.loads(run_cli("social", str(ident), "--x-public", "daniel", "--yes", "--now", now, "--json").out)
    [post] = [i for i in public["items"] if i["channel"] == "x"]
    assert post["step"] == "public" and post["open_url"].startswith("https://x.com/intent/post?text=%40danosei%20")
    assert "your current employer" in post["public_warning"]
    assert all(i["length"] <= i["limit"] for i in listing["items"])
    assert listing["linkedin_notes_this_month"] == 0 and listing["warning"] is None
    first = run_cli("social", str(ident), "--done", "grace", "linkedin", "--now", now)
    assert first.code == 0 and "1 personalised LinkedIn note left" in first.err
    second = run_cli("social", str(ident), "--done", "robert", "linkedin", "--now", now, "--json")
    assert "all 2 personalised LinkedIn notes" in json.loads(second.out)["warning"]
    assert status(home, ident, "robert", "linkedin") == "sent"
    next_month = json.loads(run_cli("social", str(ident), "--now", "2026-12-01T09:00:00+00:00", "--json").out)
    assert next_month["linkedin_notes_this_month"] == 0
    bad = run_cli("social", str(ident), "--done", "grace", "email", "--now", now)
    assert bad.code == 2 and "afterword send" in bad.err


def test_checker_errors_block_sending_and_all_means_every_draft_left(
    run_cli: Callable[..., Result], home: dict[str, Any]
) -> None:
    from afterword.service.interviews import open_service

    ident = import_with_drafts(run_cli, home, subject_of={"grace": SUBJECTS["grace"], "daniel": SUBJECTS["daniel"]})
    service = open_service(f"sqlite:///{home['dir'] / 'afterword.db'}")
    try:
        version = service.touchpoint(ident, "daniel", "email").version
        service.save_draft(ident, "daniel", "email", SUBJECTS["daniel"], "Dear [Name],\n\nTODO\n\nPriya\n", version)
    finally:
        service.close()
    blocked = run_cli("send", str(ident), "--now", "2026-11-27T15:00:00+00:00")
    assert blocked.code == 1 and "daniel: error placeholder" in blocked.err and "not sent" in blocked.err
    assert json.loads(run_cli("outbox", "--json").out)["messages"] == []
    assert home["smtp"].handler.received == []
    first = run_cli("send", str(ident), "--contact", "grace", "--force")
    assert first.code == 0, first.err
    rest = run_cli("send", str(ident), "--force", "--json")  # all: only Daniel's draft is left
    assert rest.code == 0, rest.err
    assert [m["contact"] for m in json.loads(rest.out)["messages"]] == ["daniel"]
    nothing = run_cli("send", str(ident), "--force")
    assert nothing.code == 2 and "no email draft left to send" in nothing.err


def test_missing_password_refuses_before_anything_is_queued(
    run_cli: Callable[..., Result], home: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AFTERWORD_SMTP_PASSWORD")
    ident = import_with_drafts(run_cli, home, subject_of={"grace": SUBJECTS["grace"]})
    for args in ((), ("--at", "2030-01-01T09:00:00+01:00")):
        result = run_cli("send", str(ident), "--force", *args)
        assert result.code == 2 and "no SMTP password" in result.err and "AFTERWORD_SMTP_PASSWORD" in result.err
    assert json.loads(run_cli("outbox", "--json").out)["messages"] == []
    assert status(home, ident, "grace") == "edited"
