"""Numbers in English and Dutch text, normalised so `23%`, `23 percent` and `drieëntwintig procent` agree."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from afterword.core.lang.names import fold_cached as fold
from afterword.core.lang.tokens import Token, tokenise

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_NL_UNITS = {
    "nul": 0, "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
}
_NL_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
            "tachtig": 80, "negentig": 90}
_NL_SCALES = {"miljoen": 1_000_000, "miljard": 1_000_000_000}
#: Counts written as words, per language ("twee", "twelve", "honderd"), lower case, "één" with its accents too.
NUMBER_WORDS = {
    "en": frozenset([*_EN_UNITS, *_EN_SCALES]),
    "nl": frozenset([*_NL_UNITS, *_NL_TENS, *_NL_SCALES, "één", "honderd", "duizend"]),
}
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "januari|februari|maart|mei|juni|juli|augustus|oktober|"
    "jan|feb|mar|mrt|apr|jun|jul|aug|sep|sept|oct|okt|nov|dec"
)
#: Month names and their abbreviations in both languages, lower case.
MONTH_WORDS = frozenset(_MONTHS.split("|"))


def spelled(n: int, lang: str) -> str:
    """How prose writes a count from 1 to 19: "three", "drie" ("één" with its accents, as a count)."""
    if str(lang) == "nl":
        return "één" if n == 1 else next(w for w, v in _NL_UNITS.items() if v == n)
    return next(w for w, v in _EN_UNITS.items() if v == n)


#: Dates and times. Every match starts with a digit, a month's first letter, the w of week or the Q of a quarter:
#: the lookahead says so first, so that most places are passed over without trying every month at each.
_DATE_TIME = re.compile(
    rf"""(?ix) (?=[\dqjfmasondw]) (?:
    \b\d{{1,2}}[:.]\d{{2}}(?:\s?(?:am|pm|a\.m\.|p\.m\.|uur|u|h))?\b      # 14:00, 9.30 uur
  | \b\d{{1,2}}\s?(?:am|pm|a\.m\.|p\.m\.|uur|u)(?![\w])                   # 3 pm, 10 uur
  | \b\d{{1,2}}(?:st|nd|rd|th|e|ste|de)?\s+(?:of\s+)?(?:{_MONTHS})\b\.?(?:,?\s+\d{{4}})?   # 7 December 2026
  | \b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?     # December 7, 2026
  | \b\d{{1,4}}[-/]\d{{1,2}}(?:[-/]\d{{1,4}})?\b                          # 7/12, 2026-12-07
  | \b(?:week|wk)\s+\d{{1,2}}\b                                           # week 49
  | \bQ[1-4]\b | \b24/7\b | \b1[:-]1\b                                 # Q3, 24/7, a 1:1
    )"""
)
_PHONE = re.compile(r"\+?\(?\d[\d\s().\-]{7,20}\d")
_URL_OR_EMAIL = re.compile(
    r"(?:https?://|www\.)\S{1,300}|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}"
    r"|\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,4}\.(?:com|nl|org|net|io|be|eu|example)\b(?:/\S{0,300})?"
)
_DIGITS = re.compile(r"(?<![\w.,])(?<![^\W\d_]-)([€$£]\s?)?(\d+(?:[.,]\d+){0,4})(k|K|m|M|mln|bn|x)?(?![\w])")
_PERCENT_AFTER = re.compile(r"\s?(%|percent\b|per cent\b|procent\b|pct\b|percentage points?\b|procentpunt\w*)", re.I)
_MULTIPLIER_AFTER = re.compile(r"(?:\s?(k|m|mln|bn)\b|\s(thousand|million|billion|duizend|miljoen|miljard)\b)", re.I)
_SCALE = {"k": 1000, "m": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000, "thousand": 1000,
          "million": 1_000_000, "billion": 1_000_000_000, "duizend": 1000, "miljoen": 1_000_000,
          "miljard": 1_000_000_000}
_RATIO = re.compile(r"(?i)\b(\w+)\s+(?:in|out of|op de|op|van de|uit)\s+(?:every\s+|each\s+|elke\s+|iedere\s+)?(\w+)\b")
#: Nouns after which a small spelled-out number is talk, not a claim ("two questions", "drie punten").
_DISCOURSE = frozenset({
    "thing", "things", "point", "points", "question", "questions", "idea", "ideas", "thought", "thoughts",
    "reason", "reasons", "way", "ways", "aspect", "aspects", "topic", "topics", "of", "more", "other", "words",
    "sentence", "sentences", "zaken", "dingen", "punten", "punt", "vragen", "vraag", "ideeën", "redenen",
    "manieren", "aspecten", "onderwerpen", "andere", "woorden", "zinnen", "dagen", "days", "weeks", "weken",
    "kanten", "sides", "both", "van", "options", "opties", "sets", "keren",
})


_UNITS = frozenset({
    "hour", "hours", "minute", "minutes", "second", "seconds", "year", "years", "month", "months", "quarter",
    "quarters", "percent", "times", "people", "engineers", "teams", "uur", "minuten", "seconden", "jaar",
    "maanden", "kwartalen", "keer", "mensen", "procent", "fte", "million", "thousand", "hundred", "miljoen",
    "duizend", "honderd", "euro", "euros", "dollars", "pounds",
})


def _is_unit(word: str, counts_thing: Callable[[str], bool] | None) -> bool:
    if word in _DISCOURSE:
        return False
    return word in _UNITS or (counts_thing is not None and counts_thing(word))


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number claim in text. `keys` are its normalised values (any one may ground it)."""

    text: str
    start: int
    end: int
    keys: frozenset[str]


