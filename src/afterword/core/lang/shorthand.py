"""Notes-speak: abbreviations, symbols used as words, laughter and bare contractions, per language.

One lexicon (`data/<lang>/shorthand.toml`) serves both sides: `find_shorthand` tells the checker where a
message still reads like notes, `expand_shorthand` lets the composer write the words out before a notes
item is quoted to anyone.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from afterword.core.model import Language

#: Abbreviations that are ordinary written Dutch or English *with* their full stop ("ca.", "bijv.", "incl.").
_FINE_WITH_STOP = frozenset({"ca", "bijv", "vnl", "incl", "excl", "dept", "govt", "info"})


@dataclass(frozen=True)
class Lexicon:
    """The shorthand of one language, as read from its data file."""

    words: dict[str, str]
    after_number: dict[str, str]
    expand_after_number: dict[str, str]
    laughter: tuple[str, ...]
    faces: tuple[str, ...]
    contractions: dict[str, str]
    symbols: dict[str, str]


@cache
def lexicon(lang: Language) -> Lexicon:
    raw = tomllib.loads(resources.files("afterword.core.lang").joinpath(f"data/{lang}/shorthand.toml").read_text("utf-8"))
    laughter = raw.get("laughter", {})
    return Lexicon(
        words={str(k).lower(): str(v) for k, v in raw.get("words", {}).items()},
        after_number={str(k).lower(): str(v) for k, v in raw.get("after_number", {}).items()},
        expand_after_number={str(k).lower(): str(v) for k, v in raw.get("expand_after_number", {}).items()},
        laughter=tuple(str(w).lower() for w in laughter.get("words", [])),
        faces=tuple(str(f) for f in laughter.get("faces", [])),
        contractions={str(k).lower(): str(v) for k, v in raw.get("contractions", {}).items()},
        symbols={str(k): str(v) for k, v in raw.get("symbols", {}).items()},
    )


@dataclass(frozen=True)
class Spot:
    """One piece of notes-speak: where it is, what kind, and what to write instead ("" = leave it out)."""

    start: int
    end: int
    kind: str  # "abbreviation", "symbol", "laughter", "contraction"
    text: str
    instead: str


#: A word as typed, with an optional slash part ("w/", "w/o", "b/c") and a full stop after it.
_TOKEN = re.compile(r"(?<![\w/.@'’-])([^\W\d_][\w]*(?:/[^\W\d_]*)?)(\.?)(?![\w'’@-]|/\w)")


#: A character every match of the symbols pattern holds (arrows, ~, +, &, =, /yr, @): a text without any is not
#: scanned.
_SYMBOL_CHARS = ">~+&=/@"


@cache
def _heads(lang: Language) -> frozenset[str]:
    """The lexicon's words without their full stop: a word of the text can only be notes-speak if it is one."""
    return frozenset(k[:-1] if k.endswith(".") else k for k in lexicon(lang).words)


def _may_hold_word(lang: Language, text: str) -> bool:
    """Whether some word of `text` may be notes-speak: one in the lexicon, looked up as a set, or a compound typed
    short ("riskmgmt"), which ends in "mgmt" (most messages hold neither; walking every word cost more than all the
    patterns). A text that is not ASCII is walked (lower case can move its words)."""
    if not text.isascii():
        return True
    lowered = text.lower()
    return "mgmt" in lowered or not _heads(lang).isdisjoint([word for word, _ in _TOKEN.findall(lowered)])


@dataclass(frozen=True)
class _Patterns:
    after_number: re.Pattern[str] | None
    laughter: re.Pattern[str]
    faces: re.Pattern[str]
    contractions: re.Pattern[str] | None
    symbols: re.Pattern[str]


