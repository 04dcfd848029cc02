"""Language helpers: numbers, lemmas, names, the language guess, sentences, the draft file, X counting."""

from __future__ import annotations

import pytest

from afterword.core.draftfile import parse_draft_text
from afterword.core.lang.detect import guess_language
from afterword.core.lang.lemmas import lemma
from afterword.core.lang.names import allowed_name_edits, fold, name_distance, name_forms
from afterword.core.lang.numbers import find_numbers, number_keys
from afterword.core.lang.tokens import sentences, tokenise
from afterword.core.lang.xcount import weighted_length
from afterword.core.model import Channel, Language


def keys(text: str) -> list[set[str]]:
    return [set(m.keys) for m in find_numbers(text)]


@pytest.mark.parametrize("text", ["23%", "23 percent", "23 per cent", "drieëntwintig procent", "twenty-three percent",
                                  "23 procent", "twenty three percent"])
def test_percentages_in_every_form_agree(text: str) -> None:
    assert keys(text) == [{"23"}]


@pytest.mark.parametrize(("text", "value"), [
    ("six hours", "6"), ("6 hours", "6"), ("one hundred and twenty engineers", "120"), ("tweehonderdvijftig", "250"),
    ("eenentwintig", "21"), ("€2 million", "2000000"), ("50k", "50000"), ("1.000 euro", "1000"), ("2,5 jaar", "2.5"),
])
def test_values_are_normalised(text: str, value: str) -> None:
    assert value in set().union(*keys(text))


def test_ratios() -> None:
    assert keys("one in five users") == [{"1/5", "20"}]
    assert keys("één op de vijf salesmanagers") == [{"1/5", "20"}]
    assert "20" in number_keys("one in five")


@pytest.mark.parametrize("text", [
    "the one you mentioned", "one of the things", "een mooi gesprek", "on 7 December", "7 december 2026",
    "December 7th", "at 14:00", "om 10.00 uur", "3 pm", "in week 49", "call +31 6 1234 5678", "Q3 planning",
    "https://example.org/2025/11/post-123", "mail sam2@example.org", "the 2nd round", "two questions", "24/7",
    "COVID-19", "de 3e ronde",
])
def test_not_claims(text: str) -> None:
    assert find_numbers(text) == []


def test_small_spelled_numbers_count_only_before_something_countable() -> None:
    assert find_numbers("the two sets of numbers") == []
    assert keys("mentored ten engineers") == [{"10"}]
    assert keys("I have three ideas", ) == []
    assert keys("drie deelaanbieders", ) == []
    assert [m.text for m in find_numbers("drie deelaanbieders", counts_thing=lambda w: w == "deelaanbieders")] == [
        "drie"]


def test_notes_keys_include_every_form() -> None:
    notes = number_keys("Second round in the week of 7 December; cut spend by 40 percent; after 90 days")
    assert {"7", "40", "90"} <= notes


@pytest.mark.parametrize(("word", "language", "expected"), [
    ("besproken", Language.NL, "bespreken"), ("outages", Language.EN, "outage"), ("parkeerplekken", Language.NL,
                                                                                  "parkeerplek"),
])
def test_lemmas(word: str, language: Language, expected: str) -> None:
    assert lemma(word, language) == expected


def test_name_helpers() -> None:
    forms = name_forms("Anneke van der Meer")
    assert {"anneke", "van der meer", "meer", "anneke van der meer"} <= forms
    assert fold("Van der Meer") in forms
    assert fold("Zoë") == "zoe" and fold("Łukasz") == "lukasz"
    assert name_distance("Marie", "Maria") == 1 and name_distance("Daneil", "Daniel") == 1
    assert name_distance("Zoe", "Zoë") == 0
    assert allowed_name_edits("Tom") == 0 and allowed_name_edits("Maria") == 1 and allowed_name_edits("Alexandra") == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("Thank you for the conversation about the Rotterdam hub and Van den Berg's warehouse in Antwerpen.",
     Language.EN),
    ("Bedankt voor het gesprek over de Rotterdam hub, de data pipeline en het dashboard van Acme Logistics.",
     Language.NL),
    ("Dear Ms. de Vries, thank you for your time.", Language.EN),
    ("Maria de Vries, Tom Okafor, Els van den Berg", None),
    ("Kafka streaming dashboard", None),
])
def test_language_guess(text: str, expected: Language | None) -> None:
    assert guess_language(text) is expected


