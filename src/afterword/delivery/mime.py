"""Build proper MIME messages with the stdlib and refuse anything that could inject a header."""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from afterword.core.errors import InputError
from afterword.core.text import Text

# C0 controls (CR, LF, TAB, NUL…), DEL, C1 controls and the Unicode line/paragraph separators:
# anything a mail header parser or `str.splitlines` could take as the end of a line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def check_header(value: str, key: str) -> str:
    """Return `value` unchanged, or raise InputError when it holds a control character."""
    match = _CONTROL.search(value)
    if match is not None:
        shown = repr(match.group())[1:-1]
        raise InputError(Text(f"contains a control character ({shown}); line breaks are not allowed in a header",
                              f"bevat een stuurteken ({shown}); regeleinden mogen niet in een kopregel"), key=key)
    return value


@dataclass(frozen=True)
class Mailbox:
    """One address: an optional display name and the address itself (already validated)."""

    address: str
    name: str | None = None
    #: The local part is not ASCII: the message can only travel over SMTPUTF8.
    needs_smtputf8: bool = False

    def header(self) -> Address:
        local, _, domain = self.address.rpartition("@")
        return Address(display_name=self.name or "", username=local, domain=domain)

    def __str__(self) -> str:
        return f"{self.name} <{self.address}>" if self.name else self.address


def parse_mailbox(text: str, key: str, *, name: str | None = None) -> Mailbox:
    """Validate an address (`a@b.c` or `Name <a@b.c>`), without DNS.

    A non-ASCII domain is turned into its IDNA (xn--) form, so only a non-ASCII local
    part still needs SMTPUTF8; the caller decides whether the server allows that.
    """
    from email_validator import EmailNotValidError, validate_email

    check_header(text, key)
    if name is not None:
        check_header(name, key)
    raw = text.strip()
    match = re.fullmatch(r"\s*(?:\"?([^\"<>]*?)\"?\s*)?<([^<>]+)>\s*", raw)
    if match is not None:
        name = name if name is not None else (match.group(1) or "").strip() or None
        raw = match.group(2).strip()
    try:
        valid = validate_email(raw, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as exc:
        raise InputError(Text(f"`{raw}` is not an email address: {exc}", f"`{raw}` is geen e-mailadres: {exc}"),
                         key=key) from None
    if valid.ascii_email is not None:
        return Mailbox(valid.ascii_email, name)
    return Mailbox(f"{valid.local_part}@{valid.ascii_domain}", name, needs_smtputf8=True)


def make_message_id(domain: str) -> str:
    """A globally unique `<…@domain>`; fixed once, when the message is queued."""
    check_header(domain, "message-id")
    stamp = time.time_ns()
    return f"<{stamp:x}.{secrets.token_hex(8)}.afterword@{domain}>"


def check_message_id(value: str) -> str:
    check_header(value, "message-id")
    if not re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", value):
        raise InputError(Text(f"`{value}` is not a Message-ID such as <id@example.org>",
                              f"`{value}` is geen Message-ID zoals <id@example.org>"), key="message-id")
    return value


@dataclass(frozen=True)
class Outgoing:
    """Everything a message is made of; `build` turns it into MIME. Validated on creation."""

    sender: Mailbox
    to: tuple[Mailbox, ...]
    subject: str
    body: str
    message_id: str
    html: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.to:
            raise InputError(Text("a message needs at least one recipient", "een bericht heeft minstens één ontvanger nodig"),
                             key="to")
        check_header(self.subject, "subject")
        check_message_id(self.message_id)
        if self.in_reply_to is not None:
            check_message_id(self.in_reply_to)
        for ref in self.references:
            check_message_id(ref)
        for box in (self.sender, *self.to):
            check_header(box.address, "address")
            if box.name is not None:
                check_header(box.name, "name")

    @property
    def needs_smtputf8(self) -> bool:
        return any(box.needs_smtputf8 for box in (self.sender, *self.to))

    @property
    def recipients(self) -> tuple[str, ...]:
        return tuple(box.address for box in self.to)

    def build(self, date: datetime) -> EmailMessage:
        """The MIME message: UTF-8 text, optional HTML alternative, encoded headers."""
        chosen = policy.SMTPUTF8 if self.needs_smtputf8 else policy.SMTP
        msg = EmailMessage(policy=chosen)
        msg["From"] = self.sender.header()
        msg["To"] = [box.header() for box in self.to]
        msg["Subject"] = self.subject
        msg["Date"] = format_datetime(date)
        msg["Message-ID"] = self.message_id
        if self.in_reply_to:
            msg["In-Reply-To"] = self.in_reply_to
        if self.references:
            msg["References"] = " ".join(self.references)
        msg["MIME-Version"] = "1.0"
        body = self.body.replace("\r\n", "\n").replace("\r", "\n")
        if not body.endswith("\n"):
            body += "\n"
        msg.set_content(body, charset="utf-8", cte="quoted-printable")
        if self.html is not None:
            msg.add_alternative(self.html, subtype="html", charset="utf-8", cte="quoted-printable")
        return msg

    def as_bytes(self, date: datetime) -> bytes:
        return self.build(date).as_bytes()
