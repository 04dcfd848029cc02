"""The draft file format of `check`: optional `Subject:`/`Onderwerp:` header for email, then the body."""

from __future__ import annotations

import re

from afterword.core.model import Channel

_HEADER = re.compile(r"^[ \t]*([A-Za-z][A-Za-z-]{0,20})[ \t]*:[ \t]*(.*)$")
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_SUBJECT_NAMES = frozenset({"subject", "onderwerp"})
#: Header names accepted (and ignored) around the subject, as mail programs copy them.
_OTHER_HEADERS = frozenset({"to", "aan", "cc", "bcc", "from", "van", "date", "datum", "reply-to"})


def normalise_text(text: str) -> str:
    """Drop a byte-order mark and turn CRLF / CR line endings into LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_draft_text(text: str, channel: Channel) -> tuple[str | None, str]:
    """Split a draft file into (subject, body).

    For email, leading header lines (`Subject:` or `Onderwerp:`, case-insensitive, optionally with
    `To:`/`Aan:`/`Cc:` and the like) end at a blank line; the rest is the body. Without a subject
    header the subject is None and the whole text is the body. For LinkedIn and X the whole text
    is the message. The body loses leading blank lines and trailing white space.
    """
    text = normalise_text(text)
    subject: str | None = None
    if channel is Channel.EMAIL:
        lines = text.split("\n")
        index = 0
        while index < len(lines) and not lines[index].strip():
            index += 1
        first = index
        found: str | None = None
        while index < len(lines) and index - first < 20:
            match = _HEADER.match(lines[index])
            if not match:
                break
            name = match.group(1).lower()
            if name in _SUBJECT_NAMES:
                found = match.group(2).strip()
            elif name not in _OTHER_HEADERS:
                break
            index += 1
        if found is not None:
            subject = found
            text = "\n".join(lines[index:])
    body = _LEADING_BLANK_LINES.sub("", text).rstrip()
    return subject, body
