"""Phrase lists try only the phrases that could match a text (issue 14, point 3): the same matches as
the whole alternation, on any text."""

from __future__ import annotations

import re
from unittest.mock import patch

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from afterword.check.kinds import (
    PhraseList,
    _compiled,
    _phrase_regex,
    both_languages,
    line_needs,
    list_names,
    phrase_list,
    raw_lines,
)
from afterword.core.lang.pieces import FOLD as _FOLD
from afterword.core.lang.pieces import needed_pieces
from afterword.core.lang.private import _compiled as _private_compiled
from afterword.core.lang.private import _topics
from afterword.core.lang.shorthand import lexicon
from afterword.core.model import Language

LISTS = [both_languages(name) for name in list_names()] + [phrase_list(lang, name) for lang in Language
                                                           for name in list_names()]
FILTERED = [pl for pl in LISTS if pl.needs]
WORDS = sorted({w for pl in FILTERED for line in pl.phrases if not line.startswith("re:") for w in line.split()})


def test_the_fold_covers_every_character_ignorecase_matches_with_an_ascii_letter() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(0x110000):
        char = chr(code)
        if letter.fullmatch(char):
            folded = char.translate(_FOLD)
            assert re.fullmatch(folded, char, re.IGNORECASE) and folded in "abcdefghijklmnopqrstuvwxyz", hex(code)


def test_the_big_lists_are_filtered() -> None:
    assert {"pushy", "weak_questions", "indirect_questions"} <= {
        name for name in list_names() if both_languages(name).needs}


@pytest.mark.parametrize(("regex", "needs"), [
    (r"(?<!\w)let\s+me\s+know(?!\w)", (("let",), ("me",), ("know",))),
    (r"\b(?:i am|i'm) (?:the|your) best\b", (("i",), (" am", "'m"), (" ",), ("the", "your"), (" best",))),
    (r"(?:a|bc)?x", (("x",),)),  # an optional part needs nothing
    (r"_{3,}", (("_",),)),
    # each branch gives its most telling clause, here the words after the space, not the space itself
    (r"\b(?:was|is) (?:tired|exhausted)\b|\bno sleep\b", (("tired", "exhausted", "no sleep"),)),
])
def test_needed_pieces(regex: str, needs: tuple[tuple[str, ...], ...]) -> None:
    assert needed_pieces(regex) == needs


texts = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(["İ", "ı", "ſ", "\u212a", "’", "'", "!!", "?", "\n",
                                                                    "ASAP", "I'M", "Ik ben", "[NAAM]", "{{x}}"]),
                           st.text(max_size=6)), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_filtered_lists_match_as_the_whole_pattern_does(text: str) -> None:
    with patch.object(PhraseList, "WARM_UP", 0):  # the filter from the first text on
        _filtered_match_as_whole(text)


def _filtered_match_as_whole(text: str) -> None:
    for pl in FILTERED:
        assert pl.pattern is not None
        assert [m.span() for m in pl.finditer(text)] == [m.span() for m in pl.pattern.finditer(text)]
        found, whole = pl.search(text), pl.pattern.search(text)
        assert (found.span() if found else None) == (whole.span() if whole else None)


def test_lines_need_what_their_parsed_pattern_needs() -> None:
    # A plain line's needs are read off its words (a draft no longer parses a pattern per phrase); they must be
    # what parsing the line's pattern gives, for every plain line of every list.
    lines = [line for name in list_names() for lang in Language for line in raw_lines(lang, name)]
    assert len(lines) > 500
    for line in lines:
        assert line_needs(line) == needed_pieces(_phrase_regex(line)), line


@pytest.mark.filterwarnings("ignore::FutureWarning")  # a typographic apostrophe's pattern has a set in a set
@settings(max_examples=300, deadline=None)
@given(line=st.text(alphabet=st.sampled_from("ab Zé'’-.&?()[]\\ü\t"), min_size=1, max_size=30))
def test_line_needs_on_any_line(line: str) -> None:
    line = line.strip()
    if line:
        assert line_needs(line) == needed_pieces(_phrase_regex(line))


