"""A robust nl/en language guess from function words, blind to names and company words."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from afterword.core.lang.lemmas import word_list
from afterword.core.lang.tokens import Token, tokenise
from afterword.core.model import Language

_PARTICLES = frozenset({"van", "de", "den", "der", "het", "ten", "ter", "te", "'t", "op", "in"})


@cache
def _markers() -> tuple[tuple[Language, ...], tuple[frozenset[str], ...], frozenset[str]]:
    """The languages, the marker words of each, and all of them together."""
    languages = tuple(Language)
    markers = tuple(word_list(lang, "markers") for lang in languages)
    return languages, markers, frozenset().union(*markers)


def language_scores(text: str, ignore: Iterable[str] = (), tokens: Sequence[Token] | None = None) -> dict[Language, int]:
    """How many tokens are typical for each language. Surname particles before a capital
    (`de Vries`, `van den Berg`) and words in `ignore` (names, the company) do not count."""
    skip = {w.lower() for w in ignore}
    languages, markers, every = _markers()
    counts = [0] * len(languages)
    if tokens is None:
        tokens = tokenise(text[:20000])
    last = len(tokens) - 1
    for index, token in enumerate(tokens):
        lowered = token.lower
        if lowered not in every or lowered in skip:
            continue  # only a marker of some language counts
        if lowered in _PARTICLES and index < last and tokens[index + 1].text[:1].isupper():
            continue
        for position, words in enumerate(markers):
            if lowered in words:
                counts[position] += 1
    return dict(zip(languages, counts, strict=True))


def guess_language(text: str, ignore: Iterable[str] = (), tokens: Sequence[Token] | None = None) -> Language | None:
    """`en` or `nl` when the text clearly is one of them, else None (too short or unclear)."""
    scores = language_scores(text, ignore, tokens)
    en, nl = scores[Language.EN], scores[Language.NL]
    if max(en, nl) < 3:
        return None
    if en >= 2 * nl and en > nl:
        return Language.EN
    if nl >= 2 * en and nl > en:
        return Language.NL
    return None
