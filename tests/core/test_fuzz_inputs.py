"""Hostile input never crashes: notes, business cards and invitations built at random give a result or an
InputError (exit 2, one line), never another exception (exit 3). About 10,000 cases per run (issue 15).

Notes are fuzzed two ways: raw text, and a valid notes file with one value swapped for something hostile
(another type, CR/LF, markup, huge or edge numbers and dates, deep nesting, a missing or duplicated key).
Notes that parse are then drafted and checked, which must not crash either."""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterword.core.errors import InputError
from afterword.core.notes import parse_notes

ROOT = Path(__file__).resolve().parents[2]
BASE = (ROOT / "examples" / "northwind-panel.toml").read_text("utf-8")
NOW = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)

#: Lines of the example that hold a `key = value` pair: the places a value is swapped.
_PAIRS = [i for i, line in enumerate(BASE.splitlines()) if re.match(r"^[a-z_]+ = ", line)]

_HOSTILE = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: repr(f).replace("inf", "inf").replace("nan", "nan")),
    st.sampled_from(["true", "[]", "{}", "[[]]", '"a\\r\\nBcc: x@y"', '"<script>alert(1)</script>"', '"{{ x }}"',
                     "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00Z", "1900-01-01", "2026-02-30T10:00:00",
                     '"' + "x" * 5000 + '"', "[" * 1000 + "]" * 1000, '"\\u0000"', '"\\ud800"', '""', '" "',
                     "{a = {b = {c = 1}}}", '["a", 1, true]', "2026-11-27T10:00:00", "10:00:00", "-0", "0x10"]),
    st.text(max_size=40).map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
)


def _swap(index: int, value: str) -> str:
    lines = BASE.splitlines()
    line_no = _PAIRS[index % len(_PAIRS)]
    key = lines[line_no].split(" = ", 1)[0]
    lines[line_no] = f"{key} = {value}"
    return "\n".join(lines) + "\n"


def _parse_or_input_error(text: str | bytes) -> object | None:
    try:
        return parse_notes(text, filename="fuzz.toml")
    except InputError:
        return None


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_is_notes_or_a_clear_error(text: str) -> None:
    _parse_or_input_error(text)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_are_notes_or_a_clear_error(data: bytes) -> None:
    _parse_or_input_error(data)


@settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=10_000), _HOSTILE)
def test_a_hostile_value_in_valid_notes_is_a_clear_error_or_still_drafts(index: int, value: str) -> None:
    interview = _parse_or_input_error(_swap(index, value))
    if interview is None or (index % 5 and not any(c.isdigit() for c in value)):
        return  # drafting is slower: every fifth case that parses, and every number or date, is drafted
    from afterword.core.model import Interview
    from afterword.service.drafting import draft_interview

    assert isinstance(interview, Interview)
    with contextlib.suppress(InputError):
        draft_interview(interview, now=NOW)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([
    "BEGIN:VCARD", "END:VCARD", "VERSION:3.0", "VERSION:4.0", "VERSION:2.1", "FN:Maria de Vries", "N:;;;;",
    "EMAIL:m@x.example", "EMAIL;TYPE=WORK:not an address", "TITLE:Lead\r\nBcc: x", "URL:https://www.linkedin.com/in/x",
    "FN;ENCODING=QUOTED-PRINTABLE:Mar=C3=ADa=", "=", " continued", "X-SOCIALPROFILE;TYPE=twitter:@x", "PHOTO;ENCODING=b:AAAA",
    "BEGIN:VCALENDAR", "", "FN:" + "x" * 3000, "EMAIL:\x00@x", "N:Vries;Maria;de;;",
]), max_size=30))
def test_any_business_card_file_is_read_or_a_clear_error(lines: list[str]) -> None:
    from afterword.interop.vcard import read_vcards

    with contextlib.suppress(InputError):
        read_vcards("\r\n".join(lines) + "\r\n", "fuzz.vcf")


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([
    "BEGIN:VCALENDAR", "END:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "END:VEVENT", "UID:1",
    "DTSTART:20261127T100000Z", "DTEND:20261127T110000Z", "DTSTART;TZID=Europe/Amsterdam:20261127T100000",
    "DTSTART;TZID=Nowhere/Else:20261127T100000", "DTSTART:99991231T235959Z", "DTSTART;VALUE=DATE:20261127",
    "DTEND:20261127T090000Z", "SUMMARY:Interview", "ORGANIZER;CN=Grace:mailto:g@x.example",
    "ATTENDEE;CN=Sam Jansen:mailto:s@x.example", "RRULE:FREQ=DAILY;INTERVAL=0", "RRULE:FREQ=WEEKLY;COUNT=0",
    "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "RRULE:FREQ=MINUTELY", "EXDATE:20261128T100000Z",
    "RECURRENCE-ID:20261128T100000Z", "BEGIN:VTIMEZONE", "END:VTIMEZONE", "TZID:Custom", "", "DTSTART:garbage",
]), max_size=30))
def test_any_invitation_is_read_or_a_clear_error(lines: list[str]) -> None:
    from afterword.interop.invitation import read_invitation

    with contextlib.suppress(InputError):
        read_invitation("\r\n".join(lines) + "\r\n", "fuzz.ics", now=NOW, candidate_name="Sam Jansen")
