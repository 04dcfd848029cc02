"""Recurring invitations: pick the one occurrence the candidate is following up on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from afterword.core.errors import InputError
from afterword.core.model import DEFAULT_DURATION, FOLLOW_UP_WINDOW, add_absolute
from afterword.core.timeutil import format_moment

MAX_OCCURRENCES = 20_000


@dataclass(frozen=True)
class Occurrence:
    start: datetime
    end: datetime | None
    override: Any = None  # the VEVENT with a RECURRENCE-ID that replaces this occurrence


def pick_occurrence(
    ical_event: Any,
    start: datetime,
    end: datetime | None,
    *,
    now: datetime,
    on: date | None,
    filename: str,
    line: int,
    overrides: Sequence[tuple[datetime, Any]] = (),
) -> Occurrence:
    """The occurrence on date `on`, else the first whose follow-up deadline is still ahead of `now`.

    Occurrences repeat in wall-clock time in the event's zone (14:00 stays 14:00 across a DST change).
    """
    from dateutil.rrule import rruleset, rrulestr  # type: ignore[import-untyped]

    duration = (end.astimezone(UTC) - start.astimezone(UTC)) if end is not None else None
    rules = rruleset()
    has_rule = False
    for value in _as_list(ical_event.get("RRULE")):
        text = value.to_ical().decode() if hasattr(value, "to_ical") else str(value)
        check_rule(text, filename=filename, line=line)
        try:
            rules.rrule(rrulestr(_until_compatible(text, start), dtstart=start))
        except (ValueError, TypeError) as exc:
            raise InputError(f"cannot read the recurrence rule `{text}`: {exc}", file=filename, line=line) from None
        has_rule = True
    rules.rdate(start)
    for name, add in (("RDATE", rules.rdate), ("EXDATE", rules.exdate)):
        try:
            moments = _dates(ical_event.get(name), start)
        except Exception:  # icalendar 7 raises BrokenCalendarProperty for a value it could not parse
            raise InputError(f"cannot read {name} of the recurring event", file=filename, line=line) from None
        for moment in moments:
            add(moment)
    replaced = {when.astimezone(UTC): event for when, event in overrides}
    last: datetime | None = None
    for count, occ in enumerate(rules):
        if count >= MAX_OCCURRENCES:
            break
        occ_end = add_absolute(occ, duration) if duration is not None else None
        last = occ
        if on is not None:
            if occ.date() == on:
                return Occurrence(occ, occ_end, replaced.get(occ.astimezone(UTC)))
            if occ.date() > on:
                break
            continue
        deadline = add_absolute(occ_end or add_absolute(occ, DEFAULT_DURATION), FOLLOW_UP_WINDOW)
        if deadline > now:
            return Occurrence(occ, occ_end, replaced.get(occ.astimezone(UTC)))
    if on is not None:
        raise InputError(f"the recurring event has no occurrence on {on.isoformat()}", file=filename, line=line,
                         key="--occurrence")
    kind = "recurring event" if has_rule else "event"
    ended = f"; its last occurrence was {format_moment(last)}" if last is not None else ""
    raise InputError(f"every occurrence of this {kind} is more than 24 hours past{ended}; pass --occurrence DATE",
                     file=filename, line=line)


#: The most days a month can have (February: 29), for a rule that names a day no month has.
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
MAX_INTERVAL = 1000


def check_rule(text: str, *, filename: str, line: int) -> None:
    """Refuse a rule whose expansion would never end: INTERVAL=0 (dateutil never advances and spins
    forever), a nonsense interval, or days no month has (Feb 30: dateutil searches to the year 9999).

    Checked before dateutil sees the rule, so reading an invitation always ends."""
    parts = {key.strip().upper(): value.strip() for key, _, value in (p.partition("=") for p in text.split(";"))}

    def refuse(message: str) -> InputError:
        return InputError(f"the recurrence rule `{text}` {message}", file=filename, line=line, key="RRULE")

    interval = parts.get("INTERVAL", "1")
    if not interval.isdigit() or not 1 <= int(interval) <= MAX_INTERVAL:
        raise refuse(f"needs an INTERVAL from 1 to {MAX_INTERVAL}")
    count = parts.get("COUNT")
    if count is not None and (not count.isdigit() or int(count) < 1):
        raise refuse("needs a COUNT of 1 or more")
    months = _numbers(parts.get("BYMONTH"))
    days = _numbers(parts.get("BYMONTHDAY"))
    if months is None or days is None:
        raise refuse("has a BYMONTH or BYMONTHDAY that is not a list of numbers")
    if days:
        wanted = [m for m in months if 1 <= m <= 12] if months else list(range(1, 13))
        if not any(1 <= abs(d) <= _MONTH_DAYS[m - 1] for m in wanted for d in days):
            raise refuse("names a day no month of it has, so it never happens")


def _numbers(value: str | None) -> list[int] | None:
    if not value:
        return []
    found: list[int] = []
    for item in value.split(","):
        item = item.strip()
        if not item.lstrip("+-").isdigit() or len(item) > 4:
            return None
        found.append(int(item))
    return found


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _dates(value: Any, start: datetime) -> list[datetime]:
    out: list[datetime] = []
    for item in _as_list(value):
        for entry in getattr(item, "dts", []):
            moment = entry.dt
            if isinstance(moment, tuple):  # a PERIOD
                moment = moment[0]
            if isinstance(moment, datetime):
                if moment.tzinfo is None:
                    moment = moment.replace(tzinfo=start.tzinfo)
                out.append(moment.astimezone(start.tzinfo))
            elif isinstance(moment, date):
                out.append(start.replace(year=moment.year, month=moment.month, day=moment.day))
    return out


def _until_compatible(rule: str, start: datetime) -> str:
    """dateutil wants UNTIL in UTC when DTSTART is aware; some clients write a local UNTIL."""
    parts = []
    for part in rule.split(";"):
        key, _, value = part.partition("=")
        if key.upper() == "UNTIL" and "T" in value and not value.endswith("Z"):
            local = datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=start.tzinfo)
            value = local.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        elif key.upper() == "UNTIL" and "T" not in value:
            day = datetime.strptime(value, "%Y%m%d").replace(hour=23, minute=59, second=59, tzinfo=start.tzinfo)
            value = day.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        parts.append(f"{key}={value}" if value else part)
    return ";".join(parts)
