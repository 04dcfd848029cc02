"""The word lists of a language (compose/words/<lang>.toml) and the small text helpers every piece uses:
clean, case, language of a phrase, and cutting a phrase at a natural boundary."""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from afterword.core.lang.names import PARTICLES, SURNAME_PARTICLE_WORDS
from afterword.core.model import Interview, Language

_TOKEN = re.compile(r"[\w'’-]+")


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


_QUOTES = "\"'‘’“”„([«"


@dataclass(frozen=True)
class Words:
    """The word lists of one language (compose/words/<lang>.toml)."""

    lang: Language
    past_irregular: frozenset[str]
    not_verbs: frozenset[str]
    present_first: frozenset[str]
    third_to_first: dict[str, str]
    noun_starts: frozenset[str]
    imperative: frozenset[str]
    telling: dict[str, str]
    third_person: frozenset[str]
    you_verbs: dict[str, str]
    you_verbs_informal: dict[str, str]
    modal: frozenset[str]
    adverbs: frozenset[str]
    verb_objects: frozenset[str]
    clause_starts: frozenset[str]
    shared: frozenset[str]
    determiners: frozenset[str]
    question_starts: frozenset[str]
    wh_words: frozenset[str]
    question_verbs: frozenset[str]
    subject_pronouns: frozenset[str]
    function_words: frozenset[str]
    trailing: frozenset[str]
    met: dict[str, str]
    met_prefix: frozenset[str]

    def is_past(self, word: str) -> bool:
        w = word.lower()
        if w in self.not_verbs or len(w) < 3:
            return False
        if w in self.past_irregular:
            return True
        if self.lang is Language.EN:
            return w.endswith("ed") and len(w) >= 4
        return w.endswith(("de", "te")) and len(w) >= 5 and not w.endswith("ste")


@cache
def words(lang: Language) -> Words:
    raw: dict[str, Any] = tomllib.loads(
        resources.files("afterword.compose").joinpath(f"words/{lang}.toml").read_text("utf-8")
    )

    def fs(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key, []))

    return Words(
        lang=lang, past_irregular=fs("past_irregular"), not_verbs=fs("not_verbs"),
        present_first=fs("present_first"), third_to_first=dict(raw.get("third_to_first", {})),
        noun_starts=fs("noun_starts"), imperative=fs("imperative"), telling=dict(raw.get("telling", {})),
        third_person=fs("third_person"), you_verbs=dict(raw.get("you_verbs", {})),
        you_verbs_informal=dict(raw.get("you_verbs_informal", {})), modal=fs("modal"),
        adverbs=fs("adverbs"), verb_objects=fs("verb_objects"),
        clause_starts=fs("clause_starts"), shared=fs("shared"), determiners=fs("determiners"), question_starts=fs("question_starts"),
        wh_words=fs("wh_words"), question_verbs=fs("question_verbs"), subject_pronouns=fs("subject_pronouns"),
        function_words=fs("function_words"), trailing=fs("trailing"), met=dict(raw.get("met", {})),
        met_prefix=frozenset(raw.get("met_prefix", {}).get("words", [])),
    )


@dataclass(frozen=True)
class Piece:
    """A notes phrase made ready for a framing sentence chosen by its `kind`.

    `text` fits inside a sentence (first word lowered where that is safe); `rest` is the part
    after the subject for the `you_tell` kind ("mentioned the new warehouse")."""

    kind: str
    text: str
    rest: str = ""
    original: str = ""
    gerund: str = ""


def clean(text: str, *, keep_question: bool = False) -> str:
    """One line, single spaces, no closing full stop (a question keeps its mark)."""
    out = " ".join(text.split())
    strip = ".;:,!" if keep_question else ".;:,!?"
    while out and out[-1] in strip and not out.endswith("..."):
        out = out[:-1].rstrip()
    return out


@lru_cache(maxsize=16)
def _words_of(names: tuple[str, ...]) -> frozenset[str]:
    """The words of the names, without their particles: "Van Steenlandt" and "De Smedt" do not make "van" and
    "de" stop counting as Dutch in "Mads vertelde over … in de haven van Aarhus"."""
    return frozenset(t for name in names for t in tokens(name) if t not in _PARTICLES)


_PARTICLES = frozenset(word.strip("'") for particle in PARTICLES for word in particle.split()) | SURNAME_PARTICLE_WORDS


def tokens(text: str) -> list[str]:
    return [t.lower().strip("'’") for t in _TOKEN.findall(text)]


def proper_words(interview: Interview) -> frozenset[str]:
    """Words the notes write with a capital in mid-sentence, and every name: they keep their capital."""
    found: set[str] = set()
    names = [interview.company, interview.candidate.name, *(c.name for c in interview.contacts)]
    for name in names:
        found.update(_base(w) for w in name.split() if w[:1].isupper())
    texts = [interview.theme or "", interview.next_step or ""]
    texts += [n.text for n in interview.needs] + [s.text for s in interview.strengths]
    texts += [m.text for m in interview.moments] + [q.text for q in interview.questions]
    for text in texts:
        if is_title_case(text):
            continue
        words_ = text.split()
        for before, word in itertools.pairwise(words_):
            core = word.strip(_QUOTES + ".,;:!?)")
            if core[:1].isupper() and not before.endswith((".", "!", "?", ":")):
                found.add(_base(core))
    return frozenset(found)


