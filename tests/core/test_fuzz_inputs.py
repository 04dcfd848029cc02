"""Hostile input never crashes: notes, business cards, invitations, config.toml, drafts JSON (`check
--drafts`) and the time options (`--now`, `--at`) built at random give a result or an InputError (exit 2,
one line), never another exception (exit 3). About 12,000 cases per run (2,000 + 1,000 + 2,500 notes, 1,500 cards, 1,500
invitations, 1,700 config, 800 drafts JSON, 1,000 time options) (issue 15).

Notes are fuzzed two ways: raw text, and a valid notes file with one value swapped for something hostile
(another type, CR/LF, markup, huge or edge numbers and dates, deep nesting, a missing or duplicated key).
Notes that parse are then drafted and checked, which must not crash either."""

from __future__ import annotations

import contextlib
import json
import re
import tempfile
from datetime import UTC, datetime, timedelta, timezone
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


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_is_notes_or_a_clear_error(text: str) -> None:
    _parse_or_input_error(text)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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


# -- config.toml -------------------------------------------------------------------------------------------

CONFIG = """[smtp]
host = "smtp.example.org"
port = 587
security = "starttls"
username = "jan@example.org"
from = "Jan de Vries <jan@example.org>"
max_per_minute = 20

[imap]
host = "imap.example.org"
security = "tls"
username = "jan@example.org"
sent = "Sent"
save_sent = true
timeout = 30

[social]
linkedin_free_notes = 5
linkedin_premium = false

[reminders]
email_to_self = false

[ui]
language = "nl"
"""
_CONFIG_PAIRS = [i for i, line in enumerate(CONFIG.splitlines()) if " = " in line]
_HOME = Path(tempfile.mkdtemp(prefix="afterword-fuzz-"))


def _config_or_input_error(text: str) -> None:
    from afterword.delivery.config import CONFIG_NAME, load_config
    from afterword.service.settings import ui_language

    path = _HOME / CONFIG_NAME
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with contextlib.suppress(InputError):
        load_config(path, {"AFTERWORD_HOME": str(_HOME)})
    with contextlib.suppress(InputError):
        ui_language(None, {"AFTERWORD_HOME": str(_HOME)})


@settings(max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=10_000), _HOSTILE)
def test_a_hostile_value_in_config_is_a_clear_error(index: int, value: str) -> None:
    lines = CONFIG.splitlines()
    line_no = _CONFIG_PAIRS[index % len(_CONFIG_PAIRS)]
    lines[line_no] = f"{lines[line_no].split(' = ', 1)[0]} = {value}"
    _config_or_input_error("\n".join(lines) + "\n")


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_config_text_is_read_or_a_clear_error(text: str) -> None:
    _config_or_input_error(text)


# -- drafts JSON (check --drafts) -------------------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False) | st.text(max_size=30)
    | st.sampled_from(["grace", "email", "linkedin", "x", "", "\r\nBcc: x@y", "<script>", "x" * 3000]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["drafts", "contact", "channel", "subject", "body", "language", "x"]), inner, max_size=5),
    max_leaves=12,
)
_INTERVIEW = parse_notes(BASE, filename="northwind-panel.toml")


def _draft_item(contact: str) -> dict[str, object]:
    return {"contact": contact, "channel": "email", "subject": "Thank you", "body": "Dear Grace,\n\nThanks.\n"}


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=3), st.sampled_from(["contact", "channel", "subject", "body", None]),
       _JSON, st.booleans())
def test_hostile_drafts_json_is_a_clear_error(shape: int, key: str | None, value: object, raw: bool) -> None:
    from afterword.check import check_drafts
    from afterword.cli.check_cmd import _read_drafts_json

    contact = _INTERVIEW.contacts[0].id
    document: object
    if shape == 0:
        document = value
    elif shape == 1:
        document = {"drafts": value}
    else:
        item: dict[str, object] = _draft_item(contact)
        if key is None:
            item = value if isinstance(value, dict) else item  # type: ignore[assignment]
        else:
            item[key] = value
        document = {"drafts": [item] * (shape - 1)}
    path = _HOME / "drafts.json"
    text = json.dumps(document, ensure_ascii=False)
    if raw:  # cut the document short, or nest it beyond any sense
        text = text[: len(text) // 2] if shape % 2 else "[" * 100_000 + "]" * 100_000
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        drafts = _read_drafts_json(_INTERVIEW, str(path))
    except InputError:
        return
    if drafts and (len(text) % 10 == 0 or key == "body"):  # checking is slower: a tenth, and odd bodies
        check_drafts(_INTERVIEW, drafts[:1], sent_at=NOW)


# -- time options (--now, --at) ---------------------------------------------------------------------------

_OFFSET = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m)))
_MOMENT = st.builds(lambda d, tz: d.replace(tzinfo=tz).isoformat(),
                    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59)), _OFFSET)
_TIME_TEXT = st.one_of(
    _MOMENT, _MOMENT.map(lambda t: t.replace("T", " ")), st.text(max_size=40),
    st.sampled_from(["9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-23:59", "2999-12-31T23:59:59-23:59",
                     "1900-01-01T00:00:00+23:59", "now", "", " ", "2026-02-30T10:00:00+01:00", "2026-11-27",
                     "2026-11-27T10:00:00", "2026-11-27T25:00:00Z", "+275760-09-13T00:00:00Z", "2026-W48-5"]),
)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TIME_TEXT, st.sampled_from(["--now", "--at"]))
def test_any_time_option_is_a_moment_or_a_clear_error(text: str, option: str) -> None:
    """What `--now` and `--at` do with the moment: the plan and its time left, the deadline and the suggested
    send time, in both languages; one in twenty accepted moments also drafts."""
    from afterword.cli.common import resolve_now
    from afterword.core.model import Language
    from afterword.core.timeutil import format_moment, format_remaining
    from afterword.delivery.schedule import suggest_send_time
    from afterword.plan import make_plan

    try:
        now = resolve_now(text, option)
    except InputError:
        return
    plan = make_plan(_INTERVIEW, now)
    for language in Language:
        format_remaining(plan.deadline - now, language)
        format_moment(now, language)
        suggest_send_time(_INTERVIEW, now, language)
    if len(text) % 20 == 0:
        from afterword.service.drafting import draft_interview

        with contextlib.suppress(InputError):
            draft_interview(_INTERVIEW, now=now)
