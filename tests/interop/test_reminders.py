"""Reminder calendars: valid RFC 5545 read back by icalendar and by vobject, alarms, DST, en and nl."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from afterword.core.model import Candidate, Contact, Interview, Language
from afterword.interop.reminders import interview_key, write_reminders

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def interview(**changes: Any) -> Interview:
    base = Interview(
        candidate=Candidate("Sam Jansen"),
        company="Acme Logistics",
        role="Head of Data Platform, EU",
        start=datetime(2026, 11, 27, 14, 0, tzinfo=AMS),
        end=datetime(2026, 11, 27, 15, 30, tzinfo=AMS),
        timezone="Europe/Amsterdam",
        language=Language.EN,
        contacts=(
            Contact("maria", "Maria de Vries", email="maria@acme.example", linkedin="https://www.linkedin.com/in/m"),
            Contact("els", "Els van den Berg; COO", x="@els"),
        ),
    )
    return replace(base, **changes)


def icalendar_events(data: bytes) -> list[Any]:
    import icalendar

    cal = icalendar.Calendar.from_ical(data)
    return list(cal.walk("VEVENT"))


def vobject_events(data: bytes) -> list[Any]:
    import vobject

    cal = vobject.readOne(data.decode("utf-8"), validate=True)
    return list(cal.vevent_list)


def test_one_event_per_interview_with_both_alarms_read_by_icalendar() -> None:
    data = write_reminders([interview()], now=NOW)
    (event,) = icalendar_events(data)
    deadline = datetime(2026, 11, 28, 15, 30, tzinfo=AMS)
    assert event["DTEND"].dt == deadline
    assert event["DTEND"].params["TZID"] == "Europe/Amsterdam"
    assert event["DTSTART"].dt == deadline - timedelta(minutes=30)
    assert event["DTSTAMP"].dt == NOW
    assert str(event["SUMMARY"]) == "Follow-up deadline: Acme Logistics – Head of Data Platform, EU"
    description = str(event["DESCRIPTION"])
    assert "Maria de Vries (email, linkedin)" in description
    assert "Els van den Berg; COO (x)" in description
    alarms = event.walk("VALARM")
    assert len(alarms) == 2
    fresh, before = alarms
    # absolute: 2 hours after the interview ended
    assert fresh["TRIGGER"].params["VALUE"] == "DATE-TIME"
    assert fresh["TRIGGER"].dt == datetime(2026, 11, 27, 16, 30, tzinfo=UTC)
    assert "fresh" in str(fresh["DESCRIPTION"])
    # relative to the slot's start, which makes 4 hours before the deadline
    assert event["DTSTART"].dt + before["TRIGGER"].dt == deadline - timedelta(hours=4)
    assert all(str(a["ACTION"]) == "DISPLAY" for a in alarms)


def test_read_back_by_vobject_an_independent_parser() -> None:
    data = write_reminders([interview(), interview(company="Globex", language=Language.NL)], now=NOW)
    events = vobject_events(data)
    assert len(events) == 2
    first, second = events
    assert first.dtend.value == datetime(2026, 11, 28, 15, 30, tzinfo=AMS)
    assert first.summary.value == "Follow-up deadline: Acme Logistics – Head of Data Platform, EU"
    assert second.summary.value == "Deadline follow-up: Globex – Head of Data Platform, EU"
    assert "Verstuur je follow-ups vóór zaterdag 28 november 2026 om 15:30" in second.description.value
    triggers = [a.trigger.value for a in first.contents["valarm"]]
    assert triggers[0] == datetime(2026, 11, 27, 16, 30, tzinfo=UTC)
    assert triggers[1] == -timedelta(hours=3, minutes=30)
    assert first.uid.value != second.uid.value


def test_uid_is_stable_and_keys_are_used() -> None:
    one = write_reminders([interview()], now=NOW)
    two = write_reminders([interview()], now=NOW + timedelta(hours=1))
    assert icalendar_events(one)[0]["UID"] == icalendar_events(two)[0]["UID"]
    assert interview_key(interview()) != interview_key(interview(company="Globex"))
    keyed = write_reminders([interview()], now=NOW, keys=["42"])
    assert str(icalendar_events(keyed)[0]["UID"]) == "42-deadline@afterword.invalid"
    with pytest.raises(ValueError):
        write_reminders([interview()], now=NOW, keys=[])


def test_wire_format_crlf_folding_escaping() -> None:
    long_role = "Senior Principal Data Platform Engineer for Real-time Shipment Visibility, EU; Benelux"
    data = write_reminders([interview(role=long_role)], now=NOW)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # folding never splits a multi-byte character
    assert b"EU\\; Benelux" in data.replace(b"\r\n ", b"")  # escaped
    assert b"PRODID:" in data and b"VERSION:2.0" in data
    assert b"BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam" in data


def test_dutch_texts() -> None:
    data = write_reminders([interview(language=Language.NL)], now=NOW)
    (event,) = icalendar_events(data)
    assert str(event["SUMMARY"]).startswith("Deadline follow-up: Acme Logistics")
    assert event["SUMMARY"].params["LANGUAGE"] == "nl"
    assert "Aan wie je schrijft:" in str(event["DESCRIPTION"])
    alarms = event.walk("VALARM")
    assert "nu het gesprek nog vers is" in str(alarms[0]["DESCRIPTION"])
    assert str(alarms[1]["DESCRIPTION"]).startswith("Nog 4 uur")
    override = write_reminders([interview(language=Language.NL)], now=NOW, language=Language.EN)
    assert str(icalendar_events(override)[0]["SUMMARY"]).startswith("Follow-up deadline")


def test_passed_alarms_are_left_out() -> None:
    late = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)  # after the fresh alarm and 4 h before the deadline
    (event,) = icalendar_events(write_reminders([interview()], now=late))
    assert event.walk("VALARM") == []
    middle = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)
    (event,) = icalendar_events(write_reminders([interview()], now=middle))
    assert len(event.walk("VALARM")) == 1


def test_deadline_across_the_dst_change() -> None:
    # Saturday 24 Oct 2026 14:00-15:00 CEST; the clocks go back on Sunday: the deadline is 14:00 CET
    dst = interview(start=datetime(2026, 10, 24, 14, 0, tzinfo=AMS), end=datetime(2026, 10, 24, 15, 0, tzinfo=AMS))
    now = datetime(2026, 10, 24, 8, 0, tzinfo=UTC)
    data = write_reminders([dst], now=now)
    assert b"DTEND;TZID=Europe/Amsterdam:20261025T140000" in data
    for end in (icalendar_events(data)[0]["DTEND"].dt, vobject_events(data)[0].dtend.value):
        assert end.astimezone(UTC) == datetime(2026, 10, 25, 13, 0, tzinfo=UTC)
    fresh = icalendar_events(data)[0].walk("VALARM")[0]["TRIGGER"].dt
    assert fresh == datetime(2026, 10, 24, 15, 0, tzinfo=UTC)  # 17:00 CEST


def test_interview_without_zone_is_written_in_utc() -> None:
    fixed = interview(start=datetime(2026, 11, 27, 14, 0, tzinfo=UTC).astimezone(),
                      end=None, timezone=None, contacts=())
    data = write_reminders([fixed], now=NOW)
    (event,) = icalendar_events(data)
    assert event["DTEND"].dt == datetime(2026, 11, 28, 15, 0, tzinfo=UTC)
    assert b"DTEND:20261128T150000Z" in data
    assert "No contacts" in str(event["DESCRIPTION"])
    assert len(vobject_events(data)) == 1
