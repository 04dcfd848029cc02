"""Talk SMTP (STARTTLS, implicit TLS or plain) and say exactly what may have been delivered.

Every failure is classified by *when* it happened, because that decides whether the
outbox may try again:

- RETRY   — nothing can have been delivered: connect, TLS, login, a 4xx before DATA,
            or a 4xx final reply to the message (RFC 5321 §4.2.5: the server refused it).
- FAILED  — a permanent 5xx: every recipient refused, or the message itself refused.
- UNKNOWN — the connection broke (or timed out) after the DATA command was sent; the
            server may or may not have taken the message.
- LOGIN   — the server refused the login (535, 530 "authentication required", no AUTH at
            all): nothing was delivered, and no other message of the batch can go either, so
            the batch stops without charging the message an attempt.
- SENT    — the server answered 250 to the end of the message.
"""

from __future__ import annotations

import base64
import enum
import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType

from afterword.delivery.config import Security, SmtpConfig


class Outcome(enum.StrEnum):
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"
    UNKNOWN = "unknown"
    LOGIN = "login"


@dataclass(frozen=True)
class Delivery:
    """What became of one message. `refused` maps an address to the server's reply."""

    outcome: Outcome
    detail: str = ""
    refused: dict[str, str] = field(default_factory=dict)


def _reply(code: int, text: bytes | str) -> str:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(message.split())}".strip()


def _tls_context(config: SmtpConfig) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(config.ca_file) if config.ca_file else None)
    return context


class SmtpSession:
    """One connection, opened lazily and reused for a batch; reopened after a failure."""

    def __init__(self, config: SmtpConfig, password: str | None) -> None:
        self._config = config
        self._password = password
        self._conn: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpSession:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            conn.quit()
        except (smtplib.SMTPException, OSError):
            conn.close()

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    def _open(self) -> smtplib.SMTP:
        """Connect, secure and log in; raises smtplib/OS errors (all mean 'nothing delivered')."""
        cfg = self._config
        conn: smtplib.SMTP
        if cfg.security is Security.TLS:
            conn = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout, context=_tls_context(cfg))
        else:
            conn = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
        try:
            conn.ehlo()
            if cfg.security is Security.STARTTLS:
                if not conn.has_extn("starttls"):
                    raise smtplib.SMTPNotSupportedError("the server does not offer STARTTLS")
                conn.starttls(context=_tls_context(cfg))
                conn.ehlo()
            if cfg.username:
                if self._password is None:
                    raise smtplib.SMTPAuthenticationError(530, b"no password available for SMTP login")
                try:
                    _login(conn, cfg.username, self._password)
                except smtplib.SMTPNotSupportedError:
                    raise smtplib.SMTPAuthenticationError(
                        504, b"the server offers no login (AUTH) on this connection") from None
        except BaseException:
            conn.close()
            raise
        return conn

    def send(
        self,
        message: bytes,
        sender: str,
        recipients: tuple[str, ...],
        *,
        smtputf8: bool = False,
        before_data: Callable[[], None] | None = None,
    ) -> Delivery:
        """Send one message. `before_data` runs (and must commit) just before DATA is sent."""
        try:
            if self._conn is None:
                self._conn = self._open()
            conn = self._conn
            options: list[str] = []
            if smtputf8:
                if not conn.has_extn("smtputf8"):
                    self._reset()
                    return Delivery(
                        Outcome.FAILED,
                        "the address has non-ASCII characters before the @ and the server does not offer SMTPUTF8",
                    )
                options = ["SMTPUTF8", "BODY=8BITMIME"]
            code, text = conn.mail(sender, options)
            if code == 530:
                # "Authentication required": a login is missing; no message of this batch can go.
                self._reset()
                return Delivery(Outcome.LOGIN, "login required: " + _reply(code, text))
            if code != 250:
                # Login missing, sender not allowed…: a setting to fix, nothing delivered; retry later.
                self._reset()
                return Delivery(Outcome.RETRY, f"the sender was refused: {_reply(code, text)}")
            refused: dict[str, str] = {}
            temporary = False
            for rcpt in recipients:
                code, text = conn.rcpt(rcpt)
                if code not in (250, 251):
                    refused[rcpt] = _reply(code, text)
                    temporary = temporary or 400 <= code < 500
            if len(refused) == len(recipients):
                self._reset()
                outcome = Outcome.RETRY if temporary else Outcome.FAILED
                return Delivery(outcome, "every recipient was refused", refused)
        except (smtplib.SMTPException, OSError, UnicodeError) as exc:
            self._drop()
            outcome = Outcome.LOGIN if isinstance(exc, smtplib.SMTPAuthenticationError) else Outcome.RETRY
            return Delivery(outcome, _describe(exc))
        if before_data is not None:
            try:
                before_data()
            except BaseException:
                self._reset()
                raise
        try:
            code, text = conn.data(message)
        except smtplib.SMTPDataError as exc:
            # DATA itself (354) or the end of the message was refused: a definite "not taken".
            self._reset()
            outcome = Outcome.RETRY if 400 <= exc.smtp_code < 500 else Outcome.FAILED
            return Delivery(outcome, _reply(exc.smtp_code, exc.smtp_error), refused)
        except (smtplib.SMTPException, OSError, UnicodeError) as exc:
            self._drop()
            return Delivery(Outcome.UNKNOWN, "connection lost after the message was handed over: " + _describe(exc),
                            refused)
        if code != 250:
            # A final reply other than 250 to the message: the server says it did not take it.
            self._reset()
            outcome = Outcome.RETRY if 400 <= code < 500 else Outcome.FAILED
            return Delivery(outcome, _reply(code, text), refused)
        return Delivery(Outcome.SENT, _reply(code, text), refused)

    def _reset(self) -> None:
        if self._conn is None:
            return
        try:
            self._conn.rset()
        except (smtplib.SMTPException, OSError):
            self._drop()


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _login(conn: smtplib.SMTP, username: str, password: str) -> None:
    """Log in with one mechanism, one attempt: PLAIN, else LOGIN, else what smtplib offers (CRAM-MD5).

    smtplib's `login` tries every mechanism in turn, so one wrong password costs several failed
    logins at the provider (which locks accounts over that). It also only encodes ASCII, so the
    credentials go as UTF-8 (RFC 4616) by hand.
    """
    if not conn.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("the server offers no login (AUTH)")
    mechanisms = conn.esmtp_features.get("auth", "").upper().split()
    if "PLAIN" not in mechanisms and "LOGIN" not in mechanisms and username.isascii() and password.isascii():
        conn.login(username, password)
        return
    if "PLAIN" in mechanisms:
        code, text = conn.docmd("AUTH", "PLAIN " + _b64(f"\0{username}\0{password}"))
    elif "LOGIN" in mechanisms:
        code, text = conn.docmd("AUTH", "LOGIN " + _b64(username))
        if code == 334:
            code, text = conn.docmd(_b64(password))
    else:
        raise smtplib.SMTPAuthenticationError(504, b"the server offers no login method for non-ASCII passwords")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, text)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "login refused: " + _reply(exc.smtp_code, exc.smtp_error)
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply(exc.smtp_code, exc.smtp_error)
    if isinstance(exc, socket.timeout | TimeoutError) or (
        isinstance(exc, smtplib.SMTPServerDisconnected) and "timed out" in str(exc)
    ):
        return "the server did not answer in time"
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed: {exc.reason or exc}"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    return f"{type(exc).__name__}: {exc}".rstrip(": ")