def _key(value: float) -> str:
    return f"{round(value, 4):.15g}"


def _digit_values(raw: str) -> set[float]:
    """`1.000` → {1.0, 1000}; `2,5` → {2.5}; `1,000.50` → {1000.5}."""
    values: set[float] = set()
    parts = re.split(r"[.,]", raw)
    if len(parts) == 1:
        return {float(raw)}
    seps = re.findall(r"[.,]", raw)
    if all(len(p) == 3 for p in parts[1:]):
        values.add(float("".join(parts)))
    if len(parts) == 2:
        values.add(float(parts[0] + "." + parts[1]))
    elif len(set(seps)) == 2:  # 1,000.50 or 1.000,50
        whole = "".join(parts[:-1])
        values.add(float(whole + "." + parts[-1]))
    return values


@lru_cache(maxsize=65536)
def word_value(word: str) -> int | None:
    """The value of one spelled-out number word in English or Dutch, else None."""
    w = fold(word).replace("-", "").replace("'", "")
    if w in _EN_UNITS:
        return _EN_UNITS[w]
    if w in _EN_SCALES:
        return _EN_SCALES[w]
    for tens, value in _EN_UNITS.items():  # twentythree (from "twenty-three")
        if value >= 20 and w.startswith(tens) and w[len(tens):] in _EN_UNITS and _EN_UNITS[w[len(tens):]] < 10:
            return value + _EN_UNITS[w[len(tens):]]
    return _nl_value(w)


def _nl_value(w: str) -> int | None:
    if not w or len(w) > 40:
        return None
    if w in _NL_UNITS:
        return _NL_UNITS[w]
    if w in _NL_TENS:
        return _NL_TENS[w]
    if w in _NL_SCALES:
        return _NL_SCALES[w]
    for scale_word, scale in (("duizend", 1000), ("honderd", 100)):
        if scale_word in w:
            left, _, right = w.partition(scale_word)
            left_value = _nl_value(left) if left else 1
            right_value = _nl_value(right) if right else 0
            if left_value is None or right_value is None or (left and left_value >= scale):
                return None
            return left_value * scale + right_value
    for tens_word, tens in _NL_TENS.items():
        if w.endswith("en" + tens_word):
            unit = _NL_UNITS.get(w[: -len(tens_word) - 2])
            if unit is not None and 1 <= unit <= 9:
                return tens + unit
    return None


def _mask(text: str) -> str:
    """Blank out URLs, addresses, phone numbers, dates and times (same length, offsets kept)."""
    for pattern in (_URL_OR_EMAIL, _DATE_TIME, _PHONE):
        if pattern is _URL_OR_EMAIL and not any(piece in text for piece in _URL_PIECES):
            continue  # every match holds one of these; scanning for none costs a fifth of finding numbers
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


#: What every match of _URL_OR_EMAIL holds: a scheme, www., an @, or a dot before a top-level domain.
_URL_PIECES = ("://", "www.", "@", ".com", ".nl", ".org", ".net", ".io", ".be", ".eu", ".example")


