"""Time zone names in calendar files → IANA zones (Windows names, Lotus/Mozilla prefixes, VTIMEZONE)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from functools import cache
from zoneinfo import ZoneInfo

from afterword.core.timeutil import ZoneError, load_zone

#: Where a Windows name covers several IANA zones, the one a Dutch or Belgian user expects.
_PREFERRED = {
    "W. Europe Standard Time": "Europe/Amsterdam",
    "Romance Standard Time": "Europe/Brussels",
    "GMT Standard Time": "Europe/London",
}
_NORTH_AMERICA = {"Eastern": "America/New_York", "Central": "America/Chicago", "Mountain": "America/Denver",
                  "Pacific": "America/Los_Angeles", "Alaska": "America/Anchorage", "Atlantic": "America/Halifax"}
#: Tried first when only the rules of a VTIMEZONE are known.
_COMMON = (
    "Europe/Amsterdam", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Helsinki", "Europe/Moscow",
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
    "America/Sao_Paulo", "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo", "Asia/Singapore", "Asia/Dubai",
    "Australia/Sydney", "Australia/Brisbane", "Australia/Perth", "Pacific/Auckland", "Africa/Johannesburg", "UTC",
)


def iana_name(tzid: str) -> str | None:
    """The IANA zone a TZID names, or None: `Europe/Amsterdam`, `"W. Europe Standard Time"`,
    `/mozilla.org/20050126_1/Europe/Amsterdam`, `(UTC+01:00) Amsterdam, Berlin, …`."""
    name = tzid.strip().strip('"').strip()
    if not name:
        return None
    if name in _PREFERRED:
        return _PREFERRED[name]
    if _valid(name):
        return name
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    mapped: str | None = WINDOWS_TO_OLSON.get(name)
    if mapped:
        return mapped
    parts = name.split("/")
    for start in range(1, len(parts) - 1):
        tail = "/".join(parts[start:])
        if _valid(tail):
            return tail
    return None


def city_zone(text: str) -> str | None:
    """`(UTC+01:00) Amsterdam, Berlin, Bern, Rome` → Europe/Amsterdam: the first city that names a zone."""
    import re

    if re.search(r"\b(?:US|Canada)\b", text):
        for region, zone in _NORTH_AMERICA.items():
            if re.search(rf"\b{region}\b", text, re.IGNORECASE):
                return zone
    for word in re.findall(r"[A-Za-z][A-Za-z .'-]{2,}", text):
        wanted = word.strip().lower()
        if wanted in {"utc", "gmt"}:
            continue
        for zone in _candidates():
            if _city(zone) == wanted:
                return zone
    return None


def _valid(name: str) -> bool:
    if "/" not in name and name not in {"UTC", "GMT"}:
        return False
    try:
        load_zone(name)
    except ZoneError:
        return False
    return True


def match_rules(tz: tzinfo, around: datetime, hint: str = "") -> str | None:
    """An IANA zone whose offsets equal `tz`'s through the year of `around` (a VTIMEZONE
    without a recognised name). A zone whose city is named in `hint` wins."""
    year = around.year
    probes = [datetime(year, month, day, 12, tzinfo=UTC) for month in range(1, 13) for day in (1, 8, 15, 22)]
    probes.append(around.astimezone(UTC) if around.tzinfo else around.replace(tzinfo=UTC))
    wanted = [_offset(tz, p) for p in probes]
    if any(w is None for w in wanted):
        return None
    lowered = hint.lower()
    matches = [name for name in _candidates() if [_offset(ZoneInfo(name), p) for p in probes] == wanted]
    if not matches:
        # Old Windows definitions often lag behind the law: the usual winter and summer offsets
        # and the event's own offset must agree, and a city named in the TZID must confirm it.
        loose = [probes[2], probes[26], probes[-1]]
        wanted_loose = [_offset(tz, p) for p in loose]
        matches = [name for name in _candidates() if _city(name) in lowered
                   and [_offset(ZoneInfo(name), p) for p in loose] == wanted_loose]
        return matches[0] if matches else None
    for name in matches:
        if _city(name) in lowered:
            return name
    for name in _COMMON:
        if name in matches:
            return name
    return matches[0]


def _city(name: str) -> str:
    return name.rsplit("/", 1)[-1].replace("_", " ").lower()


def _offset(tz: tzinfo, moment: datetime) -> timedelta | None:
    try:
        return moment.astimezone(tz).utcoffset()
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None


@cache
def _candidates() -> tuple[str, ...]:
    import zoneinfo

    names = [n for n in zoneinfo.available_timezones() if "/" in n and not n.startswith(("Etc/", "SystemV/"))
             and n.split("/")[0] in {"Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe",
                                     "Indian", "Pacific"}]
    return tuple(_COMMON) + tuple(sorted(set(names) - set(_COMMON)))
