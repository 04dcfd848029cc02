"""Invitations: Google, Teams/Exchange and Zoom shapes, zones, recurrence, choices and bad files."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.core.errors import InputError
from afterword.core.model import Language
from afterword.interop.invitation import Invitation, read_invitation
from tests.conftest import DATA

ICS = DATA / "ics"
NOW = datetime(2026, 11, 1, tzinfo=UTC)


def invite(name: str, **kwargs: object) -> Invitation:
    path = ICS / name
    kwargs.setdefault("now", NOW)
    return read_invitation(path.read_bytes(), str(path), **kwargs)  # type: ignore[arg-type]


def test_google_meet_invitation() -> None:
    result = invite("google-meet-amsterdam.ics")
    interview = result.interview
    assert (interview.company, interview.role) == ("Acme Logistics", "Head of Data Platform")
    assert interview.timezone == "Europe/Amsterdam"
    assert interview.start.isoformat() == "2026-11-27T14:00:00+01:00"
    assert interview.effective_end.isoformat() == "2026-11-27T15:30:00+01:00"
    assert interview.kind == "video"
    assert interview.language is Language.EN
    # the candidate (only guest outside the company's domain) and the meeting room are not contacts
    assert interview.candidate.name == "Sam Jansen"
    assert interview.candidate.email == "sam.jansen@gmail.com"
    assert [(c.id, c.name, c.email) for c in interview.contacts] == [
        ("lisa", "Lisa Bakker", "lisa.bakker@acme-logistics.example"),
        ("maria", "Maria de Vries", "maria.devries@acme-logistics.example"),
        ("tom", "Tom Okafor", "tom.okafor@acme-logistics.example"),  # CN was the address: name from it
    ]
    assert result.uid == "4k2p9s8v1q0c6m3d7f5h@google.com"
    assert any("sam.jansen@gmail.com" in g for g in result.guesses)


def test_teams_windows_zone_dutch() -> None:
    interview = invite("teams-windows-zone-nl.ics").interview
    assert interview.timezone == "Europe/Amsterdam"  # "W. Europe Standard Time"
    assert interview.start.isoformat() == "2026-11-26T14:00:00+01:00"
    assert (interview.company, interview.role) == ("Waterschap Rijnland", "Projectleider Digitalisering")
    assert interview.language is Language.NL
    assert interview.kind == "video"
    names = [c.name for c in interview.contacts]
    assert names == ["Anneke van der Meer", "Joost Verbeek"]  # Fatima declined


def test_zoom_utc_times_shown_in_the_calendars_zone() -> None:
    result = invite("zoom-utc.ics", candidate_name="Sam Jansen", candidate_email="sam@jansen.example")
    interview = result.interview
    assert interview.timezone == "America/New_York"
    assert interview.start.isoformat() == "2026-11-30T10:00:00-05:00"
    assert interview.start.astimezone(UTC) == datetime(2026, 11, 30, 15, tzinfo=UTC)
    assert (interview.company, interview.role) == ("Northwind Health", "Senior Product Manager")
    assert [c.name for c in interview.contacts] == ["Grace Whitfield"]


def test_caller_overrides_company_role_language_and_zone() -> None:
    interview = invite(
        "google-meet-amsterdam.ics", company="Acme", role="Data Lead", language=Language.NL,
        zone="Europe/London", candidate_email="sam.jansen@gmail.com",
    ).interview
    assert (interview.company, interview.role, interview.language) == ("Acme", "Data Lead", Language.NL)
    assert interview.timezone == "Europe/London"
    assert interview.start.isoformat() == "2026-11-27T13:00:00+00:00"


def test_floating_time_needs_a_zone() -> None:
    with pytest.raises(InputError) as info:
        invite("floating-no-timezone.ics", candidate_name="Sam Jansen")
    assert info.value.line == 7
    assert "--timezone" in info.value.message
    interview = invite("floating-no-timezone.ics", candidate_name="Sam Jansen", zone="Europe/Amsterdam").interview
    assert interview.start.isoformat() == "2026-11-27T10:00:00+01:00"
    assert (interview.company, interview.role) == ("Gemeente Utrecht", "Data Analyst")


def test_recurring_takes_first_occurrence_still_due_and_honours_exdate_and_override() -> None:
    # 6 Nov is excluded; 13 Nov was moved to 13:30 by a RECURRENCE-ID override with one more guest
    result = invite("recurring-weekly.ics")
    interview = result.interview
    assert interview.start.isoformat() == "2026-11-13T13:30:00+01:00"
    assert [c.name for c in interview.contacts] == ["Lisa Bakker", "Ravi Kumar"]
    assert interview.role == "Data Engineer"
    assert any("recurring" in g for g in result.guesses)


def test_recurring_the_day_after_the_interview_still_takes_it() -> None:
    now = datetime(2026, 10, 24, 8, 30, tzinfo=UTC)  # the morning after the 23 Oct occurrence
    assert invite("recurring-weekly.ics", now=now).interview.start.date() == date(2026, 10, 23)


def test_recurring_chosen_occurrence_and_past_the_end() -> None:
    interview = invite("recurring-weekly.ics", occurrence=date(2026, 10, 30)).interview
    assert interview.start.isoformat() == "2026-10-30T10:00:00+01:00"  # after the DST change: still 10:00
    with pytest.raises(InputError, match="no occurrence on 2026-11-06"):
        invite("recurring-weekly.ics", occurrence=date(2026, 11, 6))
    with pytest.raises(InputError, match="more than 24 hours past"):
        invite("recurring-weekly.ics", now=datetime(2027, 1, 1, tzinfo=UTC))


def test_several_events_need_a_choice() -> None:
    with pytest.raises(InputError) as info:
        invite("several-events.ics", candidate_name="Sam")
    assert "--uid" in info.value.message
    assert "first@afterword.test" in info.value.message and "second@afterword.test" in info.value.message
    by_uid = invite("several-events.ics", candidate_name="Sam", uid="second@afterword.test").interview
    assert (by_uid.company, by_uid.role) == ("Initech", "Data Engineer")
    by_index = invite("several-events.ics", candidate_name="Sam", index=1).interview
    assert by_index.company == "Globex"
    with pytest.raises(InputError, match="no event with UID"):
        invite("several-events.ics", candidate_name="Sam", uid="nope")
    with pytest.raises(InputError, match="there is no event 3"):
        invite("several-events.ics", candidate_name="Sam", index=3)


def test_interview_on_the_dst_weekend() -> None:
    # Saturday 24 October 2026, 15:00-16:00 CEST; clocks go back on Sunday 25 October at 03:00
    interview = invite("dst-weekend.ics", candidate_name="Sam Jansen").interview
    assert interview.start.utcoffset() == timedelta(hours=2)
    assert interview.language is Language.NL
    assert interview.deadline.isoformat() == "2026-10-25T15:00:00+01:00"  # 24 real hours later, in CET
    assert interview.deadline.astimezone(UTC) - interview.effective_end.astimezone(UTC) == timedelta(hours=24)
    assert interview.deadline - interview.effective_end == timedelta(hours=23)  # on the wall clock


def test_nonexistent_local_time_is_an_error() -> None:
    with pytest.raises(InputError, match="does not exist") as info:
        invite("nonexistent-local-time.ics", candidate_name="Sam")
    assert info.value.line == 7


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("malformed-no-colon.ics", 7, "cannot read line"),
        ("malformed-unclosed.ics", 8, "does not close BEGIN:VEVENT"),
        ("malformed-bad-dtstart.ics", 8, "cannot read DTSTART"),
        ("all-day.ics", 7, "all-day"),
        ("cancelled.ics", 4, "cancellation"),
        ("unknown-tzid.ics", 7, "unknown time zone"),
    ],
)
def test_bad_invitations_name_file_and_line(name: str, line: int, words: str) -> None:
    with pytest.raises(InputError) as info:
        invite(name, candidate_name="Sam Jansen", company="Acme", role="Engineer")
    assert info.value.file == str(ICS / name)
    assert info.value.line == line
    assert words in info.value.message


def test_unknown_tzid_with_explicit_zone() -> None:
    interview = invite("unknown-tzid.ics", candidate_name="Sam", zone="Europe/Amsterdam").interview
    assert interview.start.isoformat() == "2026-11-27T14:00:00+01:00"


def test_missing_company_or_role_says_which_option() -> None:
    text = (ICS / "several-events.ics").read_text().replace("Interview: Backend Developer at Globex",
                                                             "Interview at Globex")
    with pytest.raises(InputError, match="--role"):
        read_invitation(text, "x.ics", now=NOW, candidate_name="Sam", index=1)
    text = text.replace("Interview at Globex", "Catch-up")
    with pytest.raises(InputError, match="--company"):
        read_invitation(text, "x.ics", now=NOW, candidate_name="Sam", index=1)


def test_candidate_required_when_it_cannot_be_told() -> None:
    with pytest.raises(InputError, match="--candidate"):
        invite("dst-weekend.ics")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_never_crashes_on_any_event_text(text: str) -> None:
    data = ("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nDTSTART:20261127T130000Z\n" + text
            + "\nEND:VEVENT\nEND:VCALENDAR\n")
    try:
        read_invitation(data, "fuzz.ics", now=NOW, candidate_name="Sam", company="Acme", role="Engineer")
    except InputError as exc:
        assert exc.file == "fuzz.ics" or exc.key is not None


def test_utc_only_google_invitation_shown_in_the_local_zone() -> None:
    result = invite("google-email-utc-only.ics", local_zone="Europe/Amsterdam")
    interview = result.interview
    assert interview.timezone == "Europe/Amsterdam"
    assert interview.start.isoformat() == "2026-11-27T14:00:00+01:00"
    assert (interview.company, interview.role) == ("Acme Logistics", "Data Engineer")
    assert interview.candidate.name == "Sam Jansen"  # CN was the address: the name comes from it
    assert [c.name for c in interview.contacts] == ["Maria de Vries"]  # "Vries, Maria de" turned round
    assert any("your zone Europe/Amsterdam" in g for g in result.guesses)
    assert invite("google-email-utc-only.ics").interview.timezone == "UTC"


def test_outlook_display_name_zone_without_vtimezone() -> None:
    text = (ICS / "unknown-tzid.ics").read_text().replace(
        "Customized Time Zone", '"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"')
    interview = read_invitation(text, "outlook.ics", now=NOW, candidate_name="Sam").interview
    assert interview.timezone == "Europe/Amsterdam"
    assert interview.start.isoformat() == "2026-11-27T14:00:00+01:00"


_NAMES = st.sampled_from(["DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "ORGANIZER",
                          "ATTENDEE", "SUMMARY", "STATUS"])
_PARAMS = st.sampled_from(["", ";TZID=Europe/Amsterdam", ";TZID=W. Europe Standard Time", ";VALUE=DATE",
                           ";TZID=Nowhere", ';CN="Vries, Maria de"', ";CUTYPE=ROOM", ";VALUE=PERIOD"])
_VALUES = st.sampled_from(["20261127T140000", "20261127T140000Z", "20261127", "PT1H", "-PT1H",
                           "FREQ=WEEKLY;COUNT=3", "FREQ=DAILY;UNTIL=20261201", "FREQ=FOO", "mailto:a@b.example",
                           "20260329T023000", "CANCELLED", "x", ""]) | st.text(max_size=12)
_LINE = st.tuples(_NAMES, _PARAMS, _VALUES).map(lambda t: f"{t[0]}{t[1]}:{t[2]}")


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=8))
def test_never_crashes_on_mixed_up_properties(lines: list[str]) -> None:
    data = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\n" + "\n".join(lines) + "\nEND:VEVENT\nEND:VCALENDAR\n"
    try:
        result = read_invitation(data, "mixed.ics", now=NOW, candidate_name="Sam", company="Acme", role="Eng")
    except InputError as exc:
        assert exc.file == "mixed.ics"
    else:
        assert result.interview.start.tzinfo is not None


def test_candidate_recognised_by_name_among_the_guests() -> None:
    text = (ICS / "google-meet-amsterdam.ics").read_text().replace("acme-logistics.example", "gmail.com")
    interview = read_invitation(text, "free-mail.ics", now=NOW, candidate_name="sam jansen").interview
    assert interview.candidate.email == "sam.jansen@gmail.com"
    assert "Sam Jansen" not in [c.name for c in interview.contacts]
    assert len(interview.contacts) == 3
