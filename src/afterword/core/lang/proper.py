"""Words a language writes with a capital that notes type in lower case ("utrecht", "monday"), as data
per language (`data/<lang>/proper.txt`)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from afterword.core.model import Language


@cache
def proper_words(lang: Language) -> dict[str, str]:
    """Lower-case form → how it is written."""
    text = resources.files("afterword.core.lang").joinpath("data", str(lang), "proper.txt").read_text("utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            out[word.lower()] = word
    return out


@cache
def _pattern(lang: Language) -> re.Pattern[str]:
    words = sorted(proper_words(lang), key=len, reverse=True)
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w'’-])")


def capitalise(text: str, lang: Language) -> str:
    """Every listed word typed in lower case written with its capital ("utrecht" → "Utrecht")."""
    table = proper_words(lang)
    text = _pattern(lang).sub(lambda m: table[m.group()], text)
    if lang is Language.EN:  # "march" is a verb too: a month after "in", "by", "since" …, or before a year
        text = _MARCH.sub(lambda m: m.group()[:-5] + "March", text)
    return text


_MARCH = re.compile(r"\b(?:in|by|since|until|from|before|after|early|late|mid|end of|start of|go-live|due)\s+march\b"
                    r"|\bmarch(?=\s+\d)", re.IGNORECASE)
