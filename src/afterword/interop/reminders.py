"""Reminders as iCalendar (RFC 5545): one event per follow-up deadline, with alarms, in en or nl."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from afterword.core.model import Interview, Language, add_absolute
from afterword.core.timeutil import format_moment, load_zone

PRODID = "-//Afterword//Afterword reminders//EN"
#: The event is a slot just before the deadline; it ends at the deadline.
SLOT = timedelta(minutes=30)
FRESH_AFTER_END = timedelta(hours=2)
BEFORE_DEADLINE = timedelta(hours=4)

_TEXT: dict[Language, dict[str, str]] = {
    Language.EN: {
        "summary": "Follow-up deadline: {company} – {role}",
        "interview": "Interview: {role} at {company}, {start}.",
        "deadline": "Send your follow-ups before {deadline} (24 hours after the interview).",
        "who": "Who to write to:",
        "nobody": "No contacts in the notes yet: add everyone you met.",
        "fresh": "Write your follow-ups to {company} while the interview is fresh.",
        "before": "4 hours left to send your follow-ups to {company} (deadline {time}).",
        "calname": "Afterword: follow-up deadlines",
    },
    Language.NL: {
        "summary": "Deadline follow-up: {company} – {role}",
        "interview": "Gesprek: {role} bij {company}, {start}.",
        "deadline": "Verstuur je follow-ups vóór {deadline} (24 uur na het gesprek).",
        "who": "Aan wie je schrijft:",
        "nobody": "Nog geen contactpersonen in je aantekeningen: voeg iedereen toe die je sprak.",
        "fresh": "Schrijf je follow-ups aan {company} nu het gesprek nog vers is.",
        "before": "Nog 4 uur om je follow-ups aan {company} te versturen (deadline {time}).",
        "calname": "Afterword: deadlines voor follow-ups",
    },
}


def interview_key(interview: Interview) -> str:
    """A stable identity for an interview without a database id: who, where, what, when."""
    text = "\x1f".join([
        interview.candidate.name, interview.company, interview.role,
        interview.start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"),
    ])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def write_reminders(
    interviews: Sequence[Interview],
    *,
    now: datetime,
    keys: Sequence[str] | None = None,
    language: Language | None = None,
) -> bytes:
    """The calendar as bytes (UTF-8, CRLF, folded): one VEVENT per interview deadline.

    `keys` (e.g. database ids) make the UIDs; by default a hash of the interview's identity.
    Alarms whose moment has passed at `now` are left out, so a client does not fire them at once.
    """
    from icalendar import Calendar

    if keys is not None and len(keys) != len(interviews):
        raise ValueError("keys must match interviews one to one")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    langs = {language or i.effective_language for i in interviews} or {Language.EN}
    cal.add("x-wr-calname", _TEXT[langs.pop() if len(langs) == 1 else Language.EN]["calname"])
    for index, interview in enumerate(interviews):
        key = keys[index] if keys is not None else interview_key(interview)
        cal.add_component(_event(interview, key, now, language or interview.effective_language))
    cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data


def _event(interview: Interview, key: str, now: datetime, lang: Language) -> Any:
    from icalendar import Alarm, Event

    text = _TEXT[lang]
    zone = load_zone(interview.timezone) if interview.timezone else UTC
    deadline = interview.deadline.astimezone(zone)
    start = add_absolute(deadline, -SLOT)
    names = {"company": interview.company, "role": interview.role}
    event = Event()
    event.add("uid", f"{key}-deadline@afterword.invalid")
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", start)
    event.add("dtend", deadline)
    event.add("summary", text["summary"].format(**names))
    event.add("description", _description(interview, lang, deadline))
    event.add("categories", ["Afterword"])
    event.add("transp", "TRANSPARENT")
    event.add("status", "CONFIRMED")
    if interview.language is not None or lang is not Language.EN:
        event["summary"].params["LANGUAGE"] = str(lang)
    fresh = add_absolute(interview.effective_end, FRESH_AFTER_END).astimezone(UTC)
    if fresh > now and fresh < deadline:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", text["fresh"].format(**names))
        # absolute: it belongs to the interview, not to this slot
        alarm.add("trigger", fresh, parameters={"VALUE": "DATE-TIME"})
        event.add_component(alarm)
    before = add_absolute(deadline, -BEFORE_DEADLINE)
    if before > now:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", text["before"].format(time=f"{deadline:%H:%M}", **names))
        alarm.add("trigger", -(BEFORE_DEADLINE - SLOT))  # relative to the start of the slot
        event.add_component(alarm)
    return event


def _description(interview: Interview, lang: Language, deadline: datetime) -> str:
    text = _TEXT[lang]
    start = interview.start
    lines = [
        text["interview"].format(role=interview.role, company=interview.company, start=format_moment(start, lang)),
        text["deadline"].format(deadline=format_moment(deadline, lang)),
        "",
    ]
    if interview.contacts:
        lines.append(text["who"])
        for contact in interview.contacts:
            channels = ", ".join(str(ch) for ch in contact.channels)
            lines.append(f"- {contact.name}" + (f" ({channels})" if channels else ""))
    else:
        lines.append(text["nobody"])
    return "\n".join(lines)
