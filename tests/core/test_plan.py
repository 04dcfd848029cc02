"""The plan: deadline, one row per contact and channel, and the interview-level findings."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from afterword.core.model import Channel, Language, TouchpointStatus
from afterword.core.notes import load_notes, parse_notes
from afterword.core.timeutil import format_remaining, parse_instant
from afterword.plan import make_plan
from tests.conftest import DATA, SHARED_EXAMPLES

ACME = SHARED_EXAMPLES / "acme-panel.toml"
GEMEENTE = SHARED_EXAMPLES / "gemeente-een-op-een.toml"


def at(text: str) -> datetime:
    return parse_instant(text)


def test_rows_cover_every_contact_and_channel() -> None:
    plan = make_plan(load_notes(ACME), at("2026-11-27T19:00:00+01:00"))
    assert [(r.contact.id, r.channel) for r in plan.rows] == [
        ("maria", Channel.EMAIL), ("maria", Channel.LINKEDIN), ("tom", Channel.EMAIL), ("tom", Channel.X),
        ("els", Channel.LINKEDIN),
    ]
    assert plan.remaining == timedelta(hours=20, minutes=30)
    assert plan.findings == ()


def test_due_soon_and_overdue_per_contact() -> None:
    notes = load_notes(ACME)
    soon = make_plan(notes, at("2026-11-28T12:00:00+01:00"))
    assert [(f.code, f.contact) for f in soon.findings] == [("due-soon", "maria"), ("due-soon", "tom"),
                                                            ("due-soon", "els")]
    assert "3 h 30 min" in soon.findings[0].message
    late = make_plan(notes, at("2026-11-28T16:00:00+01:00"))
    assert {f.code for f in late.findings} == {"overdue"}
    assert all(f.severity == "error" for f in late.findings)
    just_in_time = make_plan(notes, at("2026-11-28T11:29:00+01:00"))
    assert just_in_time.findings == ()


def test_sent_contacts_are_not_owed() -> None:
    notes = load_notes(ACME)
    statuses = {("maria", Channel.EMAIL): TouchpointStatus.SENT, ("tom", Channel.EMAIL): TouchpointStatus.DRAFTED,
                ("els", Channel.LINKEDIN): TouchpointStatus.SKIPPED}
    plan = make_plan(notes, at("2026-11-28T16:00:00+01:00"), statuses)
    assert [(f.code, f.contact) for f in plan.findings] == [("overdue", "tom")]


def test_uncovered_only_for_contacts_who_gave_details() -> None:
    text = (DATA / "notes" / "valid-minimal.toml").read_text() + """
[[contacts]]
id = "kees"
name = "Kees de Boer"
met = "lunch"

[[contacts]]
id = "fatima"
name = "Fatima Zahra"
gave_contact = true
"""
    notes = parse_notes(text)
    plan = make_plan(notes, at("2026-11-27T16:00:00+01:00"))
    assert [(r.contact.id, r.channel) for r in plan.rows] == [("maria", Channel.EMAIL), ("kees", None),
                                                             ("fatima", None)]
    assert [(f.code, f.contact) for f in plan.findings] == [("uncovered-contact", "fatima")]
    stored = make_plan(notes, at("2026-11-27T16:00:00+01:00"), {})
    assert [(f.code, f.contact) for f in stored.findings] == [("uncovered-contact", "maria"),
                                                             ("uncovered-contact", "fatima")]


def test_dutch_messages_and_countdown() -> None:
    plan = make_plan(load_notes(GEMEENTE), at("2026-11-27T09:00:00+01:00"))
    assert plan.findings[0].code == "due-soon"
    assert "Nog maar 2 u 0 min tot de deadline" in plan.findings[0].message
    assert "vrijdag 27 november 2026 om 11:00" in plan.findings[0].message


@pytest.mark.parametrize(
    ("delta", "language", "expected"),
    [
        (timedelta(hours=3, minutes=20), Language.EN, "3 h 20 min left"),
        (timedelta(hours=3, minutes=20), Language.NL, "nog 3 u 20 min"),
        (timedelta(minutes=-125), Language.EN, "2 h 5 min overdue"),
        (timedelta(minutes=-125), Language.NL, "2 u 5 min te laat"),
        (timedelta(days=1, hours=2, minutes=5), Language.EN, "1 d 2 h left"),
        (timedelta(seconds=30), Language.EN, "0 min left"),
    ],
)
def test_countdown_wording(delta: timedelta, language: Language, expected: str) -> None:
    assert format_remaining(delta, language) == expected


def test_deadline_is_absolute_across_spring_forward() -> None:
    text = (DATA / "notes" / "valid-minimal.toml").read_text().replace(
        "start = 2026-11-27T14:00:00+01:00", 'start = 2026-03-28T10:00:00\ntimezone = "Europe/Amsterdam"')
    notes = parse_notes(text)
    assert notes.deadline.isoformat() == "2026-03-29T12:00:00+02:00"
    plan = make_plan(notes, at("2026-03-29T09:00:00+00:00"))
    assert plan.remaining == timedelta(hours=1)
