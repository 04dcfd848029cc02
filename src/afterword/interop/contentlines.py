"""Content lines of iCalendar and vCard files (RFC 5545 / 6350 / vCard 2.1), with line numbers.

The third-party parsers do not say *where* a file is broken, and vobject gives up on
vCard 2.1 quoted-printable soft line breaks that phones and Outlook write. This reader
is liberal (BOM, any line ending, cp1252 fallback, blank lines, soft breaks) and exact
about what it cannot read: every error names the file and the physical line.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field

from afterword.core.errors import InputError

MAX_BYTES = 5_000_000

_NAME = re.compile(r"^(?:[A-Za-z0-9-]+\.)?[A-Za-z0-9-]+$")


@dataclass(frozen=True)
class ContentLine:
    """`NAME;PARAM=a,b:value` unfolded; `name` is upper case without its group (`item1.`)."""

    name: str
    params: dict[str, list[str]]
    value: str
    line: int
    group: str | None = None

    def param(self, key: str) -> list[str]:
        return self.params.get(key.upper(), [])

    def types(self) -> set[str]:
        """TYPE values in upper case, including vCard 2.1 bare parameters (`EMAIL;PREF;WORK:`)."""
        out = {t.upper() for value in self.param("TYPE") for t in value.split(",") if t}
        out.update(self.param(""))
        return out

    @property
    def quoted_printable(self) -> bool:
        return "QUOTED-PRINTABLE" in {v.upper() for v in self.param("ENCODING")} | set(self.param(""))


@dataclass
class Component:
    """A BEGIN/END block with its own lines and nested components."""

    name: str
    line: int
    lines: list[ContentLine] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def all(self, name: str) -> list[ContentLine]:
        return [cl for cl in self.lines if cl.name == name]

    def first(self, name: str) -> ContentLine | None:
        for cl in self.lines:
            if cl.name == name:
                return cl
        return None


def decode(data: bytes | str, filename: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else Windows-1252; binary files are refused."""
    if isinstance(data, str):
        text = data
    else:
        if len(data) > MAX_BYTES:
            raise InputError(f"file is larger than {MAX_BYTES:,} bytes", file=filename)
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with a BOM, as some Windows tools write
            try:
                return data.decode("utf-16").lstrip("\ufeff")
            except UnicodeDecodeError:
                raise InputError("is not valid UTF-16 text", file=filename) from None
        if b"\x00" in data[:4096]:
            raise InputError("is a binary file (UTF-16 or not text); expected a text file", file=filename)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return text.lstrip("\ufeff")


def logical_lines(text: str, filename: str) -> list[tuple[int, str]]:
    """Unfold: a physical line starting with a space or tab continues the previous one.

    A vCard 2.1 quoted-printable value ending in `=` continues on the next line too.
    Blank lines are skipped. Returns (physical line number, logical line).
    """
    physical = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[tuple[int, str]] = []
    soft_break = False
    for number, raw in enumerate(physical, start=1):
        if soft_break and out:
            start, previous = out[-1]
            out[-1] = (start, previous[:-1] + raw if previous.endswith("=") else previous + raw)
            soft_break = raw.endswith("=")
            continue
        if raw[:1] in (" ", "\t") and out:
            start, previous = out[-1]
            out[-1] = (start, previous + raw[1:])
        elif raw.strip():
            out.append((number, raw))
        else:
            continue
        soft_break = raw.endswith("=") and _is_quoted_printable(out[-1][1])
    return out


