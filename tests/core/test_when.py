"""When the organisation said it would come back, read from next steps typed as notes (both languages)."""

from __future__ import annotations

from datetime import date

import pytest

from afterword.core.lang.when import next_step_time
from afterword.core.model import Language

MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(("text", "en", "nl", "latest"), [
    ("refs being taken up this wk, gráinne said offers early jan (after governing body mtg)",
     "in early January", "begin januari", date(2027, 1, 10)),
    ("uitslag uiterlijk do 3 dec", "by Thursday 3 December", "uiterlijk donderdag 3 december", date(2026, 12, 3)),
    ("Decision by 11 December", "by Friday 11 December", "uiterlijk vrijdag 11 december", date(2026, 12, 11)),
    ("ze laten vóór 15 december iets weten", "by Tuesday 15 December", "uiterlijk dinsdag 15 december",
     date(2026, 12, 15)),
    ("uitslag binnen 2 weken", "within two weeks", "binnen twee weken", date(2026, 12, 14)),
    ("voor kerst horen of het wat wordt", "before Christmas", "vóór de kerst", date(2026, 12, 24)),
    ("decision ~wk 51, lieke calls", "in the week of 14 December", "in de week van 14 december", date(2026, 12, 20)),
    ("julia: feedback till fri 4.12, then maybe 2nd talk", "by Friday 4 December", "uiterlijk vrijdag 4 december",
     date(2026, 12, 4)),
    ("mel said hear back by fri 4th -> then meet dale", "by Friday 4 December", "uiterlijk vrijdag 4 december",
     date(2026, 12, 4)),
    ("ze bellen vr", "by Friday", "uiterlijk vrijdag", date(2026, 12, 4)),
    ("decision by end of wk, helen said she'd ring", "this week", "deze week", date(2026, 12, 4)),
    ("begin volgende wk hoor je het", "next week", "volgende week", date(2026, 12, 11)),
    ("decision mid-feb", "in mid-February", "half februari", date(2027, 2, 20)),
])
def test_the_time_is_read_and_said_again_in_either_language(text: str, en: str, nl: str, latest: date) -> None:
    when = next_step_time(text, MONDAY)
    assert when is not None
    assert when.phrase(Language.EN) == en
    assert when.phrase(Language.NL) == nl
    assert when.latest == latest
    assert not when.hedged


def test_a_guess_is_marked_as_one_and_a_further_round_as_a_round() -> None:
    guess = next_step_time("2nd stage with commercial director, probs wk of 14th", MONDAY)
    assert guess is not None and guess.hedged and guess.phrase(Language.EN) == "in the week of 14 December"
    second = next_step_time("Final round with CRO + case study, week of 7 Dec. Aisyah to send invite.", MONDAY)
    assert second is not None and second.round and not second.hedged
    assert next_step_time("hear back by fri hopefully", MONDAY).hedged  # type: ignore[union-attr]


def test_the_decision_wins_over_other_times_in_the_line() -> None:
    when = next_step_time("2e ronde wk 50 evt met gem.secretaris, uitslag 'in elk geval voor kerst' (yvonne)", MONDAY)
    assert when is not None and when.kind == "christmas" and not when.round


@pytest.mark.parametrize("text", [
    None, "", "phone call tmrw pm either way", "4 weeks notice, start asap", "we do the case at home",
    "ik ga zo naar huis", "uitslag do 4 dec",  # the 4th of December 2026 is a Friday: no safe reading
    "decision by 20 nov",  # already past on the day of the interview
    "RRULE wk 99", "wk of 45th",
])
def test_nothing_is_made_up_when_the_line_names_no_time(text: str | None) -> None:
    assert next_step_time(text, MONDAY) is None


def test_a_next_step_typed_over_lines_is_read_as_one_line() -> None:
    from afterword.core.notes import parse_notes

    notes = parse_notes(
        'format = 1\n[candidate]\nname = "A B"\n[interview]\ncompany = "C"\nrole = "R"\n'
        'start = 2026-11-30T10:00:00+01:00\nnext_step = """board meets thurs,\n   decision\r\nearly jan"""\n',
        filename="n.toml")
    assert notes.next_step == "board meets thurs, decision early jan"
    when = next_step_time(notes.next_step, MONDAY)
    assert when is not None and when.phrase(Language.EN) == "in early January"



@pytest.mark.parametrize("text", ["hear back this week or next", "uitslag deze of volgende week",
                                  "decision 11 dec-ish", "uitslag rond 15 december"])
def test_a_time_given_loosely_is_hedged_so_no_draft_promises_it(text: str) -> None:
    """"this week or next" is not "this week": the draft says it looks forward to hearing, without a time."""
    found = next_step_time(text, date(2026, 12, 7))
    assert found is not None and found.hedged