@cache
def _patterns(lang: Language) -> _Patterns:
    lx = lexicon(lang)
    laughter = r"(?<![\w])(?:" + "|".join(
        r"ha(?:\s?ha)+h?" if w.startswith("ha") else re.escape(w) for w in sorted(set(lx.laughter), key=len, reverse=True)
    ) + r")(?![\w])"
    faces = r"(?:(?<=\s)|^)(?:" + "|".join(re.escape(f) for f in sorted(lx.faces, key=len, reverse=True)) \
        + r")(?=[\s.,!?;)]|$)"
    contractions = (r"(?<![\w'’])(?:" + "|".join(re.escape(c) for c in lx.contractions) + r")(?![\w'’])"
                    if lx.contractions else None)
    after = (r"(?<=\d)\s?(?:" + "|".join(re.escape(k) for k in lx.after_number) + r")(?![\w/])"
             if lx.after_number else None)
    symbols = (
        r"\s?(?:->|=>)\s?"                         # typed arrows, anywhere (a typographic → is a style)
        r"|(?:(?<=\s)|^)~\s?(?=[\w€£$])"           # ~3 %, ~ 60
        r"|(?<=[^\W_]) \+ (?=[^\W_])"               # floor tour + coffee, 6.1 + 6.3
        r"|(?<=[a-zà-ÿ]) & (?=[a-zà-ÿ]|I\b)"        # ben & me, you & I (not Marks & Spencer)
        r"|(?<=[\w%]) = (?=[\w~£€$])"               # norm = 4, 4% = £190k
        r"|/(?:yr|mo|mth|wk|jr|mnd|day|dag)\b"       # £190k/yr, 2x/mo
        r"|(?<=\s)@(?=\s)"                          # @ the office
    )
    return _Patterns(
        after_number=re.compile(after, re.IGNORECASE) if after else None,
        laughter=re.compile(laughter, re.IGNORECASE),
        faces=re.compile(faces),
        contractions=re.compile(contractions) if contractions else None,
        symbols=re.compile(symbols),
    )


def find_shorthand(text: str, lang: Language) -> list[Spot]:
    """Every piece of notes-speak in `text` (a message in `lang`), in order and never overlapping.

    Words in capitals are left alone ("WK" is the World Cup, "ASAP" a choice), as are dotted forms
    that are ordinary writing ("ca.", "bijv.")."""
    lx = lexicon(lang)
    pat = _patterns(lang)
    found: list[Spot] = []
    for m in _TOKEN.finditer(text) if _may_hold_word(lang, text) else ():
        word, stop = m.group(1), m.group(2)
        low = word.lower()
        if stop and low + "." in lx.words:
            key, end = low + ".", m.end()
        elif low in lx.words and not (stop and low in _FINE_WITH_STOP):
            key, end = low, m.start() + len(word)
        elif low.endswith("mgmt") and len(low) > 6 and low[:-4].isalpha():
            # "assetmgmt", "riskmgmt": a compound typed short ("assetmanagement")
            found.append(Spot(m.start(), m.start() + len(word), "abbreviation", word, word[:-4] + "management"))
            continue
        else:
            continue
        if stop and key == low and text[m.end():m.end() + 1].isalnum():
            continue  # "e.g.", "i.v.m.": a dotted abbreviation, not this word
        if len(word) > 1 and word.isupper() and word.replace("/", "").isalnum():
            continue
        if low == "re" and not _re_means_about(text, m.start() + len(word)):
            continue
        found.append(Spot(m.start(), end, "abbreviation", text[m.start():end], lx.words.get(key, "")))
    if pat.after_number is not None:
        for m in pat.after_number.finditer(text):
            unit = m.group().strip()
            found.append(Spot(m.start() + (len(m.group()) - len(m.group().lstrip())), m.end(), "abbreviation", unit,
                              lx.after_number.get(unit.lower(), "")))
    for m in pat.laughter.finditer(text):
        found.append(Spot(m.start(), m.end(), "laughter", m.group(), ""))
    for m in pat.faces.finditer(text):
        found.append(Spot(m.start(), m.end(), "laughter", m.group(), ""))
    if pat.contractions is not None:
        for m in pat.contractions.finditer(text):
            if m.group() in ("Ive", "Im"):
                continue  # a name (Jony Ive), or a capitalised word that is not the contraction
            found.append(Spot(m.start(), m.end(), "contraction", m.group(), lx.contractions[m.group().lower()]))
    for m in pat.symbols.finditer(text) if any(c in text for c in _SYMBOL_CHARS) else ():
        symbol = m.group().strip()
        found.append(Spot(m.start(), m.end(), "symbol", symbol, lx.symbols.get(symbol, "")))
    found.sort(key=lambda s: (s.start, -s.end))
    out: list[Spot] = []
    for spot in found:
        if out and spot.start < out[-1].end:
            continue
        out.append(spot)
    return out


def expand_dotted(text: str, lang: Language) -> str:
    """Dotted abbreviations that are fine in writing ("incl.", "ca.") written out, for quoting notes."""
    lx = lexicon(lang)
    for key in _FINE_WITH_STOP:
        if lx.words.get(key):
            text = _dotted(key).sub(lx.words[key], text)
    return text


@cache
def _dotted(key: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.]){re.escape(key)}\.(?=\s|$)", re.IGNORECASE)


def _re_means_about(text: str, end: int) -> bool:
    """"re" is shorthand for "about" when a word follows ("re the budget", "re: onboarding")."""
    return bool(re.match(r":?\s+[^\W\d_]", text[end:end + 40]))
