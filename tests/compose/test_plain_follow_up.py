"""Follow-ups that say things plainly: a question asked without a capital after a colon, no evidence announced
instead of given, no strength pitched to someone who never raised its need, and a close that names when they
said they would come back (English and Dutch)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from afterword.compose import compose
from afterword.core.model import Channel, Draft
from afterword.core.notes import load_notes

TUNING = Path(__file__).parents[1] / "data" / "real-notes" / "tuning"


@cache
def _emails(name: str) -> dict[str, Draft]:
    return {d.contact: d for d in compose(load_notes(TUNING / name), channels=[Channel.EMAIL])}


def _all() -> list[Draft]:
    return [d for path in sorted(TUNING.glob("*.toml")) for d in _emails(path.name).values()]


_CAPITAL_AFTER_LEAD = re.compile(
    r"(?:ask|still have|meant to ask|vragen|me nog af|niet toe): (?!I\b)[A-Z]")


def test_a_question_after_a_lead_in_goes_on_in_small_letters_in_both_languages() -> None:
    bodies = [d.body for d in _all()]
    assert not [b for b in bodies if _CAPITAL_AFTER_LEAD.search(b)]
    led = [b for b in bodies if re.search(r"(?:ask|still have): [a-z]", b)]
    geleid = [b for b in bodies if re.search(r"(?:vragen|me nog af|niet toe): [a-z]", b)]
    assert led and geleid  # the lead-ins are in use, in English and in Dutch


_ANNOUNCED = ("would be glad to tell you more", "say more about how I approached", "compare notes",
              "I would enjoy working on exactly that", "I would be glad to think that through",
              "ik licht dat graag toe", "hoe ik het heb aangepakt", "ik vertel u er graag meer over",
              "ik vertel je er graag meer over", "Daar denk ik graag", "Daar zou ik graag aan werken")


def test_evidence_is_given_or_left_out_never_announced() -> None:
    for draft in _all():
        for phrase in _ANNOUNCED:
            assert phrase not in draft.body, (draft.contact, phrase)


def test_a_strength_is_not_pitched_to_someone_who_never_raised_its_need() -> None:
    emails = _emails("a-en-academia-env-chem.toml")
    # The PhD supervision answers the head of school's point; the external assessor and HR never raised it.
    assert "PhDs" in emails["ciaran"].body
    for other in ("ingrid", "grainne", "maeve"):
        assert "PhDs" not in emails[other].body, other


def test_an_organisation_named_with_of_takes_its_article() -> None:
    bodies = " ".join(d.body for d in _emails("a-en-academia-env-chem.toml").values())
    assert "the University of Connacht" in bodies
    assert not re.search(r"(?<!the )University of Connacht", bodies)


def test_the_close_names_when_they_said_they_would_come_back_to_whoever_gives_the_news() -> None:
    chem = _emails("a-en-academia-env-chem.toml")
    # "gráinne said offers early jan": the time goes to Gráinne, who gives the news, not to the panel.
    assert "hearing from you in early January" in chem["grainne"].body
    assert not any("January" in chem[c].body for c in ("ciaran", "maeve", "ingrid"))
    ingrid = _emails("c-nl-zorg-ziekenhuis-okplanning.toml")["ingrid"].body
    assert re.search(r"bericht uiterlijk donderdag 3 december", ingrid)  # "uitslag uiterlijk do 3 dec"
    # A guess ("site visit next wk?", "probs wk of 7th") promises no time.
    ci = _emails("a-en-manufacturing-ci-eng.toml")
    assert not any("week of 7 December" in d.body for d in ci.values())


def test_a_dutch_request_to_thank_someone_ends_as_a_question() -> None:
    bodies = [d.body for d in _all() if d.language == "nl"]
    asked = [b for b in bodies if "namens mij bedanken" in b]
    assert asked and all("namens mij bedanken?" in b for b in asked)
