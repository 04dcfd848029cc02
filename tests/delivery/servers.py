"""Real SMTP servers for the tests: aiosmtpd controllers with handlers that accept, refuse, stall or hang up."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "jan@example.org"
PASSWORD = "s3cret-Pässword!"  # a value the secret-leak test greps for


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Handler:
    """Accepts mail, with switches for the faults a real server shows."""

    reject: set[str] = field(default_factory=set)
    temp_reject: set[str] = field(default_factory=set)
    drop_in_data: bool = False
    stall_rcpt: float = 0.0
    stall_data: float = 0.0
    data_reply: str | None = None
    received: list[Received] = field(default_factory=list)
    #: One entry per AUTH attempt the server saw: True when it succeeded.
    logins: list[bool] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any) -> str:
        if self.stall_rcpt:
            await asyncio.sleep(self.stall_rcpt)
        if address in self.reject:
            return "550 5.1.1 no such user here"
        if address in self.temp_reject:
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.drop_in_data:
            session.peer  # noqa: B018  (the session is alive until we close its transport)
            server.transport.close()
            return "250 OK"
        if self.stall_data:
            await asyncio.sleep(self.stall_data)
        if self.data_reply:
            return self.data_reply
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content)))
        return "250 2.0.0 queued"


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    if isinstance(data, LoginPassword) and data.login.decode() == USER and data.password.decode() == PASSWORD:
        return AuthResult(success=True)
    return AuthResult(success=False, handled=False)


@dataclass
class SmtpServer:
    handler: Handler
    port: int
    controller: Controller
    cert: Path | None = None

    def stop(self) -> None:
        self.controller.stop()


def start_smtp(
    handler: Handler, *, auth: bool = False, starttls: Path | None = None, implicit_tls: Path | None = None,
    smtputf8: bool = False,
) -> SmtpServer:
    """Start aiosmtpd on a free 127.0.0.1 port. `starttls`/`implicit_tls` name a cert directory."""
    import ssl

    kwargs: dict[str, Any] = {"enable_SMTPUTF8": smtputf8}
    if auth:
        def counting(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
            result = _authenticator(server, session, envelope, mechanism, data)
            with handler.lock:
                handler.logins.append(result.success)
            return result

        kwargs.update(auth_required=True, auth_require_tls=bool(starttls), authenticator=counting)
    cert = starttls or implicit_tls
    if cert is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert / "cert.pem", cert / "key.pem")
        if starttls is not None:
            kwargs.update(tls_context=context, require_starttls=True)
        else:
            kwargs["ssl_context"] = context
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
    if implicit_tls is not None:
        # The controller's readiness probe wraps its socket with our *server* context; probe as a client.
        controller._trigger_server = lambda: _tls_probe(port)  # type: ignore[method-assign]
    controller.start()
    return SmtpServer(handler, port, controller, cert)


def _tls_probe(port: int) -> None:
    import ssl

    client = ssl.create_default_context()
    client.check_hostname = False
    client.verify_mode = ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw, \
            client.wrap_socket(raw) as sock:
        sock.recv(1024)


def make_cert(directory: Path) -> Path:
    """A self-signed certificate for 127.0.0.1 (cert.pem, key.pem) made by the openssl command."""
    directory.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(directory / "key.pem"), "-out", str(directory / "cert.pem")],
        check=True, capture_output=True,
    )
    return directory


class SilentServer:
    """Accepts TCP connections and never says a word: the server that times out."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port: int = self.sock.getsockname()[1]

    def close(self) -> None:
        self.sock.close()
