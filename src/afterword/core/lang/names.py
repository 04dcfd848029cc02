"""Personal names: given name, Dutch surname particles, and accent-insensitive keys."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Particles (tussenvoegsels) that belong to a surname; longest first so `van der` wins over `van`.
PARTICLES: tuple[str, ...] = (
    "van de", "van der", "van den", "van het", "van 't", "in de", "in het", "in 't", "op de", "op den",
    "op het", "op 't", "aan de", "aan den", "aan het", "uit de", "uit den", "uit het", "bij de", "onder de",
    "over de", "voor de", "von der", "von dem", "de la", "de las", "de los", "van", "de", "der", "den", "het",
    "'t", "ten", "ter", "te", "von", "vom", "zu", "d'", "la", "le", "du", "del", "della", "di", "da", "dos",
    "das", "do",
)
#: Single words that may stand in a surname before its core ("van", "de", "ter", "von", "bin"): one list for
#: the composer (a double given name is not a surname) and the checker (a name line is not boilerplate).
SURNAME_PARTICLE_WORDS = frozenset({"van", "de", "der", "den", "het", "ter", "ten", "te", "'t", "von", "la", "le", "du",
                                    "da", "di", "del", "dos", "el", "al", "bin", "ibn"})
_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "æ": "ae",
                          "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "þ": "th", "ð": "d"})
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class NameParts:
    """`Anneke van der Meer` → given `Anneke`, particles `van der`, core `Meer`."""

    given: str
    particles: str
    core: str

    @property
    def surname(self) -> str:
        """The surname as written after a given name: `van der Meer`."""
        return f"{self.particles} {self.core}".strip() if self.particles else self.core

    @property
    def surname_alone(self) -> str:
        """The surname standing alone, Dutch style: `Van der Meer` (first particle capitalised)."""
        return capitalise_first(self.surname)


#: Academic and professional titles written before a name in notes ("dr. Maarten van den Berg", "ir.",
#: "mr. dr."): not part of the given name.
NAME_TITLES = frozenset({"dr.", "dr", "drs.", "drs", "ir.", "ir", "ing.", "mr.", "prof.", "prof", "ds.", "mgr.",
                         "mevr.", "dhr.", "mw.", "mrs.", "mrs", "ms.", "ms", "mx.", "sir", "dame", "cllr",
                         "cllr.", "councillor", "rev.", "revd"})


_NICKNAME = re.compile(r"\s[\"“‘(]([^\"”’()\s][^\"”’()]{0,20})[\"”’)](?=\s)")


def nickname(full: str) -> str | None:
    """The name someone goes by, written in quotes or brackets: `Samantha "Sam" Okoye` → `Sam`."""
    match = _NICKNAME.search(f" {full} ")
    return match.group(1).strip() if match else None


def strip_titles(full: str) -> str:
    """The name without leading titles ("mr. dr. Koen ter Borg" → "Koen ter Borg") and without a quoted
    nickname (`Samantha "Sam" Okoye` → "Samantha Okoye"); never empty."""
    full = " ".join(_NICKNAME.sub(" ", f" {full} ").split()) or full
    words = full.split()
    while len(words) > 1 and words[0].lower() in NAME_TITLES:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=4096)
def split_name(full: str) -> NameParts:
    words = strip_titles(full).split()
    if not words:
        return NameParts("", "", "")
    if len(words) == 1:
        if _CJK.search(words[0]) and len(words[0]) >= 2:
            # Chinese, Japanese and Korean names are written family name first, without a space.
            return NameParts(words[0][1:], "", words[0][0])
        return NameParts(words[0], "", "")
    given = words[0]
    rest = words[1:]
    lowered = " ".join(rest).lower()
    for particle in PARTICLES:
        count = len(particle.split())
        if len(rest) > count and lowered.startswith(particle + " ") and _written_as_particle(rest[:count]):
            return NameParts(given, " ".join(rest[:count]), " ".join(rest[count:]))
    return NameParts(given, "", " ".join(rest))


def _written_as_particle(words: list[str]) -> bool:
    # "Maria De Vries" (Belgian style) keeps its capital: still a particle, written as given.
    return all(w[:1].isalpha() or w.startswith("'") for w in words)


def given_name(full: str) -> str:
    return split_name(full).given or full


def surname_alone(full: str) -> str:
    parts = split_name(full)
    return parts.surname_alone if parts.core else full


def capitalise_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def fold(text: str) -> str:
    """Accent- and case-insensitive key: `Zoë` → `zoe`, `Łukasz` → `lukasz`."""
    if text.isascii():  # nothing to decompose; most text is
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=1024)
def name_forms(full: str) -> frozenset[str]:
    """Accent-insensitive ways a person may be addressed: given name, surname with or without
    particles, surname core, full name (`Anneke van der Meer` → `anneke`, `van der meer`, `meer`, …)."""
    parts = split_name(full)
    forms = {fold(full), fold(parts.given)}
    if parts.core:
        forms |= {fold(parts.core), fold(parts.surname), fold(f"{parts.given} {parts.surname}")}
    return frozenset(f for f in forms if f)


@lru_cache(maxsize=65536)
def name_distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap neighbours) between two names, accent-insensitive."""
    from rapidfuzz.distance import OSA

    return int(OSA.distance(fold(a), fold(b)))


def allowed_name_edits(name: str) -> int:
    """How many edits still look like a slip for a name of this length (0 for very short names)."""
    length = len(fold(name))
    if length <= 3:
        return 0
    return 1 if length <= 6 else 2


def greeting_name_edits(name: str) -> int:
    """In a greeting, a name that is close is the reader's name misspelled ("Van der Meeren" for Van der
    Meer, "Boschman" for Bosman): up to two edits from four letters on, one below."""
    return 1 if len(fold(name)) <= 3 else 2


@lru_cache(maxsize=65536)
def fold_cached(text: str) -> str:
    """`fold`, memoised: the checker folds the same few thousand words over and over."""
    return fold(text)
