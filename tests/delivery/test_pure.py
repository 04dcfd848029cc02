"""Pure parts: send-time suggestion, copy-and-open text and URLs, the decision date and the check-in draft."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from afterword.core.errors import InputError
from afterword.core.model import Channel, Contact, Draft, Formality, Interview, Language
from afterword.core.notes import load_notes
from afterword.delivery import social
from afterword.delivery.checkin import check_in_due, decision_date, template_check_in
from afterword.delivery.schedule import in_office_hours, suggest_send_time
from tests.conftest import EXAMPLES

AMS = ZoneInfo("Europe/Amsterdam")


def interview(start: datetime, hours: float = 1.0, zone: str | None = "Europe/Amsterdam",
              next_step: str | None = None) -> Interview:
    from afterword.core.model import Candidate

    return Interview(candidate=Candidate("Jan de Vries"), company="Rijnland", role="Adviseur", start=start,
                     end=start + timedelta(hours=hours), timezone=zone, next_step=next_step,
                     contacts=(Contact("maria", "Maria de Boer", email="maria@example.nl"),))


def test_evening_interview_suggests_next_morning_nine() -> None:
    iv = interview(datetime(2026, 11, 26, 16, 0, tzinfo=AMS))  # Thursday, ends 17:00
    s = suggest_send_time(iv, now=datetime(2026, 11, 26, 19, 30, tzinfo=AMS))
    assert s.at == datetime(2026, 11, 27, 9, 0, tzinfo=AMS) and s.office_hours
    assert s.at < iv.deadline


def test_inside_office_hours_now_is_suggested_rounded_up() -> None:
    iv = interview(datetime(2026, 11, 26, 9, 0, tzinfo=AMS))
    s = suggest_send_time(iv, now=datetime(2026, 11, 26, 11, 2, 30, tzinfo=AMS))
    assert s.at == datetime(2026, 11, 26, 11, 5, tzinfo=AMS)
    assert "now" in s.reason


def test_friday_afternoon_has_no_office_hours_left_before_the_deadline() -> None:
    iv = interview(datetime(2026, 11, 27, 16, 0, tzinfo=AMS))  # Friday, deadline Saturday 17:00
    s = suggest_send_time(iv, now=datetime(2026, 11, 27, 18, 0, tzinfo=AMS), language=Language.NL)
    assert not s.office_hours and s.at == datetime(2026, 11, 27, 18, 0, tzinfo=AMS)
    assert "verstuur nu" in s.reason


def test_recipient_zone_decides_office_hours() -> None:
    # Interview in New York ends 17:00 there = 23:00 in Amsterdam; suggestion is 09:00 New York time.
    ny = ZoneInfo("America/New_York")
    iv = interview(datetime(2026, 11, 24, 16, 0, tzinfo=ny), zone="America/New_York")
    s = suggest_send_time(iv, now=datetime(2026, 11, 24, 23, 30, tzinfo=AMS))
    assert s.at == datetime(2026, 11, 25, 9, 0, tzinfo=ny) and in_office_hours(s.at, ny)


def test_fixed_offset_interview_and_passed_deadline() -> None:
    plus_one = timezone(timedelta(hours=1))
    iv = interview(datetime(2026, 11, 23, 10, 0, tzinfo=plus_one), zone=None)
    late = suggest_send_time(iv, now=datetime(2026, 11, 25, 10, 0, tzinfo=plus_one))
    assert not late.office_hours or late.at >= datetime(2026, 11, 25, 10, 0, tzinfo=plus_one)
    assert "passed" in late.reason


def test_suggestion_is_always_inside_the_window_when_possible() -> None:
    for day in range(23, 30):
        for hour in range(0, 24, 3):
            iv = interview(datetime(2026, 11, day, hour, 0, tzinfo=AMS))
            now = iv.effective_end + timedelta(minutes=10)
            s = suggest_send_time(iv, now)
            assert iv.effective_end <= s.at <= iv.deadline
            if s.office_hours:
                assert in_office_hours(s.at, AMS)


def test_linkedin_note_fits_the_free_limit() -> None:
    contact = Contact("grace", "Grace", linkedin="https://www.linkedin.com/in/gracewhitfield/")
    long_text = "Thank you for the panel. " * 20
    action = social.prepare(contact, Draft("grace", Channel.LINKEDIN, Language.EN, long_text))
    assert action.trimmed and action.length <= 200 and action.limit == 200
    assert action.open_url == "https://www.linkedin.com/in/gracewhitfield/"
    premium = social.prepare(contact, Draft("grace", Channel.LINKEDIN, Language.EN, long_text), premium=True)
    assert premium.limit == 300 and 200 < premium.length <= 300


def test_x_text_is_weighted_and_the_compose_url_encoded() -> None:
    assert social.x_length("abc") == 3
    assert social.x_length("日本") == 4
    assert social.x_length("see https://example.org/a/very/long/path/indeed") == 4 + 23
    contact = Contact("daniel", "Daniel", x="@danosei")
    draft = Draft("daniel", Channel.X, Language.EN, "Thanks & see you — Zoë")
    private = social.prepare(contact, draft)
    assert private.step == "follow" and private.open_url == "https://x.com/danosei" and "@" not in private.text
    dm = social.prepare(Contact("daniel", "Daniel", x="@danosei", x_dm=True), draft)
    assert dm.step == "dm" and dm.open_url == "https://x.com/danosei" and dm.text == "Thanks & see you — Zoë"
    action = social.prepare(contact, draft, x_public=True)
    assert action.step == "public" and action.text == "@danosei Thanks & see you — Zoë"
    assert action.open_url == "https://x.com/intent/post?text=%40danosei%20Thanks%20%26%20see%20you%20%E2%80%94%20Zo%C3%AB"
    assert action.profile_url == "https://x.com/danosei"


@pytest.mark.parametrize(("address", "url"), [
    ("gracewhitfield", "https://www.linkedin.com/in/gracewhitfield"),
    ("linkedin.com/in/grace", "https://linkedin.com/in/grace"),
    ("https://nl.linkedin.com/in/grace?trk=x", "https://nl.linkedin.com/in/grace"),
])
def test_linkedin_urls(address: str, url: str) -> None:
    assert social.linkedin_url(address) == url


@pytest.mark.parametrize("bad", ["https://evil.example/in/grace", "two words"])
def test_bad_linkedin_addresses(bad: str) -> None:
    with pytest.raises(InputError):
        social.linkedin_url(bad)


def test_month_bounds_and_allowance() -> None:
    start, end = social.month_bounds(datetime(2026, 12, 31, 23, 0, tzinfo=AMS))
    assert start == datetime(2026, 12, 1, tzinfo=AMS) and end == datetime(2027, 1, 1, tzinfo=AMS)
    assert social.allowance_warning(3, 5) is None
    assert "1 personalised LinkedIn note left" in (social.allowance_warning(4, 5) or "")
    assert "nog 1 persoonlijke" in (social.allowance_warning(4, 5, Language.NL) or "")
    assert "all 5" in (social.allowance_warning(5, 5) or "")


@pytest.mark.parametrize(("text", "expected"), [
    ("Decision by 11 December", date(2026, 12, 11)),
    ("decision by December 11th, 2027", date(2027, 12, 11)),
    ("Beslissing voor 12 december", date(2026, 12, 12)),
    ("tweede gesprek op 3 feb.", date(2027, 2, 3)),
    ("uiterlijk 2026-12-04 uitsluitsel", date(2026, 12, 4)),
    ("Uitslag in de week van 7 december", date(2026, 12, 13)),
    ("news in the week of 7 December", date(2026, 12, 13)),
    ("We bellen je snel", None),
    ("by 31 February", None),
])
def test_decision_date_in_english_and_dutch(text: str, expected: date | None) -> None:
    assert decision_date(text, date(2026, 11, 27)) == expected


@pytest.mark.parametrize("name", ["northwind-panel.toml", "rijnland-gesprek.toml"])
def test_check_in_is_proposed_after_the_decision_date_and_passes_the_checker(name: str) -> None:
    from afterword.check.engine import check_draft
    from afterword.core.model import Severity

    iv = load_notes(str(EXAMPLES / name))
    decided = decision_date(iv.next_step, iv.start.date())
    assert decided is not None
    before = datetime.combine(decided, datetime.min.time(), tzinfo=iv.start.tzinfo) + timedelta(hours=12)
    assert check_in_due(iv, before) is None
    after = before + timedelta(days=1)
    assert check_in_due(iv, after) == decided
    for contact in iv.contacts:
        draft = template_check_in(iv, contact, decided)
        assert draft.language is iv.language_of(contact) and draft.subject
        if draft.language is Language.NL:
            pronoun = " u " if contact.effective_formality is Formality.FORMAL else " je "
            assert pronoun in draft.body
        errors = [f for f in check_draft(iv, draft) if f.severity is Severity.ERROR]
        assert errors == [], (contact.id, errors)