def test_a_few_texts_are_scanned_with_the_whole_pattern_and_need_nothing_worked_out() -> None:
    # A process that checks a few drafts does not work out what every phrase needs (parsing each pattern
    # cost a tenth of a `draft`); later texts are filtered, with the same matches.
    lines = tuple(line for lang in Language for line in raw_lines(lang, "pushy"))
    pl = _compiled(lines)
    text = "Please let me know by Friday. I am the best candidate you will find!! When can I expect to hear back?"
    assert pl.pattern is not None
    whole = [m.span() for m in pl.pattern.finditer(text)]
    assert whole
    for _ in range(PhraseList.WARM_UP):
        assert [m.span() for m in pl.finditer(text)] == whole
    assert "needs" not in pl.__dict__
    assert [m.span() for m in pl.finditer(text)] == whole
    assert pl.needs  # worked out once the warm-up is over


PRIVATE_WORDS = [line.removeprefix("re:") for lang in Language for lines in _topics(lang).values() for line in lines]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(PRIVATE_WORDS), st.sampled_from(
    ["your", "you are", "she's", "slept", "had a", "go at", "customers", "died", "İ", "ſ", "\u212a", "’", "\n"]),
    st.text(max_size=6)), max_size=40).map(" ".join), st.sampled_from(list(Language)), st.booleans())
def test_the_narrowed_private_pattern_matches_as_the_whole_one(text: str, lang: Language, in_notes: bool) -> None:
    # find_private leaves out the topics whose needed pieces are not in the text; the matches must be the whole
    # pattern's, in every language, for a message and for notes.
    compiled = _private_compiled(lang, in_notes=in_notes)
    assert compiled.pattern is not None
    narrowed = compiled.pattern_for(text)
    whole = [(m.span(), m.lastgroup) for m in compiled.pattern.finditer(text)]
    assert ([(m.span(), m.lastgroup) for m in narrowed.finditer(text)] if narrowed else []) == whole


def test_a_message_without_private_pieces_skips_the_pattern() -> None:
    compiled = _private_compiled(Language.EN, in_notes=False)
    assert compiled.pattern_for("Thank you for the talk about the intake form on Friday.") is None
    assert compiled.pattern_for("You looked so tired after the night shift.") is not None


NUMBER_PIECES = ["twenty", "three", "-", "een", "en", "twintig", "honderd", "duizend", "vijf", "drie", "ëntwintig",
                 "Seven", "and", "hundred", "miljoen", "often", "tent", "zone", "nine", "'", "3", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(NUMBER_PIECES), min_size=1, max_size=3).map("".join), max_size=12).map(
    " ".join), st.booleans())
def test_number_words_are_found_as_without_the_start_filter(text: str, claims_only: bool) -> None:
    # _word_numbers passes over an ASCII text in which no word starts as a number word does; what it finds must be
    # what walking every token finds ("vijfentwintig", "twenty-three", "tweehonderd", glued or not)
    from afterword.core.lang import numbers

    filtered = numbers._word_numbers(text, text, claims_only, None)
    with patch.object(numbers, "_NUMBER_WORD_START", re.compile("")):
        assert numbers._word_numbers(text, text, claims_only, None) == filtered


@pytest.mark.parametrize("given", ["thomas", "david", "elisabeth", "jan", "anneke", "katherine", "bo", ""])
def test_third_person_short_forms_are_every_form_short_form_accepts(given: str) -> None:
    from afterword.check.rules.third_person_reader import _short_form, _short_forms
    from afterword.check.rules.wrong_name import _nicknames

    words = {w for pair in _nicknames() for w in pair} | {given[:k] for k in range(len(given) + 1)} | {"tom", "dave"}
    assert {w for w in words if _short_form(w, given)} == _short_forms(given)


SHORTHAND_PIECES = sorted({w for lang in Language for w in lexicon(lang).words} | {
    "riskmgmt", "assetmgmt", "mgmt", "Mgmt.", "thanks", "the", "ASAP", "->", "~", "+", "&", "=", "/yr", "@", "haha",
    ":)", "e.g.", "re:", "Re", "ca.", "3x", "İ", "’", "'", "-", "."})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SHORTHAND_PIECES), st.text(max_size=4)), max_size=20).map(" ".join),
       st.sampled_from(list(Language)))
@example(text="We talked about the riskmgmt plans.", lang=Language.NL)  # no lexicon word, a compound typed short
def test_shorthand_is_found_as_without_the_word_filter(text: str, lang: Language) -> None:
    # find_shorthand walks a text's words only when one of them may be notes-speak (a lexicon word, a word ending in
    # "mgmt"); what it finds must be what walking every word finds
    from afterword.core.lang import shorthand

    filtered = shorthand.find_shorthand(text, lang)
    with patch.object(shorthand, "_may_hold_word", lambda _lang, _text: True):
        assert shorthand.find_shorthand(text, lang) == filtered
