"""Lemmas (simplemma, loaded lazily per language and cached), stop words and a light stem."""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

from afterword.core.model import Language


@cache
def word_list(language: Language | str, name: str) -> frozenset[str]:
    """A word list shipped in `core/lang/data/<lang>/<name>.txt` (lower case, `#` comments)."""
    text = resources.files("afterword.core.lang").joinpath("data", str(language), f"{name}.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


def stopwords(language: Language | str) -> frozenset[str]:
    return word_list(language, "stopwords")


@lru_cache(maxsize=65536)
def lemma(word: str, language: Language | str) -> str:
    """The dictionary form of `word` (lower case). Loads simplemma's data for the language on first use."""
    import simplemma

    lowered = word.lower()
    try:
        return str(simplemma.lemmatize(lowered, lang=str(language))).lower()
    except (ValueError, KeyError):  # pragma: no cover - simplemma refuses odd input
        return lowered


@lru_cache(maxsize=65536)
def is_known_word(word: str, language: Language | str) -> bool:
    """Whether the word is in simplemma's dictionary of the language (as is, or lower case)."""
    import simplemma

    lang = str(language)
    return bool(simplemma.is_known(word, lang=lang) or simplemma.is_known(word.lower(), lang=lang))


_EN_SUFFIXES = ("ies", "ing", "ed", "es", "s")
_NL_SUFFIXES = ("heden", "eren", "en", "es", "e", "s")


@lru_cache(maxsize=65536)
def stem(word: str, language: Language | str) -> str:
    """A cheap, dictionary-free key: lower case, common inflection endings stripped.

    Used as a fast first pass before lemmas: equal stems nearly always mean the same word
    ("outages"/"outage" → "outag", "gefietst"/"fietst"/"fietsen" → "fiets").
    """
    w = word.lower().replace("’", "'")
    if "'" in w:
        w = w.split("'", 1)[0]
    dutch = str(language) == "nl"
    if dutch and w.startswith("ge") and w.endswith(("t", "d")) and len(w) >= 7:
        w = w[2:]  # a participle: gefietst → fietst
    suffixes = _NL_SUFFIXES if dutch else _EN_SUFFIXES
    for suffix in suffixes:
        if len(w) - len(suffix) >= 4 and w.endswith(suffix):
            w = w[: -len(suffix)]
            if suffix == "ies":
                w += "y"
            elif dutch and suffix in ("en", "e") and len(w) >= 4 and w[-2] in "aeou" and w[-3] not in "aeiouy" \
                    and w[-1] not in "aeiouy":
                w = w[:-1] + w[-2] + w[-1]  # open syllable: gemalen → gemal → gemaal, praten → praat
            break
    else:
        if dutch and len(w) >= 6 and w.endswith("t") and w[-2] not in "aeiout":
            w = w[:-1]  # fietst → fiets
        elif not dutch and len(w) >= 6 and w.endswith("e"):
            w = w[:-1]  # outage → outag
    if len(w) >= 5 and w[-1] == w[-2] and w[-1] not in "aeiou":  # planning → plann → plan, bommen → bomm → bom
        w = w[:-1]
    return w
