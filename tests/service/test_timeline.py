"""The timeline (every touchpoint in order, per interview and per person) and the dashboard's figures, over a
history stored through the real service (SQLite), and `show` printing and returning it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from afterword.core.model import Channel, Language
from afterword.service.interviews import InterviewService, open_service
from afterword.service.timeline import LABELS, EventKind, interview_timeline, stored_overview
from tests.conftest import Result
from tests.service.seed import NOW, at, schedule_check_ins, seed


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'afterword.db'}"


@pytest.fixture
def service(db: str) -> Iterator[InterviewService]:
    svc = open_service(db)
    try:
        yield svc
    finally:
        svc.close()


@pytest.fixture
def seeded(service: InterviewService) -> tuple[int, int]:
    ids = seed(service)
    schedule_check_ins(service)
    return ids


def test_the_interview_timeline_is_every_touchpoint_in_time_order(service: InterviewService,
                                                                   seeded: tuple[int, int]) -> None:
    acme, _ = seeded
    _, events = interview_timeline(service, acme, NOW)
    got = [(e.at, str(e.kind), e.contact, str(e.channel) if e.channel else None) for e in events]
    drafted = at("11-27T16:00")
    assert got == [
        (at("11-27T15:30"), "interview", None, None),  # the end of the conversation comes first
        # Drafts stored at one moment: in the notes' order of people, then email, LinkedIn, X.
        (drafted, "drafted", "maria", "email"), (drafted, "drafted", "maria", "linkedin"),
        (drafted, "drafted", "tom", "email"), (drafted, "drafted", "tom", "x"), (drafted, "drafted", "els", "linkedin"),
        (at("11-27T16:30"), "sent", "els", "linkedin"),
        (at("11-27T17:00"), "edited", "maria", "email"),
        (at("11-27T18:00"), "sent", "maria", "email"),
        (at("11-28T09:00"), "skipped", "tom", "x"),
        (at("11-28T10:00"), "sent", "maria", "linkedin"),
        (at("11-28T20:00"), "sent", "tom", "email"),
        (at("11-30T09:00"), "replied", "tom", "email"),
        (at("11-30T12:00"), "replied", "els", "linkedin"),
        # Maria has not answered: her check-in waits (three working days after the second round's week).
        (events[-1].at, "check-in-planned", "maria", "email"),
    ]
    assert events[-1].upcoming and events[-1].at > NOW and events[-1].detail
    assert not any(e.upcoming for e in events[:-1])
    assert {e.at.utcoffset() for e in events} == {timedelta(hours=1)}  # in the interview's own zone


def test_one_person_s_timeline_holds_only_their_touchpoints(service: InterviewService,
                                                            seeded: tuple[int, int]) -> None:
    acme, _ = seeded
    _, events = interview_timeline(service, acme, NOW, contact="tom")
    assert [(str(e.kind), str(e.channel) if e.channel else None) for e in events] == [
        ("interview", None), ("drafted", "email"), ("drafted", "x"), ("skipped", "x"), ("sent", "email"),
        ("replied", "email")]
    assert [e.name for e in events[1:]] == ["Tom Okafor"] * 5


def test_a_dropped_check_in_is_shown_when_it_was_dropped(service: InterviewService, seeded: tuple[int, int]) -> None:
    from afterword.service.checkins import CheckIns

    _, gemeente = seeded
    [view] = CheckIns(service).views(interview_ids=[gemeente])
    CheckIns(service).drop(view.id, at("12-01T08:15"))
    _, events = interview_timeline(service, gemeente, NOW, contact="henk")
    last = events[-1]
    assert (str(last.kind), last.at, last.upcoming) == ("check-in-dropped", at("12-01T08:15"), False)
    assert last.label(Language.NL) == "check-in vervallen" and last.label("en") == "check-in dropped"


def test_every_kind_has_a_label_in_both_languages() -> None:
    assert set(LABELS) == set(EventKind)
    for language in Language:
        names = [LABELS[k].get(language) for k in EventKind]
        assert all(names) and len(set(names)) == len(names), language
    assert LABELS[EventKind.REPLIED].get(Language.NL) != LABELS[EventKind.REPLIED].get(Language.EN)


def test_the_overview_counts_sends_inside_24_hours_replies_by_channel_and_delays(
        service: InterviewService, seeded: tuple[int, int]) -> None:
    figures = stored_overview(service, NOW)
    assert (figures.timed, figures.within_24h, figures.later) == (5, 3, 2)
    assert [(r.channel, r.sent, r.replied, r.percent) for r in figures.rates] == [
        (Channel.EMAIL, 3, 1, 33), (Channel.LINKEDIN, 2, 1, 50), (Channel.X, 0, 0, 0)]
    # up to 2 h, 2–6 h, 6–12 h, 12–24 h, 24–48 h, over 48 h
    assert figures.delays == (1, 1, 0, 1, 1, 1)
    assert figures.median_delay == timedelta(hours=18, minutes=30)


def test_the_overview_of_nothing_sent_is_empty(service: InterviewService) -> None:
    from afterword.core.notes import load_notes
    from tests.service.seed import ACME, IMPORTED

    service.import_with_drafts(load_notes(ACME), at=IMPORTED)
    figures = stored_overview(service, NOW)
    assert figures.empty and figures.timed == 0 and figures.median_delay is None


def test_show_prints_the_timeline_and_its_json_adds_it(db: str, seeded: tuple[int, int],
                                                       run_cli: Callable[..., Result]) -> None:
    acme, gemeente = seeded
    now = "2026-11-30T15:00:00+01:00"
    shown = json.loads(run_cli("show", str(acme), "--db", db, "--now", now, "--json").out)
    timeline = shown["timeline"]
    assert timeline[0] == {"at": "2026-11-27T15:30:00+01:00", "kind": "interview", "contact": None,
                           "channel": None, "upcoming": False, "detail": None}
    assert [t["kind"] for t in timeline].count("replied") == 2
    assert timeline[-1]["kind"] == "check-in-planned" and timeline[-1]["upcoming"] is True
    assert {"rows", "touchpoints", "findings", "check_ins"} <= set(shown)  # the keys that were there stay
    text = run_cli("show", str(acme), "--db", db, "--now", now).out
    assert "Timeline" in text
    lines = text[text.index("Timeline"):].splitlines()
    assert any("18:00 ● sent — Maria de Vries · email" in line for line in lines)
    assert any("09:00 ● replied — Tom Okafor · email" in line for line in lines)
    assert any("○ check-in planned — Maria de Vries · email" in line for line in lines)
    dutch = run_cli("show", str(gemeente), "--db", db, "--now", now).out  # a Dutch interview speaks Dutch
    assert "Tijdlijn" in dutch and "gesprek afgelopen" in dutch and "verstuurd — Henk" in dutch