def _base(word: str) -> str:
    w = word.lower().strip(_QUOTES + ".,;:!?)")
    for suffix in ("'s", "’s"):
        if w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def is_title_case(text: str) -> bool:
    significant = [w for w in text.split() if len(w) > 3]
    return len(significant) >= 3 and all(w[:1].isupper() for w in significant)


def lower_first(text: str, proper: frozenset[str]) -> str:
    """Lowercase the first word unless it is `I`, an acronym, a name or a word the notes capitalise."""
    if not text or is_title_case(text):
        return text
    first = text.split(" ", 1)[0]
    lead = len(first) - len(first.lstrip(_QUOTES))
    core = first[lead:].strip(".,;:!?)")
    if not core[:1].isupper() or core in ("I", "I'm", "I've", "I'd"):
        return text
    if any(c.isupper() for c in core[1:]) or any(c.isdigit() for c in core):
        return text
    if _base(core) in proper or _base(core.split("-")[0]) in proper:
        return text
    from afterword.core.lang.proper import proper_words

    if any(proper_words(lang).get(core.lower()) == core for lang in Language):
        return text  # "Dutch", "Utrecht": written with a capital wherever they stand
    prefix = core.split("-")[0]
    if "-" in core and 2 <= len(prefix) <= 4 and _unknown_everywhere(prefix.lower()):
        return text  # "Wzd-aandachtsvelder", "Cao-overleg": an abbreviation before the hyphen keeps its capital
    if core in ("Eén", "Één"):
        return text[:lead] + "één" + text[lead + len(core):]
    return text[:lead] + text[lead].lower() + text[lead + 1 :]


def _unknown_everywhere(word: str) -> bool:
    from afterword.core.lang.spelling import words as dictionary

    return all(dictionary(lang).unknown([word]) for lang in Language)


def upper_first(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
        if ch not in _QUOTES:
            break
    return text


def phrase_language(text: str, default: Language | None, ignore: Iterable[str] = ()) -> Language | None:
    """English or Dutch by counting function words; ties go to `default` (None: cannot tell).

    The words of `ignore` (names) do not count; pass a tuple and its words are gathered once (a panel's
    names are asked about with every phrase of every draft)."""
    skip = _words_of(ignore) if isinstance(ignore, tuple) else {t for name in ignore for t in tokens(name)}
    toks = [t for t in tokens(text) if t not in skip]
    en = sum(1 for t in toks if t in words(Language.EN).function_words)
    nl = sum(1 for t in toks if t in words(Language.NL).function_words)
    if en > nl:
        return Language.EN
    if nl > en:
        return Language.NL
    return default


_STRONG_CUTS = (", ", " – ", " — ", " - ", "; ", " (", " because ", " so that ", " which ", " while ", " omdat ",
                " and how ", " and why ", " and what ", " en hoe ", " en waarom ", " en wat ",
                " zodat ", " waardoor ", " die ", " terwijl ", " als ", " who ", " whose ", " where ", " waar ")


_WEAK_CUTS = (" before ", " after ", " for ", " with ", " by ", " in ", " at ", " on ", " from ", " voor ", " na ",
              " met ", " door ", " in ", " bij ", " op ", " uit ", " van ", " rond ", " around ", " tijdens ",
              " during ")


@lru_cache(maxsize=8192)  # the same phrase is fitted for every shift of a person's email, and for colleagues
def shorten(text: str, limit: int, lang: Language, *, level: str = "word", min_words: int = 3) -> str | None:
    """Cut a phrase at a natural boundary so it fits `limit` characters; None when nothing sensible fits.

    Clause boundaries (a comma, `because`, `omdat`) come first, then prepositions (unless `level`
    is "clause"), then any word boundary (only when `level` is "word")."""
    strong = level == "clause"
    text = clean(text)
    if len(text) <= limit:
        return text
    if level == "whole":
        return None
    w = words(lang)
    for cuts in (_STRONG_CUTS, () if strong else _WEAK_CUTS):
        best = ""
        for cut in cuts:
            idx = text.find(cut)
            while idx != -1:
                if idx <= limit and idx > len(best):
                    best = text[:idx]
                idx = text.find(cut, idx + 1)
        best = best.rstrip(",;:–—- ")
        if len(best.split()) >= min_words and best.split()[-1].lower() not in w.trailing:
            return best
    if level != "word":
        return None
    head = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else ""
    parts = head.split()
    while parts and parts[-1].lower().strip(",.;:") in w.trailing:
        parts.pop()
    out = " ".join(parts).rstrip(",.;:–—-( ")
    return out if len(out.split()) >= 3 else None
