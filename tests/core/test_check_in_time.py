"""When a check-in goes out: working days after the last day the next step can mean, in office hours."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from afterword.core.model import Candidate, Contact, Interview
from afterword.plan import add_working_days, check_in_time, in_office_hours

AMS = ZoneInfo("Europe/Amsterdam")
NY = ZoneInfo("America/New_York")
MONDAY = datetime(2026, 11, 30, 14, 0, tzinfo=AMS)


def interview(next_step: str | None, start: datetime = MONDAY, zone: str = "Europe/Amsterdam") -> Interview:
    return Interview(candidate=Candidate("Jan de Vries"), company="Rijnland", role="Adviseur", start=start,
                     end=start + timedelta(hours=1), timezone=zone, next_step=next_step,
                     contacts=(Contact("maria", "Maria de Boer", email="maria@example.nl"),))


@pytest.mark.parametrize(("next_step", "expected"), [
    # Thursday 3 December + 3 working days: Tuesday 8 December.
    ("uitslag uiterlijk do 3 dec", datetime(2026, 12, 8, 10, 0, tzinfo=AMS)),
    # "early jan" can mean up to Sunday 10 January: Wednesday 13 January.
    ("refs this wk, offers early jan", datetime(2027, 1, 13, 10, 0, tzinfo=AMS)),
    # "probs wk of 14th": the week ends Sunday 20 December: Wednesday 23 December.
    ("2nd stage w/ commercial director, probs wk of 14th", datetime(2026, 12, 23, 10, 0, tzinfo=AMS)),
    ("Decision by 11 December", datetime(2026, 12, 16, 10, 0, tzinfo=AMS)),
])
def test_three_working_days_after_the_last_day_the_next_step_can_mean(next_step: str, expected: datetime) -> None:
    when = check_in_time(interview(next_step))
    assert when.at == expected
    assert when.waits_for is not None and in_office_hours(when.at, AMS)


def test_without_a_time_in_the_notes_ten_working_days_after_the_interview() -> None:
    when = check_in_time(interview("they'll be in touch"))
    assert when.waits_for is None
    assert when.at == datetime(2026, 12, 14, 10, 0, tzinfo=AMS)  # Monday 30 November + two working weeks
    assert check_in_time(interview(None)).at == when.at


def test_the_days_are_configurable_and_the_hour_is_the_recipients() -> None:
    assert check_in_time(interview("Decision by 11 December"), after_days=1).at == datetime(2026, 12, 14, 10, 0,
                                                                                             tzinfo=AMS)
    assert check_in_time(interview(None), default_days=5).at == datetime(2026, 12, 7, 10, 0, tzinfo=AMS)
    new_york = check_in_time(interview("Decision by 11 December", MONDAY.astimezone(NY), "America/New_York"))
    assert new_york.at == datetime(2026, 12, 16, 10, 0, tzinfo=NY)
    assert in_office_hours(new_york.at, NY) and not in_office_hours(new_york.at, ZoneInfo("Asia/Tokyo"))


def test_a_follow_up_sent_after_the_date_moves_the_check_in_after_the_send() -> None:
    late = datetime(2026, 12, 17, 15, 0, tzinfo=AMS)  # Thursday, after the decision date and its three days
    when = check_in_time(interview("Decision by 11 December"), not_before=late)
    assert when.at == datetime(2026, 12, 22, 10, 0, tzinfo=AMS) and when.at > late


def test_working_days_skip_the_weekend() -> None:
    assert add_working_days(date(2026, 12, 4), 1) == date(2026, 12, 7)  # Friday → Monday
    assert add_working_days(date(2026, 12, 5), 3) == date(2026, 12, 9)  # Saturday → Wednesday
    assert add_working_days(date(2026, 12, 7), 0) == date(2026, 12, 7)
