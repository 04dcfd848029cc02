"""Time helpers: zones, ISO parsing for --now/--sent-at, countdowns and dates in en/nl."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from afterword.core.errors import InputError
from afterword.core.model import Language
from afterword.core.text import Text


class ZoneError(ValueError):
    """Not an IANA time zone name; `text` says so in English and Dutch."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def load_zone(name: str) -> ZoneInfo:
    if not name or name != name.strip() or name.startswith(("/", ".")) or ".." in name:
        raise ZoneError(Text(f"`{name}` is not an IANA time zone name such as Europe/Amsterdam",
                             f"`{name}` is geen IANA-tijdzonenaam zoals Europe/Amsterdam"))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ZoneError(Text(f"unknown time zone `{name}`; expected an IANA name such as Europe/Amsterdam",
                             f"onbekende tijdzone `{name}`; verwacht een IANA-naam zoals Europe/Amsterdam")) from None


#: The years a moment Afterword works with may fall in. A follow-up's deadline, reminders and check-ins
#: lie days or weeks after it, and year 1 or 9999 with an offset does not even fit in UTC.
MIN_YEAR, MAX_YEAR = 1900, 2999


def in_range(moment: datetime) -> bool:
    """Whether `moment` (aware) lies in the years MIN_YEAR–MAX_YEAR, in UTC and in its own offset."""
    try:
        utc = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return False
    return MIN_YEAR <= moment.year <= MAX_YEAR and MIN_YEAR <= utc.year <= MAX_YEAR


def parse_instant(text: str, *, option: str = "--now") -> datetime:
    """Parse an ISO 8601 date-time that must carry a UTC offset, in the years MIN_YEAR–MAX_YEAR."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            f"`{text}` is not an ISO 8601 date-time; expected e.g. 2026-11-28T09:00:00+01:00", key=option
        ) from None
    if moment.tzinfo is None:
        raise InputError(
            f"`{text}` has no UTC offset; expected e.g. 2026-11-28T09:00:00+01:00", key=option
        )
    if not in_range(moment):
        raise InputError(f"`{text}` is not between the years {MIN_YEAR} and {MAX_YEAR}", key=option)
    return moment


def iso(moment: datetime) -> str:
    """ISO 8601 with offset, seconds precision."""
    return moment.replace(microsecond=0).isoformat()


_UNITS = {
    Language.EN: ("d", "h", "min"),
    Language.NL: ("d", "u", "min"),
}


def format_duration(delta: timedelta, language: Language = Language.EN) -> str:
    """`1 d 3 h 20 min` / `1 d 3 u 20 min`; under a minute shows `0 min`."""
    day, hour, minute = _UNITS[language]
    total = int(abs(delta).total_seconds()) // 60
    days, rest = divmod(total, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} {day}")
    if hours or days:
        parts.append(f"{hours} {hour}")
    if not days:
        parts.append(f"{minutes} {minute}")
    return " ".join(parts)


def format_remaining(delta: timedelta, language: Language = Language.EN) -> str:
    """A countdown: `3 h 20 min left` or `2 h 5 min overdue` (Dutch: `nog 3 u 20 min`, `2 u 5 min te laat`)."""
    span = format_duration(delta, language)
    if delta >= timedelta(0):
        return f"nog {span}" if language is Language.NL else f"{span} left"
    return f"{span} te laat" if language is Language.NL else f"{span} overdue"


_MONTHS = {
    Language.EN: ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"),
    Language.NL: ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                  "september", "oktober", "november", "december"),
}
_WEEKDAYS = {
    Language.EN: ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    Language.NL: ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
}


def format_date(moment: datetime, language: Language = Language.EN, *, weekday: bool = True) -> str:
    """`Friday 27 November 2026` / `vrijdag 27 november 2026`."""
    text = f"{moment.day} {_MONTHS[language][moment.month - 1]} {moment.year}"
    return f"{_WEEKDAYS[language][moment.weekday()]} {text}" if weekday else text


def format_moment(moment: datetime, language: Language = Language.EN) -> str:
    """`Friday 27 November 2026, 15:30 (+01:00)`; Dutch writes `om 15:30`."""
    offset = moment.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else ""
    clock = f"{moment:%H:%M}"
    joined = f"{format_date(moment, language)} om {clock}" if language is Language.NL else (
        f"{format_date(moment, language)}, {clock}"
    )
    return f"{joined} ({offset})" if offset else joined
