"""IMAP (imap-tools): append to Sent, find a Message-ID there, and read the inbox for replies.

Matching a reply to a sent message is pure (`match_replies`): first by In-Reply-To/References,
then — for clients that drop those headers — by the sender's address and the subject
without its Re:/Antw:/AW: prefixes, received after the message was sent. Automatic replies
(Auto-Submitted, out-of-office) never count.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import socket
import ssl
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import TracebackType
from typing import Any

from afterword.core.errors import AfterwordError
from afterword.delivery.config import ImapConfig, Security


class MailServerError(AfterwordError):
    """The IMAP server is down, refused the login or answered with an error (exit 2, one line)."""


@dataclass(frozen=True)
class Incoming:
    """The headers of one inbox message that matter for reply detection."""

    message_id: str
    sender: str
    subject: str
    received: datetime | None
    in_reply_to: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    automatic: bool = False


@dataclass(frozen=True)
class SentRef:
    """A sent message that may get a reply."""

    key: int
    message_id: str
    recipients: tuple[str, ...]
    subject: str
    sent_at: datetime | None


#: Date headers have whole seconds and other machines' clocks drift: allow this much "before sent".
CLOCK_SKEW = timedelta(minutes=10)
_IDS = re.compile(r"<[^<>\s]+>")
_PREFIX = re.compile(r"^\s*((re|aw|antw|antwoord|sv|vs|fw|fwd|doorst)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def normalise_subject(subject: str) -> str:
    return " ".join(_PREFIX.sub("", subject).split()).casefold()


def match_replies(sent: Sequence[SentRef], inbox: Iterable[Incoming]) -> dict[int, Incoming]:
    """Which sent messages were answered, and by which incoming message (the first one found)."""
    by_id = {ref.message_id.lower(): ref for ref in sent}
    ours = set(by_id)
    found: dict[int, Incoming] = {}
    for mail in inbox:
        if mail.automatic or mail.message_id.lower() in ours:
            continue
        for parent in (*mail.in_reply_to, *mail.references):
            ref = by_id.get(parent.lower())
            if ref is not None and ref.key not in found:
                found[ref.key] = mail
                break
        else:
            subject = normalise_subject(mail.subject)
            sender = mail.sender.lower()
            for ref in sent:
                if ref.key in found or sender not in {r.lower() for r in ref.recipients}:
                    continue
                if subject != normalise_subject(ref.subject):
                    continue
                if ref.sent_at is not None and mail.received is not None and mail.received < ref.sent_at - CLOCK_SKEW:
                    continue
                found[ref.key] = mail
                break
    return found


def written_by(address: str, since: datetime | None, inbox: Iterable[Incoming]) -> Incoming | None:
    """The first message from `address` received after `since` (any subject, no automatic reply): a person
    who writes back in a new thread has still answered, and a check-in waiting on them must not go."""
    wanted = address.strip().lower()
    for mail in inbox:
        if mail.automatic or mail.sender.strip().lower() != wanted:
            continue
        if since is not None and mail.received is not None and mail.received < since - CLOCK_SKEW:
            continue
        return mail
    return None


def _ids(value: str) -> tuple[str, ...]:
    return tuple(_IDS.findall(value or ""))


def _header(headers: dict[str, tuple[str, ...]], name: str) -> str:
    values = headers.get(name.lower(), ())
    return " ".join(values)


class ImapClient:
    """A logged-in IMAP connection (use as a context manager)."""

    def __init__(self, config: ImapConfig, password: str) -> None:
        self._config = config
        self._password = password
        self._box: Any = None

    def __enter__(self) -> ImapClient:
        from imap_tools import MailBox, MailBoxStartTls, MailBoxUnencrypted

        cfg = self._config
        where = f"{cfg.host}:{cfg.port}"
        context = ssl.create_default_context(cafile=str(cfg.ca_file) if cfg.ca_file else None)
        box: Any
        try:
            if cfg.security is Security.TLS:
                box = MailBox(cfg.host, cfg.port, timeout=cfg.timeout, ssl_context=context)
            elif cfg.security is Security.STARTTLS:
                box = MailBoxStartTls(cfg.host, cfg.port, timeout=cfg.timeout, ssl_context=context)
            else:
                box = MailBoxUnencrypted(cfg.host, cfg.port, timeout=cfg.timeout)
        except (OSError, imaplib.IMAP4.error) as exc:
            raise MailServerError(f"the IMAP server {where} is not reachable: {_describe(exc)}") from None
        try:
            if cfg.username.isascii() and self._password.isascii():
                box.login(cfg.username, self._password, initial_folder=None)
            else:  # LOGIN only carries ASCII; AUTHENTICATE PLAIN carries UTF-8 (RFC 4616)
                box.login_utf8(cfg.username, self._password, initial_folder=None)
        except Exception as exc:  # imap-tools raises its own MailboxLoginError, imaplib errors or OSError
            _logout(box)
            raise MailServerError(f"the IMAP server {where} refused the login for {cfg.username}: "
                                  f"{_describe(exc)}") from None
        self._box = box
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        box, self._box = self._box, None
        if box is not None:
            _logout(box)

    @contextlib.contextmanager
    def _talking(self, what: str) -> Iterator[None]:
        """A dropped socket or an odd answer mid-session becomes one MailServerError, like a failed login."""
        try:
            yield
        except AfterwordError:
            raise
        except Exception as exc:  # imaplib.IMAP4.abort on a dropped socket, OSError, imap-tools' own errors
            where = f"{self._config.host}:{self._config.port}"
            raise MailServerError(f"the IMAP server {where} failed while {what}: {_describe(exc)}") from None

    def sent_folder(self) -> str:
        """The configured Sent folder, else the one flagged \\Sent, else one named like Sent."""
        if self._config.sent:
            return self._config.sent
        with self._talking("listing the folders"):
            return self._find_sent_folder()

    def _find_sent_folder(self) -> str:
        folders = list(self._box.folder.list())
        for info in folders:
            if "\\Sent" in info.flags:
                return str(info.name)
        for info in folders:
            if info.name.split(info.delim or "/")[-1].lower() in ("sent", "sent items", "verzonden items",
                                                                  "sent messages", "verzonden"):
                return str(info.name)
        self._box.folder.create("Sent")
        return "Sent"

    def append_sent(self, data: bytes, when: datetime) -> str:
        from imap_tools import MailMessageFlags

        folder = self.sent_folder()
        try:
            self._box.append(data, folder, dt=when, flag_set=[MailMessageFlags.SEEN])
        except Exception as exc:
            raise MailServerError(f"could not add the message to {folder}: {_describe(exc)}") from None
        return folder

    def has_message_id(self, message_id: str, folder: str | None = None) -> bool:
        from imap_tools import AND, H

        wanted = folder or self.sent_folder()
        with self._talking("searching the Sent folder"):
            self._box.folder.set(wanted, readonly=True)
            return bool(self._box.uids(AND(header=H("Message-ID", message_id))))

    def delete_message_id(self, message_id: str, folder: str | None = None) -> int:
        """Delete the messages with this Message-ID from the Sent folder (a copy of a message the server
        refused); returns how many."""
        from imap_tools import AND, H

        wanted = folder or self.sent_folder()
        with self._talking("removing a copy from the Sent folder"):
            self._box.folder.set(wanted)
            uids = self._box.uids(AND(header=H("Message-ID", message_id)))
            if uids:
                self._box.delete(uids)
            return len(uids)

    def inbox_since(self, since: date) -> list[Incoming]:
        """Headers of the inbox messages received since `since` (the server's dates are per day)."""
        with self._talking("reading the inbox"):
            return self._inbox_since(since)

    def _inbox_since(self, since: date) -> list[Incoming]:
        from imap_tools import AND

        self._box.folder.set(self._config.inbox, readonly=True)
        found: list[Incoming] = []
        for mail in self._box.fetch(AND(date_gte=since), mark_seen=False, headers_only=True, bulk=True):
            headers = {k.lower(): v for k, v in mail.headers.items()}
            auto = _header(headers, "auto-submitted").strip().lower()
            precedence = _header(headers, "precedence").strip().lower()
            found.append(Incoming(
                message_id=_header(headers, "message-id").strip(),
                sender=(mail.from_ or "").strip(),
                subject=mail.subject or "",
                received=mail.date if mail.date and mail.date.tzinfo else None,
                in_reply_to=_ids(_header(headers, "in-reply-to")),
                references=_ids(_header(headers, "references")),
                automatic=(auto not in ("", "no")) or precedence in ("auto_reply", "bulk", "junk")
                or "x-autoreply" in headers or "x-autorespond" in headers,
            ))
        return found


def _logout(box: Any) -> None:
    try:
        box.logout()
    except Exception:  # already broken; nothing more to say to that server
        with contextlib.suppress(Exception):  # closing a dead socket may fail too
            box.client.shutdown()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.timeout | TimeoutError):
        return "no answer in time"
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed: {exc.reason or exc}"
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())[:200]
