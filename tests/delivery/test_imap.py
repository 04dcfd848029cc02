"""IMAP against a real Dovecot: Sent folder, Message-ID search, inbox headers, reply matching, faults."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from afterword.delivery.config import ImapConfig, Security
from afterword.delivery.imap import ImapClient, Incoming, MailServerError, SentRef, match_replies
from afterword.delivery.mime import Outgoing, make_message_id, parse_mailbox
from tests.delivery.dovecot import IMAP_PASSWORD, IMAP_USER
from tests.delivery.servers import free_port

pytestmark = pytest.mark.imap

NOW = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)


def cfg(port: int, security: Security = Security.NONE, ca: Path | None = None) -> ImapConfig:
    return ImapConfig(host="127.0.0.1", port=port, security=security, username=IMAP_USER, timeout=5, ca_file=ca)


def mail(subject: str, sender: str = "jan@example.org", to: str = "maria@example.nl",
         in_reply_to: str | None = None) -> Outgoing:
    return Outgoing(sender=parse_mailbox(sender, "from"), to=(parse_mailbox(to, "to"),), subject=subject,
                    body="Dank je!\n", message_id=make_message_id("example.nl"), in_reply_to=in_reply_to,
                    references=(in_reply_to,) if in_reply_to else ())


def test_append_to_sent_and_find_by_message_id(imap_clean: Any) -> None:
    msg = mail("Over de migratie")
    with ImapClient(cfg(imap_clean.port), IMAP_PASSWORD) as imap:
        assert imap.sent_folder() == "Sent"  # found by its \Sent flag
        assert not imap.has_message_id(msg.message_id)
        assert imap.append_sent(msg.as_bytes(NOW), NOW) == "Sent"
        assert imap.has_message_id(msg.message_id)
        assert not imap.has_message_id(make_message_id("example.org"))


def test_implicit_tls_login(imap_clean: Any, cert_dir: Path) -> None:
    with ImapClient(cfg(imap_clean.tls_port, Security.TLS, cert_dir / "cert.pem"), IMAP_PASSWORD) as imap:
        assert imap.sent_folder() == "Sent"


def test_starttls_login(imap_clean: Any, cert_dir: Path) -> None:
    with ImapClient(cfg(imap_clean.port, Security.STARTTLS, cert_dir / "cert.pem"), IMAP_PASSWORD) as imap:
        assert imap.sent_folder() == "Sent"


def test_inbox_headers_and_reply_matching(imap_clean: Any) -> None:
    ours = mail("Over de migratie naar één platform")
    answer = mail("Re: Over de migratie naar één platform", sender="maria@example.nl", to="jan@example.org",
                  in_reply_to=ours.message_id)
    bare = mail("Antw: Over de migratie naar één platform", sender="María <maria@example.nl>", to="jan@example.org")
    with ImapClient(cfg(imap_clean.port), IMAP_PASSWORD) as imap:
        imap._box.append(answer.as_bytes(NOW), "INBOX", dt=NOW)
        found = imap.inbox_since((NOW - timedelta(days=1)).date())
    [incoming] = found
    assert incoming.in_reply_to == (ours.message_id,)
    assert incoming.sender == "maria@example.nl" and not incoming.automatic
    ref = SentRef(1, ours.message_id, ("maria@example.nl",), ours.subject, NOW - timedelta(hours=1))
    assert match_replies([ref], found) == {1: incoming}
    # Without threading headers: the sender and the subject without its "Antw:" prefix.
    loose = Incoming(bare.message_id, "maria@example.nl", bare.subject, NOW)
    assert match_replies([ref], [loose]) == {1: loose}


def test_reply_matching_refuses_lookalikes() -> None:
    ref = SentRef(1, "<a@example.org>", ("maria@example.nl",), "Over de migratie", NOW)
    other_sender = Incoming("<b@x>", "piet@example.nl", "Re: Over de migratie", NOW + timedelta(hours=1))
    other_subject = Incoming("<c@x>", "maria@example.nl", "Re: Iets anders", NOW + timedelta(hours=1))
    before = Incoming("<d@x>", "maria@example.nl", "Re: Over de migratie", NOW - timedelta(hours=1))
    automatic = Incoming("<e@x>", "maria@example.nl", "Re: Over de migratie", NOW + timedelta(hours=1),
                         in_reply_to=("<a@example.org>",), automatic=True)
    assert match_replies([ref], [other_sender, other_subject, before, automatic]) == {}


def test_out_of_office_is_not_a_reply(imap_clean: Any) -> None:
    ours = mail("Over de migratie")
    auto = mail("Afwezig: Over de migratie", sender="maria@example.nl", to="jan@example.org",
                in_reply_to=ours.message_id)
    raw = auto.build(NOW)
    raw["Auto-Submitted"] = "auto-replied"
    with ImapClient(cfg(imap_clean.port), IMAP_PASSWORD) as imap:
        imap._box.append(raw.as_bytes(), "INBOX", dt=NOW)
        [incoming] = imap.inbox_since((NOW - timedelta(days=1)).date())
    assert incoming.automatic
    assert match_replies([SentRef(1, ours.message_id, ("maria@example.nl",), ours.subject, NOW)], [incoming]) == {}


def test_server_down_is_one_clear_error() -> None:
    port = free_port()
    with pytest.raises(MailServerError, match=f"127.0.0.1:{port} is not reachable: connection refused"):
        ImapClient(cfg(port), IMAP_PASSWORD).__enter__()


def test_wrong_password_is_one_clear_error(dovecot: Any) -> None:
    with pytest.raises(MailServerError, match="refused the login") as caught:
        ImapClient(cfg(dovecot.port), "wrong-password").__enter__()
    assert "wrong-password" not in str(caught.value)