def find_numbers(text: str, *, claims_only: bool = True, counts_thing: Callable[[str], bool] | None = None,
                 tokens: list[Token] | None = None) -> list[NumberMention]:
    """Numbers, percentages and amounts that make a claim. Dates, times, phone numbers, URLs,
    ordinals, codes such as `Q3`, and spelled-out `one`/`een` (a pronoun or article) are left out.
    With `claims_only=False` every value is returned (for the notes: generous grounding).

    A small spelled-out number ("two sets of numbers") is only a claim when the word after it is a
    unit (hours, percent, years) or `counts_thing(word)` says it names something worth counting.
    `tokens`, when given, are `tokenise(text)` already worked out (the checker's); they are used when masking
    left the text as it was."""
    if len(text) > 200_000:
        text, tokens = text[:200_000], None
    masked = _mask(text) if claims_only else text
    if tokens is not None and masked != text:
        tokens = None
    out: list[NumberMention] = []
    for match in _DIGITS.finditer(masked):
        raw = match.group(2)
        values = _digit_values(raw)
        end = match.end()
        suffix = (match.group(3) or "").lower()
        if suffix in _SCALE:
            values |= {v * _SCALE[suffix] for v in values}
        mult = _MULTIPLIER_AFTER.match(masked[end:end + 24]) if not suffix else None
        if mult:
            scale = _SCALE[(mult.group(1) or mult.group(2)).lower()]
            values |= {v * scale for v in values}
            end += mult.end()
        pct = _PERCENT_AFTER.match(masked[end:end + 24])
        if pct:
            end += pct.end()
        out.append(NumberMention(text[match.start():end], match.start(), end, frozenset(_key(v) for v in values)))
    # Whether a spelled-out number starts inside a figure: the figures come in order of their start, so the
    # ones starting at or before it are a prefix, and it is inside one of them when the furthest end among
    # them lies beyond it (a long notes text has thousands of both; comparing each with each was quadratic).
    starts = [d.start for d in out]
    furthest: list[int] = []
    for d in out:
        furthest.append(max(d.end, furthest[-1]) if furthest else d.end)

    def inside_a_figure(position: int) -> bool:
        before = bisect_right(starts, position)
        return before > 0 and furthest[before - 1] > position

    out.extend(m for m in _word_numbers(masked, text, claims_only, counts_thing, tokens)
               if not inside_a_figure(m.start))
    out.extend(_ratios(masked, text))
    out.sort(key=lambda m: m.start)
    return _drop_inside_ratios(out)


#: Where a spelled-out number can start: every word `word_value` gives a value (once folded, which for ASCII text is
#: lower case, and without - and ') begins with one of these, at the start of a word.
_NUMBER_WORD_START = re.compile("(?i)(?<![^\\W\\d_])(?:" + "|".join(
    sorted({*_EN_UNITS, *_EN_SCALES, *_NL_UNITS, *_NL_TENS, *_NL_SCALES, "duizend", "honderd"}, key=len, reverse=True))
    + ")")


def _word_numbers(masked: str, text: str, claims_only: bool, counts_thing: Callable[[str], bool] | None,
                  tokens: list[Token] | None = None) -> list[NumberMention]:
    out: list[NumberMention] = []
    if masked.isascii() and _NUMBER_WORD_START.search(masked) is None:
        return out  # no word starts as a number word does, so no token has a value
    if tokens is None:
        tokens = tokenise(masked)
    index = 0
    while index < len(tokens):
        run: list[Token] = []
        total = current = 0
        last_end = 0
        while index < len(tokens):
            token = tokens[index]
            if run and masked[last_end:token.start].strip(" -"):
                break
            value = word_value(token.text)
            if value is None:
                if run and current >= 100 and token.lower == "and" and index + 1 < len(tokens) and word_value(
                    tokens[index + 1].text
                ):
                    last_end = token.end
                    index += 1
                    continue
                break
            if value >= 100 and value in (100, 1000, 1_000_000, 1_000_000_000) and token.lower not in _NL_UNITS:
                current = max(current, 1) * value
                if value >= 1000:
                    total, current = total + current, 0
            else:
                current += value
            run.append(token)
            last_end = token.end
            index += 1
        if not run:
            index += 1
            continue
        value = total + current
        start, end = run[0].start, run[-1].end
        pct = _PERCENT_AFTER.match(masked[end:end + 24])
        if pct:
            end += pct.end()
        next_word = tokens[index].lower if index < len(tokens) else ""
        if claims_only and not pct:
            if value <= 1 or (len(run) == 1 and value <= 12 and not _is_unit(next_word, counts_thing)):
                continue
            if run[0].text[:1].isupper() and run[0].start > 0 and run[0].lower in ("een", "one"):
                continue
        out.append(NumberMention(text[start:end], start, end, frozenset({_key(value)})))
    return out


def _ratios(masked: str, text: str) -> list[NumberMention]:
    out: list[NumberMention] = []
    for match in _RATIO.finditer(masked):
        first, second = match.group(1), match.group(2)
        a = float(first) if first.isdigit() else word_value(first)
        b = float(second) if second.isdigit() else word_value(second)
        if a is None or b is None or not 0 < a < b:
            continue
        keys = {f"{_key(a)}/{_key(b)}", _key(100 * a / b)}
        out.append(NumberMention(text[match.start():match.end()], match.start(), match.end(), frozenset(keys)))
    return out


def _drop_inside_ratios(mentions: list[NumberMention]) -> list[NumberMention]:
    ratios = [m for m in mentions if any("/" in k for k in m.keys)]
    if not ratios:
        return mentions
    return [m for m in mentions if m in ratios or not any(r.start <= m.start and m.end <= r.end for r in ratios)]


def number_keys(text: str) -> frozenset[str]:
    """Every value written in `text`, in any form, including parts of dates and ratios."""
    keys: set[str] = set()
    for mention in find_numbers(text, claims_only=False):
        keys |= mention.keys
        for key in mention.keys:
            if "/" in key:
                keys.update(key.split("/"))
    return frozenset(keys)
