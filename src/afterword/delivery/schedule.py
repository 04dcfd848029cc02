"""Suggest a send time inside the recipient's office hours and inside the 24-hour window (pure; `now` given)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from afterword.core.model import Interview, Language
from afterword.core.timeutil import format_moment
from afterword.plan import OFFICE_END, OFFICE_START, in_office_hours, recipient_zone
from afterword.plan import next_opening as _next_opening

__all__ = ["OFFICE_END", "OFFICE_START", "Suggestion", "in_office_hours", "recipient_zone", "suggest_send_time"]

STEP = timedelta(minutes=5)


@dataclass(frozen=True)
class Suggestion:
    """`at` is in the recipient's zone. `office_hours` is false when the window holds none."""

    at: datetime
    office_hours: bool
    reason: str


def _round_up(moment: datetime) -> datetime:
    base = moment.replace(second=0, microsecond=0)
    if base < moment:
        base += timedelta(minutes=1)
    extra = (-base.minute) % 5
    return base + timedelta(minutes=extra)


def suggest_send_time(interview: Interview, now: datetime, language: Language = Language.EN) -> Suggestion:
    """The earliest moment in office hours after the interview ended and before its deadline.

    Sending during the interview itself makes no sense, so the window opens at its end.
    Without office hours in the window the answer is "as soon as possible" (never after the deadline).
    """
    zone = recipient_zone(interview)
    deadline = interview.deadline
    earliest = _round_up(max(now, interview.effective_end))
    nl = language is Language.NL
    if earliest >= deadline:
        at = _round_up(now).astimezone(zone)
        reason = ("de 24 uur zijn al voorbij; verstuur zo snel mogelijk" if nl
                  else "the 24 hours have passed; send as soon as possible")
        return Suggestion(at, in_office_hours(at, zone), reason)
    opening = _next_opening(earliest, zone)
    if opening < deadline:
        at = opening.astimezone(zone)
        if at == earliest.astimezone(zone):
            reason = "nu valt binnen kantoortijd" if nl else "now is inside office hours"
        else:
            reason = (f"eerste moment binnen kantoortijd (09:00–17:00) vóór de deadline {format_moment(deadline, language)}"
                      if nl else
                      f"first moment inside office hours (09:00–17:00) before the deadline "
                      f"{format_moment(deadline, language)}")
        return Suggestion(at, True, reason)
    at = earliest.astimezone(zone)
    reason = ("geen kantoortijd meer vóór de deadline; verstuur nu" if nl
              else "no office hours left before the deadline; send now")
    return Suggestion(at, False, reason)
