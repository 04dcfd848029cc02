"""Selection: each person gets their own needs, moment and question, and shared needs are spread out."""

from __future__ import annotations

from afterword.compose.select import select_all
from tests.compose.helpers import DATA, load


def test_shared_need_gets_different_strengths() -> None:
    interview = load(DATA / "same-need.toml")
    sel = select_all(interview)
    strengths = [sel[c].pairs[0].strength for c in ("henk", "anne")]
    assert strengths[0] is not None and strengths[1] is not None
    assert strengths[0].text != strengths[1].text


def test_questions_and_moments_go_to_their_person_only() -> None:
    interview = load(DATA / "same-need.toml")
    sel = select_all(interview)
    assert sel["henk"].question is not None and "u" in sel["henk"].question.text.split()
    assert sel["anne"].question is None  # the other questions were meant for someone else
    assert sel["henk"].moment is None
    assert sel["pieter"].moment is not None and "Pieters" in sel["pieter"].moment.text


def test_general_question_goes_to_one_person_in_their_language() -> None:
    interview = load(DATA / "mixed-language.toml")
    sel = select_all(interview, lambda contact, text: interview.language_of(contact).value == "en")
    assert sel["joris"].question is None
    assert sel["emma"].question is not None


def test_lead_with_an_answerable_need_and_no_strength_twice() -> None:
    from tests.compose.helpers import examples

    interview = load(next(p for p in examples() if p.name == "northwind-panel.toml"))
    hannah = select_all(interview)["hannah"]
    assert len(hannah.pairs) == 2
    assert all(p.strength is not None for p in hannah.pairs)