def _is_quoted_printable(logical: str) -> bool:
    head = logical.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def parse_line(raw: str, number: int, filename: str) -> ContentLine:
    """One logical line → ContentLine; quoted parameter values may contain `:` `;` `,`."""
    i = 0
    n = len(raw)
    while i < n and raw[i] not in ";:":
        i += 1
    full_name = raw[:i].strip()
    if i >= n or not full_name or not _NAME.match(full_name):
        shown = raw if len(raw) <= 60 else raw[:57] + "..."
        raise InputError(
            f"cannot read line `{shown}`; expected NAME:value (e.g. SUMMARY:Interview)", file=filename, line=number
        )
    group, _, name = full_name.rpartition(".")
    params: dict[str, list[str]] = {}
    while i < n and raw[i] == ";":
        i += 1
        start = i
        while i < n and raw[i] not in "=;:":
            i += 1
        key = raw[start:i].strip().upper()
        if i < n and raw[i] == "=":
            i += 1
            values: list[str] = []
            while True:
                if i < n and raw[i] == '"':
                    end = raw.find('"', i + 1)
                    if end < 0:
                        raise InputError(f"unclosed quote in the parameters of {name.upper()}", file=filename,
                                         line=number)
                    values.append(raw[i + 1:end])
                    i = end + 1
                else:
                    start = i
                    while i < n and raw[i] not in ",;:":
                        i += 2 if raw[i] == "\\" and i + 1 < n and raw[i + 1] in ",;" else 1
                    values.append(raw[start:i])
                if i < n and raw[i] == ",":
                    i += 1
                    continue
                break
            params.setdefault(key, []).extend(values)
        elif key:
            # vCard 2.1 bare parameter: `TEL;WORK;VOICE:` means TYPE=WORK,VOICE
            params.setdefault("", []).append(key)
    if i >= n or raw[i] != ":":
        raise InputError(f"no `:` after the parameters of {name.upper()}", file=filename, line=number)
    return ContentLine(name.upper(), params, raw[i + 1:], number, group or None)


def read_components(data: bytes | str, filename: str) -> list[Component]:
    """Parse a whole file into its top-level BEGIN/END components; structure errors name the line."""
    text = decode(data, filename)
    roots: list[Component] = []
    stack: list[Component] = []
    for number, raw in logical_lines(text, filename):
        cl = parse_line(raw, number, filename)
        if cl.name == "BEGIN":
            comp = Component(cl.value.strip().upper(), number)
            if not comp.name:
                raise InputError("BEGIN without a component name", file=filename, line=number)
            if stack and stack[-1].name == comp.name and comp.name in {"VCARD", "VEVENT", "VCALENDAR", "VALARM"}:
                raise InputError(
                    f"BEGIN:{comp.name} inside BEGIN:{comp.name} (line {stack[-1].line}): missing END:{comp.name} "
                    "before this line", file=filename, line=number,
                )
            (stack[-1].children if stack else roots).append(comp)
            stack.append(comp)
        elif cl.name == "END":
            closing = cl.value.strip().upper()
            if not stack:
                raise InputError(f"END:{closing} without a matching BEGIN", file=filename, line=number)
            if closing != stack[-1].name:
                raise InputError(
                    f"END:{closing} does not close BEGIN:{stack[-1].name} (line {stack[-1].line})",
                    file=filename, line=number,
                )
            stack.pop()
        elif not stack:
            raise InputError(f"{cl.name} outside any BEGIN/END block", file=filename, line=number)
        else:
            stack[-1].lines.append(cl)
    if stack:
        raise InputError(
            f"BEGIN:{stack[-1].name} is never closed (missing END:{stack[-1].name})", file=filename,
            line=stack[-1].line,
        )
    return roots


def text_value(cl: ContentLine, *, structured: bool = False) -> list[str]:
    """Decode a value: quoted-printable with CHARSET, then RFC escapes; split on `;` if structured."""
    raw = cl.value
    if cl.quoted_printable:
        charset = (cl.param("CHARSET") or ["utf-8"])[0]
        decoded = quopri.decodestring(raw.encode("latin-1", errors="replace"))
        try:
            raw = decoded.decode(charset, errors="replace")
        except LookupError:
            raw = decoded.decode("utf-8", errors="replace")
    parts: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\" and i + 1 < len(raw):
            nxt = raw[i + 1]
            current.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        if ch == ";" and structured:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts
