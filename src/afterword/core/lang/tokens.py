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


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


def tokenise(text: str) -> list[Token]:
    """Every word with its offsets. Possessive `'s` is split off (Maria's → Maria)."""
    out: list[Token] = []
    for match in _WORD.finditer(text):
        word = match.group()
        start = match.start()
        lowered = word.lower()
        if len(word) > 2 and lowered.endswith(("'s", "’s")) and not lowered.endswith(("'s'", "’s’")):
            out.append(Token(word[:-2], start, start + len(word) - 2))
            continue
        out.append(Token(word, start, match.end()))
    return out


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