def test_sentences_keep_offsets_and_abbreviations() -> None:
    text = "Dear Mr. Bosman,\n\nThanks for the talk, e.g. about Merwede. Which metric? Great!\nBest,\nNoor"
    found = sentences(text)
    assert [s.text for s in found] == ["Dear Mr. Bosman,", "Thanks for the talk, e.g. about Merwede.",
                                       "Which metric?", "Great!", "Best,", "Noor"]
    assert all(text[s.start:s.end] == s.text for s in found)


def test_tokens_split_possessives() -> None:
    # Dutch plurals with an apostrophe lose it too ("auto's" → "auto"), which is what comparing needs.
    assert [t.text for t in tokenise("Maria's story, auto's en real-time")] == ["Maria", "story", "auto", "en",
                                                                                "real-time"]


@pytest.mark.parametrize(("text", "subject", "body"), [
    ("Subject: Hello\n\nBody", "Hello", "Body"),
    ("\ufeffSUBJECT:  Hello  \r\n\r\nBody\r\nline", "Hello", "Body\nline"),
    ("onderwerp: Hallo\r\nAan: henk@example.nl\r\n\r\n\r\nTekst\rmeer", "Hallo", "Tekst\nmeer"),
    ("Subject:\n\nBody", "", "Body"),
    ("Dear Maria,\nBody", None, "Dear Maria,\nBody"),
    ("\n\nSubject: Late header\n\nBody", "Late header", "Body"),
    ("", None, ""),
    ("Subject: Only a subject", "Only a subject", ""),
])
def test_draft_file_format(text: str, subject: str | None, body: str) -> None:
    assert parse_draft_text(text, Channel.EMAIL) == (subject, body)


def test_draft_file_for_other_channels_is_all_message() -> None:
    assert parse_draft_text("\ufeffSubject: x\r\n\r\nHi", Channel.LINKEDIN) == (None, "Subject: x\n\nHi")


@pytest.mark.parametrize(("text", "length"), [
    ("hello", 5),
    ("see https://www.example.org/a/very/long/path/that/goes/on/and/on", 4 + 23),
    ("王芳", 4),
    ("ok 👍", 5),
    ("family 👨‍👩‍👧", 9),
    ("café", 4),
])
def test_x_weighted_length(text: str, length: int) -> None:
    assert weighted_length(text) == length


def test_fold_takes_a_short_cut_for_ascii_with_the_same_answer() -> None:
    import unicodedata

    for text in ("Maria de Vries", "O'Brien-SMITH", "KPI's & 38 %", ""):
        slow = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).casefold()
        assert fold(text) == slow
    assert fold("Zoë Łukasz") == "zoe lukasz" and fold("ÉCOLE") == "ecole"


def test_spelling_answers_are_kept_per_word_and_do_not_change() -> None:
    from afterword.core.lang.spelling import words

    dictionary = words(Language.EN)
    first = (dictionary.unknown(["begining", "dashboard", "xqzvbn"]), dictionary.slips(["begining", "recieve"]))
    again = (dictionary.unknown(["xqzvbn", "begining", "dashboard"]), dictionary.slips(["recieve", "begining"]))
    assert sorted(first[0]) == sorted(again[0]) and "xqzvbn" in first[0] and "dashboard" not in first[0]
    assert first[1] == again[1]


def test_one_pattern_per_word_list_answers_as_a_pattern_per_word() -> None:
    import re

    from afterword.core.model import IN_ROOM_WORDS, PASSING_WORDS, _has_word

    for text in ("we met in the lobby by the coffee machine", "second round panel", "hallways", "bij de deur!",
                 "Lobby", "met at the train station", "final-round", ""):
        for words in (IN_ROOM_WORDS, PASSING_WORDS):
            one_by_one = any(re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", text) for w in words)
            assert _has_word(text, words) == one_by_one, (text, words[:3])
