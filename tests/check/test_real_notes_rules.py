"""The checker on the slips readers found in hand-edited drafts from real notes (issue: names the way people
use them, grounding that compares what a number counts, no-fit by role, findings in the user's language)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from afterword.check import check_draft
from afterword.core.model import Channel, Draft, Language, Severity
from afterword.core.notes import parse_notes
from tests.conftest import Result


def _notes(name: str, formality: str, lang: str, extra: str = "", role: str = "interviewer") -> str:
    return f'''format = 1
[candidate]
name = "Sam Jansen"
[interview]
company = "Acme"
role = "Engineer"
start = 2026-11-26T09:00:00+00:00
language = "{lang}"
[[contacts]]
id = "p"
name = "{name}"
role = "{role}"
formality = "{formality}"
email = "p@a.example"
{extra}'''


def _findings(notes: str, greeting: str, lang: str, body: str = "") -> list[tuple[str, str]]:
    interview = parse_notes(notes)
    text = body or "Thank you for the conversation about the engineering work at Acme today. I enjoyed it."
    draft = Draft("p", Channel.EMAIL, Language(lang), f"{greeting}\n\n{text}\n\nBest,\nSam", "Engineering at Acme")
    return [(f.code, str(f.severity)) for f in check_draft(interview, draft)]


NAME_CODES = ("wrong-name", "name-misspelled", "formality-mismatch")


@pytest.mark.parametrize(("name", "greeting", "lang"), [
    ("David Okafor", "Hi Dave,", "en"), ("David Okafor", "Hey Dave,", "en"), ("Thomas Reilly", "Hi Tommy,", "en"),
    ("Thomas Reilly", "Hi Tom,", "en"), ("Elizabeth Haworth", "Hi Liz,", "en"), ("Johannes de Vries", "Hoi Hans,", "nl"),
    ("Johannes de Vries", "Hoi Joop,", "nl"), ("Cornelis Bakker", "Hoi Kees,", "nl"), ("Adrianus Kok", "Hoi Arie,", "nl"),
])
def test_a_nickname_in_an_informal_greeting_is_the_recipient(name: str, greeting: str, lang: str) -> None:
    found = _findings(_notes(name, "informal", lang), greeting, lang)
    assert [f for f in found if f[0] in NAME_CODES] == []


def test_a_nickname_in_a_formal_greeting_is_a_suggestion_at_most() -> None:
    found = [f for f in _findings(_notes("Thomas Reilly", "formal", "en"), "Dear Tommy,", "en") if f[0] in NAME_CODES]
    assert found == [("formality-mismatch", "suggestion")]


def test_a_near_miss_is_still_a_misspelling() -> None:
    assert ("name-misspelled", "error") in _findings(_notes("Hannah Kowalski", "informal", "en"), "Hi Hanna,", "en")


@pytest.mark.parametrize(("greeting", "lang", "fires"), [
    ("Geachte mevrouw van der Meer,", "nl", True), ("Beste van der Meer,", "nl", True),
    ("Geachte mevrouw Van der Meer,", "nl", False), ("Dear Ms. van der Meer,", "en", False),
])
def test_a_lower_case_particle_after_a_dutch_title(greeting: str, lang: str, fires: bool) -> None:
    found = _findings(_notes("Anneke van der Meer", "formal", lang), greeting, lang)
    assert (("name-misspelled", "error") in found) is fires


NUMBERS = '''[[needs]]
id = "n"
text = "1 in 5 loads misses the 6am slot; fixing it took 4 months last time"
raised_by = ["p"]
'''


@pytest.mark.parametrize(("sentence", "grounded"), [
    ("One in five loads misses the early slot.", True),
    ("One in four loads misses the early slot.", False),
    ("Fixing it took four months last time.", True),
    ("Fixing it took four weeks last time.", False),
])
def test_grounding_compares_what_a_number_counts(sentence: str, grounded: bool) -> None:
    found = _findings(_notes("Maria Jansen", "informal", "en", NUMBERS), "Hi Maria,", "en", sentence)
    assert (("ungrounded-number", "warning") not in found) is grounded


@pytest.mark.parametrize("promise", [
    "I know I can cut it by 23 percent in my first quarter.",
    "I am confident I am exactly the person you need.",
])
def test_over_promises_are_pushy(promise: str) -> None:
    found = _findings(_notes("Maria Jansen", "informal", "en"), "Hi Maria,", "en", promise)
    assert ("pushy", "warning") in found


def test_no_fit_asks_only_what_the_role_calls_for() -> None:
    extra = '''[[needs]]
id = "n"
text = "Releases slip because scope is agreed too late"
raised_by = ["other"]
[[strengths]]
text = "Introduced a two-week scope freeze with engineering leads"
answers = ["n"]
[[contacts]]
id = "other"
name = "Grace Whitfield"
role = "hiring-manager"
email = "g@a.example"
'''
    peer = _findings(_notes("Daniel Osei", "informal", "en", extra, role="team-member"), "Hi Daniel,", "en")
    manager = _findings(_notes("Daniel Osei", "informal", "en", extra, role="hiring-manager"), "Hi Daniel,", "en")
    assert "no-fit" not in [c for c, _ in peer] and "no-fit" in [c for c, _ in manager]


def test_a_finding_carries_its_message_in_both_languages() -> None:
    interview = parse_notes(_notes("Maria Jansen", "informal", "en"))
    draft = Draft("p", Channel.EMAIL, Language.EN, "Dear [Name],\n\nThanks lol.\n\nSam", "Engineering at Acme")
    english = check_draft(interview, draft)
    dutch = check_draft(interview, draft, ui_language=Language.NL)
    assert [f.code for f in english] == [f.code for f in dutch]
    shorthand = next(f for f in dutch if f.code == "shorthand")
    assert "chat" in shorthand.message and "opvolgbericht" in shorthand.message
    assert shorthand.message_in(Language.EN) != shorthand.message_in(Language.NL)
    assert all(f.severity in Severity for f in english)


Run = Callable[..., Result]


def test_the_cli_speaks_the_option_then_the_config_then_the_locale(run_cli: Run, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    notes = tmp_path / "n.toml"
    notes.write_text(_notes("Maria Jansen", "informal", "en"), "utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("Subject: Engineering at Acme\n\nHi Maria,\n\nThanks lol. [Name]\n\nSam\n", "utf-8")

    def messages(*extra: str) -> str:
        result = run_cli("check", str(notes), str(draft), "--to", "p", "--json", *extra)
        return " ".join(f["message"] for f in json.loads(result.out)["findings"])

    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "sjabloontekst" not in messages() and "template text" in messages()
    assert "sjabloontekst" in messages("--ui-language", "nl")
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert "sjabloontekst" in messages()
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('[ui]\nlanguage = "en"\n', "utf-8")
    monkeypatch.setenv("AFTERWORD_HOME", str(home))
    assert "template text" in messages()
