"""Words and sentences with their character offsets, for English and Dutch text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word: letters/digits, with inner apostrophes or hyphens (don't, zo'n, auto's, real-time).
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)|\n[ \t]*\n?")
#: Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "e.g", "i.e", "etc", "vs", "no", "st", "jr", "sr", "dhr", "mevr", "mw",
    "bijv", "bv", "o.a", "m.b.t", "i.v.m", "n.a.v", "z.s.m", "t.a.v", "d.w.z", "ca", "evt", "incl", "excl",
    "ir", "ing", "drs", "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "oct",
    "nov", "dec", "a.m", "p.m",
})


class Token:
    """A word and its offsets; `lower` is its lower case, worked out once (rules ask for it all the time).

    A plain class with slots rather than a frozen dataclass: every draft makes hundreds of tokens, and a frozen
    dataclass sets each field through object.__setattr__. Treat it as immutable."""

    __slots__ = ("end", "lower", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.lower = text.lower()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return self.text == other.text and self.start == other.start and self.end == other.end

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))

    def __repr__(self) -> str:
        return f"Token(text={self.text!r}, start={self.start}, end={self.end})"


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


def tokenise(text: str) -> list[Token]:
    """Every word with its offsets. Possessive `'s` is split off (Maria's → Maria)."""
    out: list[Token] = []
    append = out.append
    for match in _WORD.finditer(text):
        word = match.group()
        start, end = match.span()
        # "'s'" cannot end a match of _WORD (a word ends in a letter or digit), so only "'s" is split off
        if word[-2:] in _POSSESSIVE and len(word) > 2:
            append(Token(word[:-2], start, end - 2))
        else:
            append(Token(word, start, end))
    return out


_POSSESSIVE = frozenset({"'s", "'S", "’s", "’S"})


def sentences(text: str) -> list[Sentence]:
    """Split into sentences (and lines, so a greeting or sign-off line is one unit)."""
    out: list[Sentence] = []
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if match.group().startswith((".",)) and not match.group().startswith("..."):
            before = text[begin:match.start()].rsplit(None, 1)
            last = before[-1].lower().lstrip("(") if before else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()) or (last[-1:].isdigit() and _next_is_digit(
                text, match.end()
            )):
                continue
        _add(out, text, begin, end)
        begin = end
    _add(out, text, begin, len(text))
    return out


def _next_is_digit(text: str, index: int) -> bool:
    rest = text[index:index + 3].lstrip()
    return rest[:1].isdigit()


def _add(out: list[Sentence], text: str, begin: int, end: int) -> None:
    chunk = text[begin:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    start = begin + lead
    out.append(Sentence(stripped, start, start + len(stripped)))
