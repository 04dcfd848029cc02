"""SMTP against real aiosmtpd servers: success, TLS, login refused, timeouts, refused recipients, hang-ups."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from afterword.delivery.config import Security, SmtpConfig
from afterword.delivery.mime import Outgoing, make_message_id, parse_mailbox
from afterword.delivery.smtp import Outcome, SmtpSession
from tests.delivery.servers import PASSWORD, USER, Handler, SilentServer, SmtpServer

NOW = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)


def message(*to: str, subject: str = "Over de migratie naar één platform") -> Outgoing:
    return Outgoing(
        sender=parse_mailbox("Jan de Vriës <jan@example.org>", "from"),
        to=tuple(parse_mailbox(t, "to") for t in to),
        subject=subject,
        body="Beste María,\n\nDank voor het gesprek over de migratie.\n\nJan\n",
        message_id=make_message_id("example.org"),
    )


def config(port: int, security: Security = Security.NONE, *, username: str | None = None,
           timeout: float = 5.0, ca: Path | None = None) -> SmtpConfig:
    return SmtpConfig(host="127.0.0.1", port=port, security=security, sender="jan@example.org",
                      username=username, timeout=timeout, ca_file=ca)


def send(cfg: SmtpConfig, msg: Outgoing, password: str | None = None) -> tuple[Outcome, str, dict[str, str], bool]:
    started: list[bool] = []
    with SmtpSession(cfg, password) as session:
        result = session.send(msg.as_bytes(NOW), msg.sender.address, msg.recipients,
                              smtputf8=msg.needs_smtputf8, before_data=lambda: started.append(True))
    return result.outcome, result.detail, result.refused, bool(started)


def test_plain_send_delivers_proper_mime(smtp_server: Callable[..., SmtpServer]) -> None:
    server = smtp_server()
    msg = message("María Ünal <maria@example.nl>")
    outcome, _, _, started = send(config(server.port), msg)
    assert outcome is Outcome.SENT and started
    [got] = server.handler.received
    parsed = got.message
    assert parsed["Message-ID"] == msg.message_id
    assert parsed["Subject"] == "Over de migratie naar één platform"
    assert str(parsed["To"]) == "María Ünal <maria@example.nl>"
    assert str(parsed["From"]) == "Jan de Vriës <jan@example.org>"
    assert parsed["Date"] is not None
    raw_headers = got.data.split(b"\r\n\r\n", 1)[0]
    assert raw_headers.isascii(), "non-ASCII header text must be RFC 2047 encoded"
    body = parsed.get_body(("plain",))
    assert body is not None and "migratie" in body.get_content()


def test_starttls_with_login(smtp_server: Callable[..., SmtpServer], cert_dir: Path) -> None:
    server = smtp_server(auth=True, starttls=cert_dir)
    cfg = config(server.port, Security.STARTTLS, username=USER, ca=cert_dir / "cert.pem")
    outcome, detail, _, _ = send(cfg, message("maria@example.nl"), PASSWORD)
    assert outcome is Outcome.SENT, detail
    assert len(server.handler.received) == 1


def test_implicit_tls(smtp_server: Callable[..., SmtpServer], cert_dir: Path) -> None:
    server = smtp_server(implicit_tls=cert_dir)
    cfg = config(server.port, Security.TLS, ca=cert_dir / "cert.pem")
    outcome, detail, _, _ = send(cfg, message("maria@example.nl"))
    assert outcome is Outcome.SENT, detail


def test_untrusted_certificate_is_retry_not_sent(smtp_server: Callable[..., SmtpServer], cert_dir: Path) -> None:
    server = smtp_server(implicit_tls=cert_dir)
    outcome, detail, _, started = send(config(server.port, Security.TLS), message("maria@example.nl"))
    assert outcome is Outcome.RETRY and not started
    assert "TLS" in detail or "certificate" in detail.lower()


def test_login_refused_is_login_with_nothing_sent(smtp_server: Callable[..., SmtpServer], cert_dir: Path) -> None:
    server = smtp_server(auth=True, starttls=cert_dir)
    cfg = config(server.port, Security.STARTTLS, username=USER, ca=cert_dir / "cert.pem")
    outcome, detail, _, started = send(cfg, message("maria@example.nl"), "wrong")
    assert outcome is Outcome.LOGIN and not started
    assert "login refused" in detail and "wrong" not in detail
    assert server.handler.received == []


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_server_requiring_login_without_credentials(smtp_server: Callable[..., SmtpServer]) -> None:
    server = smtp_server(auth=True)
    outcome, detail, _, started = send(config(server.port), message("maria@example.nl"))
    assert outcome is Outcome.LOGIN and not started
    assert "530" in detail or "auth" in detail.lower()


def test_silent_server_times_out_before_anything(silent_server: SilentServer) -> None:
    outcome, detail, _, started = send(config(silent_server.port, timeout=0.5), message("maria@example.nl"))
    assert outcome is Outcome.RETRY and not started
    assert "in time" in detail


def test_connection_refused_is_retry() -> None:
    from tests.delivery.servers import free_port

    outcome, detail, _, _ = send(config(free_port()), message("maria@example.nl"))
    assert outcome is Outcome.RETRY
    assert "refused" in detail


def test_stall_before_data_is_retry(smtp_server: Callable[..., SmtpServer]) -> None:
    server = smtp_server(Handler(stall_rcpt=3.0))  # the timeout is generous so a slow machine cannot trip it early
    outcome, _, _, started = send(config(server.port, timeout=1.0), message("maria@example.nl"))
    assert outcome is Outcome.RETRY and not started


def test_stall_after_data_is_unknown(smtp_server: Callable[..., SmtpServer]) -> None:
    server = smtp_server(Handler(stall_data=3.0))
    outcome, detail, _, started = send(config(server.port, timeout=1.0), message("maria@example.nl"))
    assert outcome is Outcome.UNKNOWN and started
    assert "after the message" in detail


def test_hang_up_mid_data_is_unknown(smtp_server: Callable[..., SmtpServer]) -> None:
    server = smtp_server(Handler(drop_in_data=True))
    outcome, _, _, started = send(config(server.port), message("maria@example.nl"))
    assert outcome is Outcome.UNKNOWN and started


def test_one_recipient_rejected_others_delivered(smtp_server: Callable[..., SmtpServer]) -> None:
    server = smtp_server(Handler(reject={"nobody@example.nl"}))
    outcome, _, refused, _ = send(config(server.port), message("maria@example.nl", "nobody@example.nl"))
    assert outcome is Outcome.SENT
    assert set(refused) == {"nobody@example.nl"} and refused["nobody@example.nl"].startswith("550")
    assert server.handler.received[0].recipients == ["maria@example.nl"]


def test_only_recipient_rejected_is_failed(smtp_server: Callable[..., SmtpServer]) -> None:
    server = smtp_server(Handler(reject={"nobody@example.nl"}))
    outcome, _, refused, started = send(config(server.port), message("nobody@example.nl"))
    assert outcome is Outcome.FAILED and not started and "nobody@example.nl" in refused


def test_temporary_recipient_refusal_is_retry(smtp_server: Callable[..., SmtpServer]) -> None:
    server = smtp_server(Handler(temp_reject={"maria@example.nl"}))
    outcome, _, _, started = send(config(server.port), message("maria@example.nl"))
    assert outcome is Outcome.RETRY and not started


@pytest.mark.parametrize(("reply", "expected"), [("554 5.6.0 spam", Outcome.FAILED), ("451 4.7.1 later", Outcome.RETRY)])
def test_refused_message_body(smtp_server: Callable[..., SmtpServer], reply: str, expected: Outcome) -> None:
    server = smtp_server(Handler(data_reply=reply))
    outcome, detail, _, _ = send(config(server.port), message("maria@example.nl"))
    assert outcome is expected and reply.split()[0] in detail


def test_session_reuses_one_connection_for_a_batch(smtp_server: Callable[..., SmtpServer]) -> None:
    server = smtp_server()
    cfg = config(server.port)
    with SmtpSession(cfg, None) as session:
        for n in range(5):
            msg = message(f"p{n}@example.nl")
            assert session.send(msg.as_bytes(NOW), msg.sender.address, msg.recipients).outcome is Outcome.SENT
    assert [r.recipients for r in server.handler.received] == [[f"p{n}@example.nl"] for n in range(5)]


def test_non_ascii_local_part_needs_smtputf8(smtp_server: Callable[..., SmtpServer]) -> None:
    plain = smtp_server()
    msg = message("jürgen@exämple.de")
    assert msg.needs_smtputf8
    outcome, detail, _, started = send(config(plain.port), msg)
    assert outcome is Outcome.FAILED and not started and "SMTPUTF8" in detail
    capable = smtp_server(smtputf8=True)
    outcome, detail, _, _ = send(config(capable.port), msg)
    assert outcome is Outcome.SENT, detail
    assert capable.handler.received[0].recipients == ["jürgen@xn--exmple-cua.de"]


def test_non_ascii_domain_only_goes_as_idna(smtp_server: Callable[..., SmtpServer]) -> None:
    server = smtp_server()
    msg = message("jan@exämple.de")
    assert not msg.needs_smtputf8
    outcome, _, _, _ = send(config(server.port), msg)
    assert outcome is Outcome.SENT
    assert server.handler.received[0].recipients == ["jan@xn--exmple-cua.de"]
