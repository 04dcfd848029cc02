"""Read notes as people type them before any of it is quoted: shorthand written out, laughter and asides
dropped, names capitalised; private or still-rough items set aside and reported, with a rewrite to suggest.

The composer quotes only what this module hands it. Everything it sets aside is listed (`Reading.rough`),
so `draft` can tell the user which notes items were too rough to quote and how to write them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TypeVar

from afterword.compose.prose import marks, slang, unknown_words, without_vocative
from afterword.compose.topic import LABELS, first_segment, good_theme, has_any_verb, has_verb, quotable, topic
from afterword.core.lang.names import split_name, strip_titles, surname_alone
from afterword.core.lang.numbers import MONTH_WORDS, NUMBER_WORDS, spelled
from afterword.core.lang.private import blunt, find_private
from afterword.core.lang.proper import capitalise
from afterword.core.lang.shorthand import expand_dotted, find_shorthand, lexicon
from afterword.core.model import Contact, Interview, Language, Moment, Need, Question, Strength

_Item = TypeVar("_Item", Need, Strength, Moment, Question)

#: Reasons an item is not quoted, in the user's two languages.
REASONS = {
    "private": ("a private detail: fine to hear, not to quote back", "een privédetail: prima om te horen, niet om te citeren"),
    "shorthand": ("still reads like notes after writing out the shorthand",
                  "leest ook na het uitschrijven van de afkortingen nog als notitie"),
    "reader": ("talks about the person it would be quoted to", "praat over de persoon aan wie het geciteerd zou worden"),
    "words": ("has words a reader would not understand", "bevat woorden die een lezer niet begrijpt"),
    "fragments": ("is a row of fragments, not something to say to someone",
                  "is een rij flarden, niet iets om tegen iemand te zeggen"),
    "topic": ("does not read as a sentence; only what it is about is used",
              "leest niet als een zin; alleen het onderwerp wordt gebruikt"),
    "blunt": ("says bluntly what is wrong: not a subject or a topic to send to the people whose problem it is",
              "zegt bot wat er mis is: geen onderwerp of thema om te sturen aan wie het probleem heeft"),
    "asked": ("is a question they asked you: answer it in the conversation, do not echo it",
              "is een vraag die zij jou stelden: beantwoord die, herhaal hem niet"),
}
_HINT = {
    "blunt": ("Name the topic as you would to them, e.g. “rate parity across the sites”.",
              "Noem het onderwerp zoals je het tegen hen zou zeggen, bijv. “de digitalisering van de dossiers”."),
    "private": ("Leave it in the notes for yourself; the drafts will not use it.",
                "Laat het voor jezelf in de notities staan; de concepten gebruiken het niet."),
    "reader": ("Write it as you would say it to them, or name the topic only.",
               "Schrijf het zoals je het tegen hen zou zeggen, of noem alleen het onderwerp."),
}


@dataclass(frozen=True)
class Rough:
    """A notes item the drafts do not quote, why, and a rewrite to suggest (in the notes' language)."""

    field: str  # theme, next_step, needs, strengths, moments, questions
    index: int  # place in its table (0 for theme and next_step)
    text: str
    reason: str  # a key of REASONS
    suggestion: str
    detail: str = ""  # what in it is the trouble: "ortho, intl", "14/31"

    def reason_in(self, lang: Language | str) -> str:
        en, nl = REASONS[self.reason]
        said = nl if str(lang) == "nl" else en
        return f"{said}: {self.detail}" if self.detail else said


@dataclass(frozen=True)
class Reading:
    interview: Interview  # the notes with every quotable item tidied and the others left out
    rough: tuple[Rough, ...]
    #: For a strength too rough to quote: the result it names, when one can be said plainly (by strength index).
    results: dict[int, Result] = field(default_factory=dict)
    #: What a theme typed as notes is about ("changeovers"): good for a subject, stilted after "about".
    theme_topic: str | None = None


@dataclass(frozen=True)
class Result:
    """"achterstand van 410 naar 120 dossiers in negen maanden" as parts: what, from, to, unit, how long."""

    what: str
    start: str
    end: str
    unit: str
    took: str

    @property
    def down(self) -> bool:
        return _number(self.end) < _number(self.start)


def _number(text: str) -> float:
    digits = re.sub(r"[^\d,.]", "", text).replace(",", ".")
    try:
        return float(digits.rstrip("."))
    except ValueError:
        return 0.0


_RESULT = {
    Language.EN: re.compile(r"(?P<np>(?:[^\W\d_][\w'’-]*\s+){1,4}?)from\s+(?P<a>(?:about\s+|approximately\s+|roughly\s+)?[£€$]?\d[\d.,]*(?:\s?%)?)\s+to\s+"
                            r"(?P<b>[£€$]?\d[\d.,]*(?:\s?%)?)(?P<unit>\s+(?!(?:in|on|at|bij|op|per|over|door|by|after|before|since|later|ago|na|daarna|toen|and|en|with|met)\b)[a-z]{3,})?"
                            r"(?P<took>\s+in\s+(?:about\s+)?[\w]+\s+(?:days|weeks|months|years|quarters))?"),
    Language.NL: re.compile(r"(?P<np>(?:[^\W\d_][\w'’-]*\s+){1,4}?)van\s+(?P<a>(?:ongeveer\s+|circa\s+|ruim\s+)?[£€$]?\d[\d.,]*(?:\s?%)?)\s+naar\s+"
                            r"(?P<b>[£€$]?\d[\d.,]*(?:\s?%)?)(?P<unit>\s+(?!(?:in|on|at|bij|op|per|over|door|by|after|before|since|later|ago|na|daarna|toen|and|en|with|met)\b)[a-z]{3,})?"
                            r"(?P<took>\s+in\s+(?:ongeveer\s+)?[\w]+\s+(?:dagen|weken|maanden|jaar|kwartalen))?"),
}
_NOT_IN_NP = frozenset({"in", "at", "on", "by", "bij", "op", "met", "with", "door", "for", "voor", "of", "the", "de", "naar", "to", "via", "so", "dus",
                        "het", "a", "een", "my", "mijn", "and", "en", "took", "brought", "cut", "got", "moved", "went",
                        "ging", "gingen", "bracht", "which", "waardoor", "waarmee", "pass", "i", "ik"})


def result_of(text: str, lang: Language) -> Result | None:
    """The result a rough strength names, as parts, when its subject is a plain noun: "the backlog", "de
    wachttijd"; None when there is none or it cannot be said without guessing."""
    for segment in re.split(r"[,;]\s+|\s+-\s+", text):
        m = _RESULT[lang].search(segment)
        if not m:
            continue
        words_before = m.group("np").split()
        kept: list[str] = []
        for word in reversed(words_before):
            low = word.lower()
            if low in _NOT_IN_NP or low in _UNITS or has_verb(low, lang) or (lang is Language.EN and low.endswith("ed")):
                if low in _PLACE_WORDS and len(kept) > 1:
                    kept = kept[-1:]  # "bij omgevingsdienst achterstand": the place, then what changed
                break
            kept.insert(0, word)
        unit = (m.group("unit") or "").strip()
        if unit in _NOT_IN_NP or has_verb(unit, lang):
            unit = ""
        if not kept or (len(kept) == 1 and len(kept[0]) < 5) or _number(m.group("a")) == _number(m.group("b")):
            continue
        from afterword.compose.topic import _with_article

        what = _with_article(" ".join(kept), lang) if lang is Language.NL else (
            " ".join(kept) if kept[0][:1].isupper() or kept[-1].endswith("s") else "the " + " ".join(kept))
        return Result(what, m.group("a").strip(), m.group("b").strip(), unit, (m.group("took") or "").strip())
    return None


_PLACE_WORDS = frozenset({"in", "at", "on", "bij", "op", "voor", "for"})
_UNITS = frozenset({"minutes", "hours", "days", "weeks", "months", "years", "minuten", "uur", "dagen", "weken",
                    "maanden", "jaar", "percent", "procent"})


_BRACKETS = re.compile(r"(?:^|\s+)(?:\([^()]*\)|\[[^\[\]]*\])")
_NUMBER = r"(?:[~≈]\s?)?[£€$]?\d+(?:[.,]\d+)?(?:\s?%|k\b|m\b)?"
_RANGE_ARROW = re.compile(rf"(?P<a>{_NUMBER})\s?(?P<unit_a>[^\W\d_]{{1,12}})?\s?(?:->|=>|→)\s?(?P<b>{_NUMBER})")
_ARROW = re.compile(r"\s*(?:->|=>|→)\s*")
_REPEATED = re.compile(r"([!?])\1+")
_SPACES = re.compile(r"\s+")


def tidy(text: str, lang: Language, names: dict[str, str]) -> str:
    """The item written out: no brackets, laughter or emoticons; abbreviations and symbols as words;
    "75 -> 22 min" as "from 75 to 22 min"; names as the notes' contacts write them."""
    out = expand_dotted(_BRACKETS.sub("", text), lang)
    out = _REPEATED.sub(r"\1", out)
    out = re.sub(r"\s*<-?>\s*", " and " if lang is Language.EN else " en ", out)  # "collectie <-> publiek"
    out = re.sub(r"(?<![\w.,])(\d+)\+(?=\s+[^\W\d_])", r"meer dan \1" if lang is Language.NL else r"over \1", out)  # "60+ pompstations"
    out = _slashes(out, lang)
    out = _GAIN_ARROW.sub(lambda m: _gain(m, lang), out)
    out = _RANGE_ARROW.sub(lambda m: _range(m, lang), out)
    out = _ARROW.sub(lambda m: _arrow(out, m, lang), out)
    out = _moved(out, lang)
    per = _PER[lang]
    out = re.sub(r"/(yr|mo|mth|wk|jr|mnd|day|dag)\b", lambda m: per[m.group(1)], out)
    lx = lexicon(lang)
    for spot in reversed(find_shorthand(out, lang)):
        if spot.kind == "abbreviation" and spot.text.lower() in names:
            continue  # "dec wants to take one show to Edinburgh": Dec is a person here, not December
        if spot.instead == "?":
            continue  # ambiguous ("gem.": gemiddeld or gemeente): left as typed, so the item is not quoted
        instead = spot.instead
        if spot.kind == "laughter":
            instead = ""
        elif spot.kind == "symbol" and spot.text == "~":
            instead = lx.symbols.get("~", "") + " "
        elif spot.kind == "symbol":
            instead = f" {instead} "
        out = out[:spot.start] + instead + out[spot.end:]
    out = _HOURS_PAIR.sub(r"\1- and \2-hour" if lang is Language.EN else r"\1 en \2 uur", out)  # "24h/72h"
    if lang is Language.NL:
        out = _NL_SHORTAGE.sub(r"het tekort aan \1", out)  # "pm'ers tekort" → "het tekort aan pedagogisch medewerkers"
    if lang is Language.EN:
        out = _HYPHEN_UNIT.sub(lambda m: f"{m.group(1)}-{_HYPHEN_UNITS[m.group(2).lower()]}", out)  # "a 6-wk induction"
    out = _after_number(out, lang)
    out = _MONTH_RANGE.sub(lambda m: _month_range(m, lang), out)
    out = _YEAR_RANGE.sub(lambda m: _year_range(m, lang), out)
    out = _MONTH_IN_CONTEXT[lang].sub(
        lambda m: (m.group("lead") or "") + _month(m.group("m") or m.groupdict().get("m2") or "", lang), out)
    out = _names(out, names, lang)
    if lang is Language.EN:
        out = _THE_ORDINAL.sub(r"\1 the \2 ", out)  # "after first six months" → "after the first six months"
        out = _SHOWED_ME.sub(r"\1 the ", out)  # "showed me new belt loaders" → "showed me the new belt loaders"
        out = re.sub(r"(?<![\w'’])u(?![\w'’])", "you", out)  # "how do u want …" (text-speak; the checker keeps to its list)
        out = re.sub(r"(?<![\w'’])ur(?![\w'’])", "your", out)
        out = re.sub(r"(?i)\b(and|&|\+)\s+me\s+both\b", "and I both", out)
        out = re.sub(r"\band I both (?=(?:at|in|on|from)\b)", "and I were both ", out)
        out = re.sub(r"\band I both ex-(\S+)", r"and I both used to work at \1", out)  # not "both former Marriott"
    if "{" not in out:  # template syntax in notes comes out exactly as typed
        out = capitalise(out, lang)
    out = _small_numbers(out, lang)
    out = _ABOUT_FROM.sub(r"\2 \1 ", out)  # "ca. 30% -> 18%": "van ongeveer 30% naar 18%", not "ongeveer van"
    out = _SPACES.sub(" ", out).strip(" ,;:-–—")
    return re.sub(r"\s+([,.;:!?])", r"\1", out)


_THE_ORDINAL = re.compile(r"\b(after|in|during|within|over|before|from)\s+(first|second|third|final)\s+"
                          r"(?=(?:\w+\s+)?(?:months?|weeks?|years?|days?|quarters?|round|stage|year|shift|time|half)\b)")
_SHOWED_THE = re.compile(r"\b(showed|showing)\s+(?=the\b)")
_SHOWED_ME = re.compile(r"(?i)\b(show(?:ed|ing|s)? (?:me|us)(?: round| around)?) (?!(?:the|a|an|his|her|their|our|your|my|some|"
                        r"how|what|where|why|who|which|that|this|these|those|around|round|all|one|two|three|\d)\b)(?=[a-z])")
#: Two or three words typed with slashes between them ("yoghurt/kwark", "gps/wellness/medical"); units ("km/h"), dates,
#: acronyms ("NL/EN") and "and/or" are left alone.
_SLASHED = re.compile(r"(?<![\w/.-])([a-zà-ÿ][a-zà-ÿ'-]{2,24})/([a-zà-ÿ][a-zà-ÿ'-]{2,24})(?:/([a-zà-ÿ][a-zà-ÿ'-]{2,24}))?(?![\w/])")
_NOT_SLASHED = frozenset({"and", "or", "en", "of", "per", "day", "dag", "week", "wk", "yr", "jaar", "mnd", "maand", "uur",
                          "hour", "month", "year", "mo", "mth"})


def _slashes(text: str, lang: Language) -> str:
    """"bevoegd/bekwaam" → "bevoegd en bekwaam", "before/after counts" → "before-and-after counts"; in a question the
    slash offers a choice ("remote/hybrid?" → "remote or hybrid?")."""
    question = text.rstrip().endswith("?")
    both, either = ("and", "or") if lang is Language.EN else ("en", "of")

    def joined(m: re.Match[str]) -> str:
        words = [w for w in m.groups() if w]
        if any(w in _NOT_SLASHED for w in words):
            return m.group(0)
        if lang is Language.EN and [w.lower() for w in words] == ["before", "after"]:
            return "before-and-after"
        last = either if question else both
        return (", ".join(words[:-1]) + f" {last} " + words[-1])
    return _SLASHED.sub(joined, text)


_ABOUT_FROM = re.compile(r"\b(ongeveer|about|around|roughly|circa)\s+(van|from)\s+(?=\d)")
_NL_SHORTAGE = re.compile(r"(?i)^((?:[^\W\d][\w'’-]*\s){0,3}[^\W\d][\w'’-]*)\s+tekort(?=$|,)")
_HYPHEN_UNITS = {"wk": "week", "wks": "week", "mo": "month", "mth": "month", "mths": "month", "yr": "year",
                 "yrs": "year", "hr": "hour", "hrs": "hour", "min": "minute", "mins": "minute", "d": "day"}
_HYPHEN_UNIT = re.compile(r"(?<![\w.])(\d+|multi|half)-(" + "|".join(_HYPHEN_UNITS) + r")\b", re.IGNORECASE)
#: "jan" and "mar" are names and verbs too ("Jan", "mar the launch"): a month only after a word of time
#: ("starting jan", "in jan", "eind jan") or before a day ("jan 12").
_MONTH_IN_CONTEXT = {
    Language.EN: re.compile(r"(?i)\b(?P<lead>(?:in|from|since|by|until|till|starting|start|starts|early|mid|late|end|"
                            r"before|after|of|through|next|this|last|thru) )(?P<m>jan|mar)\b(?!['’])"
                            r"|\b(?P<lead2>)(?P<m2>jan|mar)(?= \d{1,2}\b)"),
    Language.NL: re.compile(r"\b(?P<lead>(?:in|vanaf|sinds|per|begin|half|midden|eind|uiterlijk|vóór) )(?P<m>jan)\b"
                            r"(?!['’])"),
}
_HOURS_PAIR = re.compile(r"(?<![\w.,])(\d{1,3})\s?h\s?/\s?(\d{1,3})\s?h(?![\w/])")
#: "nov-feb", "sept–dec": a span of months, written out ("from November to February").
_MONTH_RANGE = re.compile(r"(?i)(?<![\w-])(?P<from>(?:from|van)\s+)?(?P<a>jan|feb|mar|mrt|apr|may|mei|jun|jul|aug|sep|sept|"
                          r"oct|okt|nov|dec)\s?[-–]\s?(?P<b>jan|feb|mar|mrt|apr|may|mei|jun|jul|aug|sep|sept|oct|okt|nov|"
                          r"dec)(?![\w-])")


#: "2011-15", "from 2019-22": a span of years typed short.
_YEAR_RANGE = re.compile(r"(?i)(?<![\w.,/-])(?P<from>(?:from|van|in|between|tussen)\s+)?(?P<a>(?:19|20)(?P<c>\d)\d)\s?[-–]\s?"
                         r"(?P<b>\d\d)(?![\w.,/%-])")


def _year_range(m: re.Match[str], lang: Language) -> str:
    a = m.group("a")
    b = a[:2] + m.group("b")
    if int(b) <= int(a):
        return m.group(0)  # "2019-12" is a month of 2019, not a span
    if m.group("from") and m.group("from").strip().lower() in ("between", "tussen"):
        return f"{m.group('from')}{a} {'and' if lang is Language.EN else 'en'} {b}"
    return f"from {a} to {b}" if lang is Language.EN else f"van {a} tot {b}"


def _month(short: str, lang: Language) -> str:
    """The month written out, from the one list of month names (`core.lang.when`, loaded only when a month is typed)."""
    from afterword.core.lang.when import month_name

    return month_name(short, lang)


def _month_range(m: re.Match[str], lang: Language) -> str:
    a, b = _month(m.group("a"), lang), _month(m.group("b"), lang)
    return f"from {a} to {b}" if lang is Language.EN else f"van {a} tot en met {b}"




_SMALL = re.compile(r"(?<![\w.,/:€$£+~#-])(?P<n>1[0-2]|[1-9])(?=\s+[^\W\d_])(?![.,/:%+-]\d)(?!\s+[a-z]?[A-Z]+(?![a-z]))"
                    r"(?!\s+(?:m|km|cm|mm|kg|g|l|ml|kw|kwh|mw|gw|mb|gb|tb|ha|m2|m3|°)\b)")


_NOT_COUNTED = MONTH_WORDS | {"x", "keer", "times", "procent", "percent", "per"}


#: After a count comes what is counted; after a version ("elasticsearch 7 to opensearch") a word like these.
_NOT_A_NOUN = frozenset({"to", "in", "on", "at", "is", "are", "was", "were", "and", "or", "naar", "op", "en", "of", "the", "de", "het", "a", "een", "for", "voor", "with", "met", "by", "door", "as",
                         "als", "from", "van", "into", "onto", "vs", "v", "versus", "but", "maar", "so", "dus"})


_RANGE_END = re.compile(r"\d[\d.,%]*\s+(?:[^\W\d_]+\s+)?(?:to|naar|tot)\s+$")


def _small_numbers(text: str, lang: Language) -> str:
    """Counts up to twelve written as words, as prose does ("3 presses" → "three presses", "2 vacatures" →
    "twee vacatures"); labels ("group 5", "schaal 10") and figures with units of their own stay as typed."""
    def word(m: re.Match[str]) -> str:
        before = text[:m.start()].rstrip().rsplit(" ", 1)[-1] if text[:m.start()].strip() else ""
        bare = before.strip("(\"'‘“").lower()
        if bare in LABELS or (before[:1].isupper() and not before.isupper() and m.start() > 0 and bare not in
                               ("i", "ik", "we", "wij")) or bare[:1].isdigit():
            return m.group()
        after = text[m.end():].split(None, 1)[0].lower() if text[m.end():].strip() else ""
        if after.rstrip(".,;:") in _NOT_COUNTED or after.rstrip(".,;:") in _NOT_A_NOUN \
                or re.match(r"(?:am|pm|uur|u|h)\b", after):
            return m.group()  # "11 december", "2 pm", "3x": a date, a time, a factor
        if bare in ("from", "between", "tussen") or _RANGE_END.search(text[:m.start()]) or re.match(r"\s*(?:\w+\s+)?(?:to|naar|tot|-|–)\s*\d", text[m.end():]):
            return m.group()  # "from 10 to 14": both ends of a range stay figures
        return spelled(int(m.group("n")), lang)

    return _SMALL.sub(word, text)


_PER = {Language.EN: {"yr": " a year", "mo": " a month", "mth": " a month", "wk": " a week", "jr": " a year",
                      "mnd": " a month", "day": " a day", "dag": " a day"},
        Language.NL: {"yr": " per jaar", "mo": " per maand", "mth": " per maand", "wk": " per week", "jr": " per jaar",
                      "mnd": " per maand", "day": " per dag", "dag": " per dag"}}


#: After an arrow, what a deed moved: "late pushbacks down ~30%", "OTP up from 80 to 90%" ("-> wachttijd omlaag").
_MOVED = {Language.EN: re.compile(r"(?i)^\s*(?:the\s+)?[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}\s+(?:down|up)\s+"
                                  r"(?:by\s+|from\s+)?[~≈]?\s?[£€$]?\d"),
          Language.NL: re.compile(r"(?i)^\s*(?:de\s+|het\s+)?[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}\s+(?:omlaag|omhoog)"
                                  r"\s+(?:met\s+|van\s+)?[~≈]?\s?[€$]?\d")}


_BROUGHT = re.compile(r"(?i)(\bwhich brought [^,;.]{1,60}? (?:down|up)) ((?:~\s?|about |nearly |almost |around )?[£€$]?\d)")
_WAARMEE = re.compile(r"(?i)(?P<lead>, waarmee )(?P<np>[^,;.]{1,60}?) (?P<dir>omlaag|omhoog) (?P<rest>(?:met|van) [^,;.]+)")


def _moved(text: str, lang: Language) -> str:
    """"…, which brought late pushbacks down 30%" → "down by 30%"; "…, waarmee wachttijd omlaag met 30%" →
    "…, waarmee de wachttijd met 30% daalde"."""
    if lang is Language.EN:
        return _BROUGHT.sub(r"\1 by \2", text)

    def dutch(m: re.Match[str]) -> str:
        from afterword.compose.topic import _with_article

        np = m.group("np").strip()
        np = np if np.split()[0].lower() in ("de", "het", "een") else _with_article(np, lang)
        verb = "daalde" if m.group("dir").lower() == "omlaag" else "steeg"
        return f"{m.group('lead')}{np} {m.group('rest').strip()} {verb}"

    return _WAARMEE.sub(dutch, text)


#: A count, an arrow and what it freed: "bij ca. 40 bedrijven -> 28 MW vrijgespeeld", "40 firms -> 28 MW freed".
_GAIN_ARROW = re.compile(rf"(?P<a>{_NUMBER})\s?(?P<unit_a>[^\W\d_]{{1,12}})\s?(?:->|=>|→)\s?(?P<n>\d[\d.,]*)\s?"
                         r"(?P<unit>[^\W\d_][\w-]{0,11})\s+(?P<done>(?:ge|vrij|bespaard|verdiend|opgeleverd|[a-z]+ed\b)[\w-]*)"
                         r"(?=$|[,;.])")


def _gain(m: re.Match[str], lang: Language) -> str:
    """"40 firms -> 28 MW freed" → "40 firms, which freed 28 MW"; "… -> 28 MW vrijgespeeld" → "…, waarmee 28 MW is
    vrijgespeeld". The same unit on both sides is a range, left to `_range` ("75 min -> 22 min")."""
    a, unit_a, n, unit, done = (m.group(k) for k in ("a", "unit_a", "n", "unit", "done"))
    if unit.lower() == unit_a.lower():
        return m.group(0)
    if lang is Language.EN:
        return f"{a} {unit_a}, which {done} {n} {unit}"
    verb = "zijn" if unit.lower().endswith(("en", "s")) and unit.lower() not in ("euros", "uren") else "is"
    return f"{a} {unit_a}, waarmee {n} {unit} {verb} {done}"


def _arrow(text: str, m: re.Match[str], lang: Language) -> str:
    """"no idempotency keys -> double payouts": a consequence (", so …") when a clause follows, else "to"."""
    after = re.split(r"[,;]|\.(?!\d)", text[m.end():], maxsplit=1)[0]  # (not at the point of "3.8%")
    if _MOVED[lang].match(after):
        return ", which brought " if lang is Language.EN else ", waarmee "  # "-> late pushbacks down 30%"
    if _FROM_TO.match(after.strip()) or _SIGNED.match(after.strip()):
        return ", "  # "-> first inspection from 28 to 9 days": a result, which the strength says as a clause
    if len(after.split()) <= 2 and after.strip()[:1].isupper():
        return " to " if lang is Language.EN else " naar "  # "old PHP billing -> Go": what it moved to
    if has_verb(after, lang):
        return ", so " if lang is Language.EN else ", dus "
    if len(after.split()) >= 4 and re.search(r"\d", after):
        return ", so " if lang is Language.EN else ", dus "  # "-> double payouts twice this year": what it led to
    return " to " if lang is Language.EN else " naar "


def _range(m: re.Match[str], lang: Language) -> str:
    a, b, unit = m.group("a").strip(), m.group("b").strip(), m.group("unit_a") or ""
    if re.search(r"(?i)\b(?:from|van)\s*$", m.string[:m.start()]):  # "van 31% -> 18%": "van" is already there
        return f"{a} {unit} to {b}" if unit and lang is Language.EN else f"{a} {unit} naar {b}" if unit else \
            (f"{a} to {b}" if lang is Language.EN else f"{a} naar {b}")
    if unit and not unit.isdigit():
        return f"from {a} {unit} to {b}" if lang is Language.EN else f"van {a} {unit} naar {b}"
    return f"from {a} to {b}" if lang is Language.EN else f"van {a} naar {b}"


#: "$410k", "€45k", "45k": thousands written as a figure ("$410,000", "€45.000"), not "$410 thousand".
_THOUSANDS = re.compile(r"(?<![\w.,])(?P<cur>[£€$]?)(?P<n>\d{1,3})(?:[.,](?P<d>\d{1,2}))?\s?k(?![\w/])", re.IGNORECASE)


def _thousands(text: str, lang: Language) -> str:
    sep = "," if lang is Language.EN else "."

    def written(m: re.Match[str]) -> str:
        whole = int(m.group("n")) * 1000 + (int((m.group("d") or "0").ljust(3, "0")) if m.group("d") else 0)
        return f"{m.group('cur')}{whole:,}".replace(",", sep)  # "$1.8k" → "$1,800", "€45k" → "€45.000"
    return _THOUSANDS.sub(written, text)


def _after_number(text: str, lang: Language) -> str:
    text = _thousands(text, lang)
    lx = lexicon(lang)
    units = {**lx.after_number, **lx.expand_after_number}
    if not units:
        return text
    pattern = re.compile(r"(?<=\d)\s?(" + "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
                         + r")(?![\w/])", re.IGNORECASE)
    return pattern.sub(_unit_written_out(units), text)


def _unit_written_out(units: dict[str, str]) -> Callable[[re.Match[str]], str]:
    def write(m: re.Match[str]) -> str:
        unit = m.group(1)
        if len(unit) == 1 and unit.isupper() and unit not in "MK" and not m.group(0).startswith(" "):
            return m.group(0)  # "2D model", "8D trainer", "3D print": a name, not "2 days"
        if unit == "m" and not re.search(r"[€£$]\s?[\d.,]*$", m.string[:m.start()]):
            return m.group(0)  # "50m hoog", "a 400m pitch": metres; "€3.1m" is money
        if unit.lower() == "h" and m.string[m.end():m.end() + 1].isdigit():
            return m.group(0)  # "7h30": a time
        return " " + units[unit.lower()]
    return write


def _names(text: str, names: dict[str, str], lang: Language) -> str:
    if names:
        pattern = _names_pattern(tuple(sorted(names, key=len, reverse=True)))
        text = pattern.sub(lambda m: names.get(m.group(), m.group()), text)
    if lang is Language.EN:
        text = re.sub(r"(?<![\w'’])i(?=(?:'m|'ve|'d|'ll|’m|’ve|’d|’ll)?(?![\w]))", "I", text)
    return text


@lru_cache(maxsize=256)
def _names_pattern(lowered: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the lower-case names of one interview (not one regex per name per notes item)."""
    return re.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(n) for n in lowered) + r")(?![\w])")


def _common_company_words(interview: Interview) -> frozenset[str]:
    """Words of the organisation's name that are ordinary words ("Park" in "Liffey Valley Wildlife Park",
    "Security", "Zorg"): capitals in a name, not a reason to write "the car Park" in a moment."""
    lowered = [w.strip("\"'‘’“”(),.;:!?&").lower() for w in interview.company.split()]
    lowered = [w for w in lowered if len(w) >= 4 and w.isalpha()]
    if not lowered:
        return frozenset()
    from afterword.core.lang.spelling import words as word_list_of

    unknown = set(word_list_of(interview.effective_language).unknown(lowered))
    return frozenset(w for w in lowered if w not in unknown)


def _contact_names(interview: Interview) -> dict[str, str]:
    """Lower-case name words of the people in the notes (and words the notes write with a capital elsewhere,
    "Django", "Purmerend"), and how they are written."""
    out: dict[str, str] = {}
    texts = [interview.company, interview.theme or "", interview.next_step or "",
             *(n.text for n in interview.needs), *(s.text for s in interview.strengths),
             *(m.text for m in interview.moments), *(q.text for q in interview.questions)]
    capital: dict[str, str] = {}
    counts: dict[str, int] = {}
    common = _common_company_words(interview)
    for number, text in enumerate(texts):
        for before, word in zip(["", *text.split()], text.split(), strict=False):
            core = word.strip("\"'‘’“”(),.;:!?")
            if len(core) < 4 or not core.isalpha() or (number == 0 and core.lower() in common):
                continue  # the name's "Park" does not make "the car park" a name; the notes' own "Trust" does
            if core.islower():
                counts[core] = counts.get(core, 0) - 1
            elif core[:1].isupper() and core[1:].islower() and before and not before.endswith((".", "!", "?", ":")):
                capital.setdefault(core.lower(), core)
                counts[core.lower()] = counts.get(core.lower(), 0) + 1
    for low, written in capital.items():
        if counts.get(low, 0) >= 0:  # written with a capital at least as often as without: a name ("Django")
            out.setdefault(low, written)
    for contact in interview.contacts:
        parts = split_name(strip_titles(contact.name))
        for word in (parts.given, parts.core):
            if word and len(word) >= 3 and word[:1].isupper():
                out[word.lower()] = word
        short = contact.id.lower()
        if parts.given and short.isalpha() and len(short) >= 2 and parts.given.lower().startswith(short) \
                and short != parts.given.lower():
            out.setdefault(short, parts.given)  # "dec wants …" about Declan: his name, never the month
    return out


#: A moment where they asked the candidate something ("ingrid asked how I monitor models").
_ASKED = {Language.EN: re.compile(r"(?i)^(?:\S+\s){0,3}(?:asked|wanted to know|quizzed me)(?::\s*|\s)(?:me |if |how |what(?:'s|’s|s)? |why |"
                                  r"whether |about |whe|which |who |[\"'‘“]|(?<=:\s)\S|(?<=:)\S)"),
          Language.NL: re.compile(r"(?i)^(?:\S+\s){0,3}(?:vroeg|vroegen|wilde weten|wilden weten)(?::\s*|\s)(?:me |mij |of |hoe |wat |waarom |naar |welke |"
                                  r"wie |waar |door |uitgebreid |veel |[\"'‘“]|(?<=:\s)\S|(?<=:)\S)")}


def _another_subject(text: str) -> bool:
    """"jeroen is also cycling …, also in rain, we laughed about …": a later piece starts a sentence of its own."""
    pieces = [p.strip() for p in re.split(r"[,;]\s", text)[1:]]
    return any(p.split(" ", 1)[0].lower() in _SUBJECTS for p in pieces if " " in p)


_SUBJECTS = frozenset({"we", "i", "he", "she", "they", "wij", "ik", "hij", "zij", "ze", "jij", "je"})


def _fragments(text: str) -> bool:
    """More than one sentence, or three comma-separated pieces or more: notes, not a sentence."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
    if len(sentences) > 1:
        return True
    pieces = [p for p in re.split(r"[,;]", text) if p.strip()]
    return len(pieces) >= 3 and sum(len(p.split()) for p in pieces) / len(pieces) < 5


#: "storingen -22% in 2 jaar", "conversion +15%": what changed, by how much, and when.
_SIGNED = re.compile(r"(?i)^(?P<np>[^\W\d][\w\s'’-]{1,40}?)\s+(?P<sign>[-−–+])\s?(?P<n>\d+(?:[.,]\d+)?\s?%)"
                     r"(?P<rest>(?:\s+(?:in|binnen|within|over|na|after)\s+[\w\s]{1,20})?)$")
_DOWN_UP = re.compile(r"(?i)^(?P<np>[^\W\d][\w\s'’-]{1,40}?)\s+(?P<dir>down|up|omlaag|omhoog)\s+(?:by\s+|with\s+|met\s+)?"
                      r"(?P<n>(?:about\s+|ongeveer\s+)?[£€$]?[\d.,]+\s?%?)$")
def _result_piece(piece: str) -> bool:
    return bool(_SIGNED.match(piece) or _DOWN_UP.match(piece) or _FROM_TO.match(piece))


_FROM_TO = re.compile(r"(?i)^(?P<np>[^\W\d][\w\s'’-]{1,40}?)\s+(?P<ft>(?:from|van)\s+\S+(?:\s+\S+){0,3}?\s+(?:to|naar)\s+.+)$")


#: A notes line that starts with a name or a word and a colon ("jess: last offsite was lisbon").
_LABELLED = re.compile(r"^\s*[\w'’.-]{2,20}\s*:\s")
#: A Dutch subject followed straight by an adverb or preposition, its verb left out ("je ook in Wageningen
#: gestudeerd", "we allebei bij DSM").
_NO_FINITE_NL = re.compile(r"^(?:(?i:je|jij|u|we|wij|ik|jullie)|[A-ZÀ-Þ][a-zà-ÿ]+)\s+(?:ook|allebei|al|nog|net|zelf)?\s*"
                           r"(?:in|op|bij|naar|van|met|uit|aan|voor)\b")


_NONE_LEFT = re.compile(r"(?i)^[\w'’-]+(?:\s[\w'’-]+)?\s(?:is|=)\s(?:0|nul|zero|none|geen)$")
#: "5 nog in dienst", "4 still there": how many of the people just named stayed.
_STILL_THERE = {
    Language.EN: re.compile(r"(?i)^(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|all)\s+(?:of them\s+)?"
                            r"(?:are\s+)?still\s+(?:there|here|employed|with (?:us|them|the (?:company|team|firm)))$"),
    Language.NL: re.compile(r"(?i)^(?P<n>\d+|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|allemaal)\s+(?:ervan\s+)?"
                            r"(?:zijn\s+|zitten\s+|werken\s+)?(?:er\s+)?nog\s+(?:in dienst|steeds in dienst|aan het werk|er)$"),
}


def _strength(text: str, lang: Language) -> str:
    """A strength typed as a claim and its result ("split the job into steps at Monzo, incidents down 70%")
    keeps the result as a clause ("…, which brought incidents down by 70%"); other verbless pieces go."""
    pieces = [p for p in re.split(r"[,;]\s+", text.rstrip(".;")) if p]
    if not pieces:
        return text  # "." or ";": nothing to read (the gate refuses it)
    head, colon, tail = pieces[0].partition(": ")
    if colon and has_any_verb(head, lang) and not has_any_verb(tail, lang):
        pieces = [head]  # "depotverhuis 2022 geleid: 6.500 objecten, 0 schade": the deed, not its inventory
    as_role = _role_then_deed(pieces, lang)
    if as_role is not None:
        pieces = [as_role, *pieces[2:]]
    kept = [pieces[0]]
    for piece in pieces[1:]:
        stayed = _STILL_THERE[lang].match(piece)
        if stayed and any(w[:1].isdigit() or w.lower() in NUMBER_WORDS[lang.value] for w in kept[-1].split()):
            n = stayed.group("n")
            kept.append(f"{n} of whom are still there" if lang is Language.EN else f"van wie er nog {n} in dienst zijn")
            break  # "6 pm'ers zelf opgeleid, 5 nog in dienst": the people trained, and how many stayed
        if _NONE_LEFT.match(piece):
            continue  # "overtypen = 0": a score kept for oneself, not a clause ("overtypen is 0")
        signed = _SIGNED.match(piece)
        if signed and not has_verb(signed.group("np"), lang):
            np, n, when = signed.group("np").strip(), signed.group("n").replace(" ", ""), signed.group("rest").strip()
            down = signed.group("sign") in "-−–"
            if lang is Language.EN:
                kept.append(f"which {'cut' if down else 'raised'} {_article(np, lang)} by {n}{(' ' + when) if when else ''}")
            else:
                kept.append(f"met als resultaat {n} {'minder' if down else 'meer'} {np}{(' ' + when) if when else ''}")
            continue
        down_up = _DOWN_UP.match(piece)
        from_to = _FROM_TO.match(piece)
        if down_up:
            np, direction, n = down_up.group("np"), down_up.group("dir").lower(), down_up.group("n")
            np = _article(np, lang)
            if lang is Language.EN:
                kept.append(f"which brought {np} {direction} by {n}")
            else:
                kept.append(f"waarmee {np} met {n} {'daalde' if direction in ('down', 'omlaag') else 'steeg'}")
        elif from_to and not has_verb(from_to.group("np"), lang) and not _verb_led(from_to.group("np"), lang):
            np, ft = _article(from_to.group("np"), lang), from_to.group("ft")
            kept.append(f"which took {np} {ft}" if lang is Language.EN else f"waardoor {np} {ft} ging")
        elif _past_led(piece, lang) and len(kept) == 1:
            # "built a dashboard, flagged $410,000 in claims" → "built a dashboard and flagged …"
            kept[-1] = f"{kept[-1]} {'and' if lang is Language.EN else 'en'} {piece}"
        elif _past_led(piece, lang):
            kept.append(f"and {piece}")  # "…, which took the scrap from 5.2% to 1.9%, and saved about €400,000"
            break
        elif lang is Language.NL and len(kept) == 1 and _nl_deed(pieces[0]) and _nl_deed(piece):
            # "Wzd-aandachtsvelder geweest, 30 dossiers op orde gebracht" → "… geweest en heb 30 dossiers …
            # gebracht": a second deed, with its own auxiliary when it differs from the first one's
            from afterword.compose.pieces import dutch_aux

            aux = dutch_aux(piece)
            kept[-1] = f"{kept[-1]} en {aux + ' ' if aux != dutch_aux(pieces[0]) else ''}{piece}"
        elif len(kept) == 1 and (piece.startswith(("which brought ", "waarmee "))
                                 or (piece.startswith("which ") and piece.split(" ", 2)[1].endswith("ed"))):
            kept.append(piece)  # an arrow to what it moved, already made a clause by `tidy` ("-> x down 30%")
        elif _verb_led(piece, lang) and not (piece is pieces[-1] and _subject_and_past(piece, lang)):
            kept.append(piece)  # "…, cutting data delay from 8 hours to 2 minutes" is already a clause
        elif has_verb(piece, lang) and not _own_subject(piece, lang):
            # "…, first-year retention went from 68% to 85%": a clause with its own subject ends the sentence
            joined = piece is pieces[-1] and _subject_and_past(piece, lang)
            kept.append(f"{'and' if lang is Language.EN else 'en'} {piece}" if joined else piece)
        elif len(kept) == 1 and any(_result_piece(later) for later in pieces[pieces.index(piece) + 1:]):
            continue  # "…rule, bulk hold closes earlier, late pushbacks down 40%": the how goes, the result stays
        else:
            break
    from afterword.compose.articles import fill_articles

    kept[0] = _practice_introduced(kept, lang)
    return fill_articles(", ".join(kept), lang)  # "built internal dashboard" → "built an internal dashboard"


#: What a candidate brings into a team and measures by its result: "weekly parity audits, OTA disparity 14% -> 3%".
_PRACTICE = re.compile(r"(?i)(?:dashboards?|audits?|reports?|sessions?|monitoring|e-?mails?|rota|checklists?|pilots?|"
                       r"apps?|huddles?|scheme|programme|program|process|workflows?|tools?|calls?|reviews?|"
                       r"rooster|spreekuur|overleg|controles?|belronde|monitor|training|aanpak|werkwijze)$")


def _practice_introduced(kept: list[str], lang: Language) -> str:
    """"weekly parity audits, which took …" says what came of it but not who did what: the practice was brought in
    ("introduced weekly parity audits, which took …", "energiemonitoring per pomp ingevoerd, waardoor …")."""
    first = kept[0]
    if len(kept) < 2 or has_any_verb(first, lang) or not kept[1].startswith(
            ("which ", "waardoor ", "waarmee ", "met als resultaat ")):
        return first
    head = re.split(r"\s(?:per|for|with|w/|met|voor|bij|on|op|in)\s", first, maxsplit=1)[0]
    if not _PRACTICE.search(head) or (first[:1].isupper() and lang is Language.NL):
        return first
    return f"introduced {first}" if lang is Language.EN else f"{first} ingevoerd"


_YEARS_AS = {
    Language.EN: re.compile(r"^(?P<n>\d+|[a-z]+)\s+(?:years?|yrs?)\s+(?:as\s+(?:an?\s+)?)?(?P<role>[a-z][\w&/-]*(?:\s+[a-z][\w&/-]*)?)?"
                            r"\s*(?P<prep>at|with|for|in)\s+(?P<rest>[^,;]+)(?P<tail>[,;].*)?$"),
    Language.NL: re.compile(r"^(?P<n>\d+|[a-z]+)\s+(?:jaar|jr)\s+(?:als\s+)?(?P<role>[a-z][\w&/-]*)?"
                            r"\s*(?P<prep>bij|in|op|voor)\s+(?P<rest>[^,;]+)(?P<tail>[,;].*)?$"),
}


def _years_as(text: str, lang: Language) -> str:
    """"five years planner at the city buses" → "I spent five years as a planner at …"; "vijf jaar planner bij
    stadsvervoer" → "ik heb vijf jaar als planner bij stadsvervoer gewerkt" (the rest of the item after it)."""
    m = _YEARS_AS[lang].match(text)
    if not m or (not m.group("n").isdigit() and m.group("n") not in _COUNT_WORDS):
        return text
    role, rest, tail = m.group("role"), m.group("rest").strip(), m.group("tail") or ""
    if role and role.split()[0] in ("zelf", "ook", "al", "nog", "toen", "daar", "samen", "myself", "also", "there"):
        rest, role = f"{role} {m.group('prep')} {rest}", None  # "4 jr zelf in het veld gestaan": no role
        m_prep = ""
    else:
        m_prep = m.group("prep")
    if role and (has_verb(role, lang) or role.split()[0] in ("of", "van", "ervaring", "experience", "in", "at")):
        return text
    last = rest.split()[-1].lower() if rest.split() else ""
    if lang is Language.NL and re.fullmatch(r"\w*ge\w{2,}[dtn]", last) and not last.endswith("heid"):
        # "2 jr op taalklas in Rotterdam-Zuid gestaan": the notes have the verb; no second one ("gestaan gewerkt")
        from afterword.compose.pieces import zijn_participle

        aux = "ben" if zijn_participle(last) else "heb"
        return f"ik {aux} {m.group('n')} jaar{' als ' + role if role else ''} {(m_prep + ' ') if m_prep else ''}{rest}{tail}"
    if role and lang is Language.EN and role.split()[0].endswith("ing"):
        return f"I spent {m.group('n')} years {role} {m.group('prep')} {rest}{tail}"  # "4 yrs running turns at Bristol"
    if role and lang is Language.EN and role.split()[-1].endswith("s") and not role.endswith(("ss", "us", "is")):
        return text  # "2 yrs resit classes in 6th form": what was done is not said, and nobody is "a resit classes"
    if lang is Language.EN:
        as_role = f" as {'an' if role[:1] in 'aeiou' else 'a'} {role}" if role else ""
        return f"I spent {m.group('n')} years{as_role} {m.group('prep')} {rest}{tail}"
    as_role = f" als {role}" if role else ""
    return f"ik heb {m.group('n')} jaar{as_role} {m.group('prep')} {rest} gewerkt{tail}"


_COUNT_WORDS = frozenset(spelled(n, lang) for n in range(2, 13) for lang in Language)


#: The last word of a role one held ("falls champion", "superuser", "key user", "aandachtsvelder").
_ROLE_END = re.compile(r"(?i)(?:champion|lead|user|owner|trainer|co[oö]rdinator|mentor|buddy|rep|representative|officer|"
                       r"manager|supervisor|leader|leider|lid|member|chair|voorzitter|aandachtsvelder|coach|auditor|"
                       r"consultant|analyst|engineer|nurse|verpleegkundige|teacher|docent|planner|specialist|advisor|"
                       r"adviseur|ambassador|ambassadeur|steward|controller|assessor|instructor|tutor|captain|deputy|"
                       r"secretaris|secretary|treasurer|penningmeester|vertrouwenspersoon|medewerker|expert|"
                       r"projectleider|teamleider|werkbegeleider|praktijkopleider|opleider|begeleider)$")


def _role_then_deed(pieces: list[str], lang: Language) -> str | None:
    """"falls champion, did the bay watch trial" → "as falls champion, I did the bay watch trial"; "superuser bij
    overstap naar nieuw ECD, 40 collega's getraind" → "als superuser bij … heb ik 40 collega's getraind": a role
    typed before what was done in it."""
    if len(pieces) < 2:
        return None
    role, deed = pieces[0].strip(), pieces[1].strip()
    if has_any_verb(role, lang) or re.search(r"\d", role) or not 1 <= len(role.split()) <= 8:
        return None
    head = re.split(r"(?i)\s(?:at|for|in|on|with|bij|voor|in|op|van|naar)\s", role, maxsplit=1)[0].split()
    if not head or len(head) > 3 or not _ROLE_END.search(head[-1]) or head[0].lower() in _NOT_A_ROLE:
        return None
    if lang is Language.EN and _past_led(deed, lang):
        return f"as {role}, I {deed}"
    if lang is Language.NL and _nl_deed(deed):
        from afterword.compose.pieces import dutch_aux

        return f"als {role} {dutch_aux(deed)} ik {deed}"
    return None


_NOT_A_ROLE = frozenset({"the", "a", "an", "my", "de", "het", "een", "mijn", "our", "onze", "i", "ik"})


_CONJUNCTIONS = frozenset({"and", "but", "so", "because", "while", "although", "though", "en", "maar", "dus", "want",
                           "omdat", "terwijl", "hoewel", "zodat", "or", "of", "then", "toen", "daarna", "also", "ook"})


def _subject_and_past(piece: str, lang: Language) -> bool:
    """"first-year retention of newly qualified nurses went from 68% to 85%": a subject, then its past tense (not
    "live in nine weeks", not "dus ik weet …"): the last clause of a strength, joined with "and"."""
    from afterword.compose.wording import words

    toks = piece.split()
    first = toks[0].lower()
    if lang is Language.EN and re.search(r"\b(?:went|fell|rose|dropped|grew)\s+(?:from|to|by)\b", piece) \
            and first not in _CONJUNCTIONS:
        return True  # "…, leaving in the first year went from 35% to 19%"
    if first in _CONJUNCTIONS or has_verb(first, lang) or _verb_led(piece, lang):
        return False
    w = words(lang)
    return any(w.is_past(t.lower()) for t in toks[1:])


def _own_subject(piece: str, lang: Language) -> bool:
    """"2 of them got promoted", "know a few growers", "elke melding krijgt …": a piece that is a sentence of its
    own (another subject, or a present tense of the candidate's), not a clause of the deed before it."""
    first = piece.split(" ", 1)[0].lower()
    if first in ("i", "ik", "i'm", "i’m"):
        return True  # "…, I know the pain": another sentence of notes
    if lang is Language.NL:
        return first in ("weet", "ken", "kan", "spreek", "heb", "ben", "hou", "houd", "vind", "typ", "zie", "doe")
    if lang is Language.EN:
        return bool(re.match(r"(?i)^(?:\w+\s+of\s+them|they|he|she|it|we|everyone|everybody|nobody|all|both)\b",
                             piece)) or first in ("know", "speak", "love", "like", "have", "am", "still", "also", "type", "can")
    return False


def _nl_deed(piece: str) -> bool:
    """A Dutch notes piece that is something done, without a subject: it ends on its participle ("30 dossiers
    op orde gebracht voor audit 2025") and has no verb of its own."""
    from afterword.compose.pieces import _dutch_participle_fragment

    return _dutch_participle_fragment(piece) and not has_verb(piece, Language.NL) \
        and piece.split(" ", 1)[0].lower() not in ("ik", "we", "wij", "je", "u", "ze", "zij", "hij")


def _past_led(piece: str, lang: Language) -> bool:
    """A piece that opens with a past tense of the candidate's ("flagged …", "won …"), not a participle of a
    result ("cutting …") or a Dutch participle (which goes last)."""
    typed = piece.split(" ", 1)[0]
    first = typed.lower()
    if lang is not Language.EN or " " not in piece or (len(typed) > 1 and typed.isupper()):
        return False
    from afterword.compose.wording import words

    return (first.endswith("ed") and len(first) > 4) or (words(lang).is_past(first) and first not in ("was", "were", "had"))


def _verb_led(piece: str, lang: Language) -> bool:
    """A piece that opens with a verb form ("cutting …", "reduced …", "waarbij …"): a clause, not a noun."""
    first = piece.split(" ", 1)[0].lower()
    if lang is Language.EN:
        return first.endswith(("ing", "ed")) and len(first) > 4
    return first in ("waarbij", "waardoor", "waarmee", "zodat") or (first.startswith("ge") and first.endswith(("d", "t")))


def _article(np: str, lang: Language) -> str:
    """"wachttijd" → "de wachttijd"; English plurals ("incidents") and anything with a determiner stay."""
    first = np.split()[0].lower()
    if first in ("the", "a", "an", "de", "het", "een", "our", "my", "onze", "mijn") or np[:1].isupper():
        return np
    if lang is Language.EN:
        return np if first.endswith("s") else "the " + np
    from afterword.compose.topic import _with_article

    return _with_article(np, lang)


def _possessive_np(text: str, lang: Language) -> bool:
    """"Kwame's whiteboard sketch of the repairs journey", "the wall of sticky notes": a moment that is a thing."""
    first = text.split(" ", 1)[0].lower()
    return first.endswith(("'s", "’s")) or first in ("the", "a", "an", "de", "het", "een", "your", "my", "our", "je",
                                                     "jouw", "uw", "mijn", "onze")


#: Symbols joining notes: "=" between words, "+" before a figure ("jurist + 11 jr") or used twice in a row
#: ("a + b + c"), an arrow between words. One "+" between two words ("vrijwilligers + subsidie") reads
#: as "and" once written out.
_JOINER = re.compile(r"[^\W\d_]\s+=\s+\w|[^\W\d_]\s+(?:\+|&)\s+\d|\s(?:\+|&)\s[^+&]*\s(?:\+|&)\s"
                     r"|[^\W\d_]\s+(?:->|=>|→)\s+[^\W\d_]|(?<![\d%])\s*(?:->|=>|→)\s*[^\W\d_]")


def _without_trailing_fragment(text: str, lang: Language) -> str:
    """"… een eigen podcast maakt, heel trots op" → "… een eigen podcast maakt": a short verbless tail goes."""
    head, sep, tail = text.rpartition(", ")
    if sep and head and len(tail.split()) <= 4 and not has_any_verb(tail, lang) and not re.search(r"\d", tail):
        return head
    if sep and head and _FEELING.search(tail) and len(tail.split()) <= 8:
        return head  # "…, trots maar ook beetje beschaamd": the candidate's reading of them stays in the notes
    return text


#: How someone seemed to the candidate: an impression for the notes, not a thing to hand back.
_FEELING = re.compile(r"(?i)\b(?:trots|beschaamd|verlegen|nerveus|zenuwachtig|geïrriteerd|gepikeerd|moe|onzeker|"
                      r"proud|embarrassed|ashamed|shy|nervous|awkward|defensive|tired|insecure|annoyed|irritated)\b")


def _unbalanced(text: str) -> bool:
    """A quotation opened and not closed (or the other way round)."""
    for opening, closing in (("'", "'"), ("‘", "’")):
        at = re.search(rf"(?<!\w){opening}(?!(?:t|s|n|k)\b)(?=\w)", text)  # not "Van 't Zand", "'s avonds"
        if at and not re.search(rf"(?<=[^\s]){closing}(?!\w)", text[at.end():]):
            return True  # "de Graaf: 'ik ben 63 en schrijf nog …" (a possessive "James' story" is no quote)
    return text.count("“") != text.count("”") or text.count('"') % 2 == 1


def _joined_at(raw: str) -> str:
    found = _JOINER.search(_BRACKETS.sub("", raw))
    symbol = re.search(r"->|=>|→|\+|=|&", found.group()) if found else None
    return symbol.group() if symbol else ""


def _as_claim(text: str, lang: Language) -> str:
    """A strength as something the candidate did, to suggest: "I … (what you did, where, and the result)"."""
    if lang is Language.NL:
        return f"Ik heb … ({text}: wat je deed, waar, en wat het opleverde)"
    return f"I … ({text}: what you did, where, and what came of it)"


#: Remarks that would be unkind or awkward to hand back, even as a shared joke.
_NEGATIVE = {
    Language.EN: re.compile(r"(?i)\b(?:hate[sd]?|garbage|rubbish|terrible|awful|useless|boring|annoyed|annoying|"
                            r"stupid|crap|sucks?|too long|grumpy|rude|snapped|moaned|complained|rejected|turned down|fed up|sick of|"
                            r"tired of|frustrated|moody|toupee|smells?|stinks?|smelly|filthy|dirty|shabby|damp|leaking|leaks)\b"),
    Language.NL: re.compile(r"(?i)\b(?:haat|haten|waardeloos|verschrikkelijk|vreselijk|saai|irritant|gepikeerd|"
                            r"chagrijnig|bot|te lang|slecht|klaagde|mopperde|stom|rommel|chaos|afwees|afgewezen|baalt|balen|"
                            r"gefrustreerd|is het zat|zat van|humeurig|ruikt|stinkt|vies|smerig|vervallen|lekt|vocht|schimmel)\b"),
}
#: "Rob + me both …", "niels + ik allebei …": a person and the candidate, joined by a symbol on purpose.
_WITH_ME = re.compile(r"(?i)[^\W\d_]\s*(?:\+|&)\s*(?:me|i|ik|mij)\b")


_ARROW_MOVED = re.compile(r"(?i)\s*(?:->|=>|→)\s*(?=(?:the\s+|de\s+|het\s+)?[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}\s+"
                          r"(?:down|up|omlaag|omhoog)\s+(?:by\s+|from\s+|met\s+|van\s+)?[~≈]?\s?[£€$]?\d)")


def _joined(raw: str) -> bool:
    """Notes joined by symbols between words ("jurist + 11 jr", "nobody owns it -> delays"), not a
    figure written with an arrow ("75 -> 22 min", which tidying turns into "from 75 to 22 minutes"). One
    "+" joins two things only between nouns ("vrijwilligers + projectsubsidie"), not a deed and a thing
    ("maximo ingericht + migratie van 2 systemen")."""
    text = _ARROW_MOVED.sub(", ", _WITH_ME.sub(" and me", _BRACKETS.sub("", raw)))  # "-> x down 30%" is read
    if _JOINER.search(text):
        return True
    for m in re.finditer(r"(\S+)\s(?:\+|&)\s([^,;]*)", text):
        before, after = m.group(1).lower(), m.group(2).split()
        # The thing after the "+" runs to a preposition or a participle: "Power BI + ArcGIS dashboards for two
        # clients" joins two nouns; "opgezet in outlook + dubbele check zonder …" too.
        head = next((i for i, w in enumerate(after) if w.lower() in _LINKS_AFTER_PLUS or _PARTICIPLE_LIKE.match(w.lower())),
                    len(after))
        if _PARTICIPLE_LIKE.match(before) or head > (3 if head == len(after) else 2):
            # (to the end of the line, "sms reminders + same-day waitlist fill-ins" is two things, not two notes)
            return True
    return False


_LINKS_AFTER_PLUS = frozenset({"for", "at", "in", "on", "with", "across", "from", "to", "into", "of", "voor", "bij", "op",
                               "met", "van", "naar", "over", "per", "via"})


_THERE = {Language.EN: re.compile(r"(?<!\bstill)(?<!\bare)\s+there\b(?=\s*(?:[,;.:]|->|$|\s(?:too|as well|also)\b))"),
          Language.NL: re.compile(r"\s+daar\b(?=\s*(?:[,;.:]|->|$|\s(?:ook)\b))")}
_PLACE_IN = re.compile(r"\b(?:at|in|bij|op)\s+(?P<place>(?:[A-Z][\w&'’-]*)(?:\s+[A-Z][\w&'’-]*){0,3})")


def _there(text: str, previous: str, lang: Language) -> str:
    """"started a huddle there" after "4 yrs running turns at Bristol": "there" is the place of the strength
    before, which the draft may not quote; it is named ("at Bristol"), or left out when the notes do not say."""
    found = _THERE[lang].search(text)
    if not found:
        return text
    place = _PLACE_IN.search(_BRACKETS.sub("", previous))
    named = f" {'at' if lang is Language.EN else 'bij'} {place.group('place')}" if place else ""
    return text[:found.start()] + named + text[found.end():]


def _deed_before_plus(text: str, lang: Language) -> str:
    """"termijnkalender opgezet in outlook + dubbele check, nul gemist" → "termijnkalender opgezet in outlook":
    after a deed, a "+" starts another line of notes; the deed is the claim."""
    head, plus, _rest = _BRACKETS.sub("", text).partition(" + ")
    segment = re.split(r"[,;]\s", head)[-1]
    if head.split()[-1:] and head.split()[-1][:1].isupper() and _rest[:1].isupper():
        return text  # "from SAS + Excel to dbt": two names joined inside the deed, not a second line of notes
    if plus and "," not in head and len(segment.split()) >= 3 and has_any_verb(segment, lang):
        from afterword.compose.wording import words

        first = _rest.split(" ", 1)[0].lower()
        if lang is Language.EN and words(lang).is_past(first):
            return f"{head} and {_rest}"  # "wrote a DonorsChoose + got $1.8k for probeware": a second deed, joined
        return head
    return text


#: A word that ends a deed ("ingericht", "opgezet", "built", "moved"): a "+" after it joins notes, not nouns.
_PARTICIPLE_LIKE = re.compile(r"^(?:\w*ge\w+[dt]|\w+(?:ed|eerd)|opgezet|ingevoerd|built|led|ran|set)$")


#: "you and I both at SETAC", "jij en ik allebei RUG", "je ook fan van …": a shared thing typed without its verb.
_BOTH = re.compile(r"\b(?i:both|allebei|beiden|beide|ook)\s+(?:(?i:at|in|from|on|bij|op|van|uit|fan|ex-)|[A-Z0-9])")
#: "Claire at the Ulster game, we talked rugby": someone and a place, typed without the verb.
_SOMEONE_AT = re.compile(r"^(?:[A-ZÀ-Þ][\w'’-]+|he|she|hij|zij|ze)\s+(?:at|in|on|from|bij|op|in|van|uit)\s", re.I)


def _own_words(interview: Interview) -> frozenset[str]:
    """Words the notes' own header uses (company, role, job titles): the reader's vocabulary by definition."""
    texts = [interview.company, interview.role, *(c.title or "" for c in interview.contacts)]
    return frozenset(w.lower().strip(".,;:()'’") for t in texts for w in t.split())


_EXPERIENCE = re.compile(r"(?i)\b(?:experience|ervaring|background|achtergrond)\b")


#: How a question typed without its mark can start ("would the team consider …").
_ASKING = frozenset({"would", "could", "can", "is", "are", "do", "does", "did", "will", "how", "what", "when", "who",
                     "which", "why", "where", "should", "hoe", "wat", "wanneer", "wie", "welke", "welk", "waarom",
                     "waar", "kan", "kun", "kunnen", "zijn", "wordt", "worden", "heeft", "hebben", "komt", "gaat",
                     "mag", "moet", "zou", "zouden"})
_YEARS_OF = re.compile(r"(?i)^(?:\d+|[a-z]+)\s+(?:years?|jaar)\s+(?:of|in|at|as|with|als|bij|in|ervaring|experience)\b")


def _a_claim(text: str, lang: Language) -> bool:
    """A strength that says what the candidate did ("led SMED at Dana", "ik heb …") or brings ("ten years of
    experience in …"); a row of nouns ("4 years postdoc utrecht on PFAS") is not one."""
    from afterword.compose.pieces import strength_piece

    kind = strength_piece(text, lang, frozenset()).kind
    if kind == "i":
        return True
    if kind == "raw" and text[:1].isupper() and not has_verb(text, lang) and len(text.split()) <= 12:
        return True  # "Promotieonderzoek naar probabilistische lastprognoses": a phrase written as one
    if kind != "np" or len(text.split()) > 16:
        return False
    # "Twelve years of model validation", "Teamleider van 12 planners bij PostNL": written as a phrase;
    # not "twaalf jaar developer" or "4 years postdoc utrecht on PFAS".
    return bool(_EXPERIENCE.search(text) or _YEARS_OF.match(text) or text[:1].isupper())


def _verb_first_nl(text: str) -> bool:
    """A Dutch moment that opens with its finite verb and no subject ("vroeg door over mijn scriptie")."""
    from afterword.compose.reader import _nl_finite

    first = text.split(" ", 1)[0]
    return first[:1].islower() and first != "zijn" and _nl_finite(first) and not first.startswith("ge")


def _first_segment(text: str) -> str:
    return _SEGMENT_END.split(text, maxsplit=1)[0]


#: Where the first clause of a notes item ends: a comma, or a full stop that does not end an abbreviation.
_SEGMENT_END = re.compile(r"[,;?!]\s|(?<!\bvs)(?<!\bca)(?<!\bdr)(?<!\bmr)(?<!\bbijv)(?<!\be\.g)(?<!\bi\.e)"
                          r"(?<!\bo\.a)(?<!\bprof)(?<!\bmevr)(?<!\bdhr)(?<!\bnr)(?<!\bno)(?<!\bst)\.\s")


#: A place word left hanging once what it pointed back to is gone ("wrote the SOP there" → "wrote the SOP").
_DANGLING = {Language.EN: re.compile(r"\s+(?:there|then|as well)$", re.I), Language.NL: re.compile(r"\s+(?:daar|toen|ook)$", re.I)}


def _raw_head(raw: str, quoted: str) -> str:
    """The part of a notes item as typed that a quoted head came from: as many sentences and comma pieces
    as the head has ("+" or "->" further on does not stop the first clause from being quoted)."""
    bare = _BRACKETS.sub("", raw)
    sentences = len(re.findall(r"[.!?]\s+\S", quoted)) + 1
    parts = re.split(r"(?<=[.!?])\s+", bare)
    head = " ".join(parts[:sentences])
    pieces = len(re.findall(r"[,;]\s", quoted)) + 1
    return ",".join(re.split(r"[,;]", head)[:pieces])


#: A question typed with its options after a dash or a second mark: "which first - oldest or highest risk?".
_OPTIONS = re.compile(r"\s+[-–]\s+(?=[^?]*\b(?:or|of)\b)")
_ASIDE_OPTIONS = re.compile(r"^(?P<q>[^?]+?),\s+(?P<a>[^,?]+)\?\s+(?P<alt>(?:or|of)\s+[^?]+?)\??$", re.I)


def one_question(text: str, lang: Language) -> str:
    """A question as one sentence with one mark: options after a colon ("Which would you want closed first:
    oldest or highest risk?"), "X, a shared plan? or per project" as "X: a shared plan, or per project?",
    and a second question after the first left out."""
    first = text.split(" ", 1)[0].lower()
    if not (text.rstrip().endswith("?") or first in _ASKING):
        return text
    text = _OPTIONS.sub(" – ", text, count=1)
    aside = _ASIDE_OPTIONS.match(text)
    if aside:
        return f"{aside.group('q')} – {aside.group('a')}, {aside.group('alt')}?"
    if "?" in text.rstrip()[:-1]:
        head = text[:text.index("?") + 1]
        if len(head.split()) >= 4:
            return head  # "how is CAPA effectiveness checked, if at all? who signs off" → the first question
    return text


#: Besides the language's verbs of telling (`words(lang).telling`), verbs that after a comma and with no subject
#: of their own are still done by the person before it ("kende mijn promotor, herinnerde zich …").
_ALSO_TELLING = {Language.EN: frozenset({"remembered", "laughed"}),
                 Language.NL: frozenset({"herinnerde", "wist", "lachte"})}
_SOMEONE = re.compile(r"^(?:[A-ZÀ-Þ][\w'’-]+|[Hh]e|[Ss]he|[Hh]ij|[Zz]ij|[Zz]e|[Yy]ou|[Jj]e|[Uu])\s")


def and_clauses(text: str, lang: Language) -> str:
    """"Dirk zat vroeger bij de overheid, vertelde over het retabel" → "… overheid en vertelde over …":
    a telling verb after a comma, with no subject of its own, belongs to the person the moment starts with."""
    head, sep, rest = text.partition(", ")
    from afterword.compose.wording import words

    verb = rest.split(" ", 1)[0].lower().strip(",.;:")
    telling = (verb in words(lang).telling and verb not in ("asked", "vroeg")) or verb in _ALSO_TELLING[lang]
    # (a question they asked stays a moment of its own, which the reading sets aside: it is not echoed)
    if not sep or not _SOMEONE.match(head) or not has_any_verb(head, lang) or not telling:
        return text
    second = re.split(r",\s", rest, maxsplit=1)[0]
    if re.search(r"(?i)\b(?:i|ik|him|her|hem)\b", second):
        return text  # "…, told them my story": the candidate speaks
    return f"{head} {'and' if lang is Language.EN else 'en'} {rest}"


#: How notes name someone politely, and how a greeting says it: "mevr. ter Horst" → "mevrouw Ter Horst".
_POLITE = {Language.NL: {"mevrouw": "mevrouw", "mevr": "mevrouw", "mw": "mevrouw", "meneer": "heer", "mijnheer": "heer",
                         "dhr": "heer", "de heer": "heer", "mr": "mr.", "dr": "dr."},
           Language.EN: {"mr": "Mr", "mrs": "Mrs", "ms": "Ms", "miss": "Ms"}}


def salutations(interview: Interview, contacts: Sequence[Contact] | None = None) -> dict[str, dict[Language, str]]:
    """The polite form the notes use for each contact (of `contacts`, default all), per language; only contacts
    the notes name politely are in it. The notes are scanned once for a polite word at all."""
    texts = [t for t in (interview.theme or "", interview.next_step or "", *(n.text for n in interview.needs),
                         *(m.text for m in interview.moments), *(q.text for q in interview.questions))
             if _ANY_POLITE.search(t)]
    if not texts:
        return {}  # the usual case: no "mevrouw …" or "Mr …" anywhere, and no look at each contact
    out: dict[str, dict[Language, str]] = {}
    for contact in interview.contacts if contacts is None else contacts:
        forms = {lang: salutation_in_notes(interview, contact, lang, texts) for lang in Language}
        if any(forms.values()):
            out[contact.id] = forms
    return out


def salutation_in_notes(interview: Interview, contact: Contact, lang: Language,
                        texts: Sequence[str] | None = None) -> str:
    """"Mevrouw Ter Horst woont …", "Mr Chen said …": the polite form the notes use for this person, as a
    greeting writes it ("mevrouw Ter Horst", "Mr Chen"); "" when the notes use none."""
    surname = surname_alone(contact.name)
    if not surname or surname == contact.name:
        return ""
    if texts is None:
        texts = [interview.theme or "", interview.next_step or "", *(n.text for n in interview.needs),
                 *(m.text for m in interview.moments), *(q.text for q in interview.questions)]
    forms = _POLITE[lang]
    for text in texts:
        m = _polite_pattern(surname).search(text)
        typed = m.group(1).lower().rstrip(".") if m else ""
        if typed == "mr" and (lang is Language.EN) is not (interview.effective_language is Language.EN):
            continue  # Dutch "mr. Smits" is a lawyer's title ("Geachte mr. Smits"), not "Mr Smits", and the other way round
        if typed == "dr" and lang is Language.EN:
            continue  # the English draft takes its titles from the contact, not from Dutch notes
        if m and typed in forms:
            return f"{forms[typed]} {surname}"
    return ""


_ANY_POLITE = re.compile(r"(?i)(?<![\w])(?:" + "|".join(
    re.escape(f) for f in sorted({f for forms in _POLITE.values() for f in forms}, key=len, reverse=True)) + r")\.?\s")


@lru_cache(maxsize=64)
def _polite_pattern(surname: str) -> re.Pattern[str]:
    every = sorted({f for forms in _POLITE.values() for f in forms}, key=len, reverse=True)
    # A double surname may be typed by its first part: "mr. smits" for mr. Smits-van Oort.
    names = [re.escape(surname)] + ([re.escape(surname.split("-")[0])] if "-" in surname else [])
    return re.compile(r"(?i)(?<![\w])(" + "|".join(re.escape(f) for f in every) + r")\.?\s+(?:" + "|".join(names) + ")"
                      + r"(?![\w])")


def _literally(replacement: str) -> Callable[[re.Match[str]], str]:
    """A replacement for `re.sub` taken as written (a backslash in a name is no escape)."""
    def replace_with(_match: re.Match[str]) -> str:
        return replacement

    return replace_with


def _polite_to_given(text: str, interview: Interview) -> str:
    """"mevr. ter Horst kende …" → "Gerda kende …": the person named as the composer knows them, so the moment
    can be turned to them ("u kende …") and no "mevr." is left for a reader to stumble on."""
    if not _ANY_POLITE.search(text):
        return text  # most notes items name nobody politely: no look at every contact (big panels stay linear)
    for contact in interview.contacts:
        surname = surname_alone(contact.name)
        if surname and surname != contact.name and surname.lower() in text.lower():
            given = split_name(strip_titles(contact.name)).given or contact.name
            text = _polite_pattern(surname).sub(_literally(given), text)  # a name is text, not a template
    return text



_LAST: list[tuple[Interview, Reading]] = []


def read_notes(interview: Interview) -> Reading:
    """Tidy every text of the notes for quoting; leave out (and report) what must not be quoted.

    The same interview object read twice in a row (the composer, then the rough-notes list) is read once:
    remembered by identity, not hashed."""
    if _LAST and _LAST[0][0] is interview:
        return _LAST[0][1]
    reading = _read_notes(interview)
    _LAST[:] = [(interview, reading)]
    return reading


def _read_notes(interview: Interview) -> Reading:
    lang = interview.effective_language
    names = _contact_names(interview)
    known = _own_words(interview)
    rough: list[Rough] = []
    results: dict[int, Result] = {}

    def read(field: str, index: int, text: str) -> str | None:
        typed = _deed_before_plus(text, lang) if field == "strengths" else text
        if field == "strengths":
            typed = _there(typed, interview.strengths[index - 1].text if index else "", lang)
        tidied = tidy(_polite_to_given(typed, interview), lang, names)
        if field == "questions":
            tidied = one_question(without_vocative(tidied, frozenset(names)), lang)
            if tidied.endswith("?") and len(re.findall(r"\s[-–]\s", tidied)) == 1:
                tidied = re.sub(r"\s[-–]\s", ": ", tidied)  # "CQC visit in October - any actions still open?"
        if find_private(text, lang, in_notes=True) or find_private(tidied, lang, in_notes=True):
            rough.append(Rough(field, index, text, "private", _HINT["private"][lang is Language.NL]))
            return None
        if find_shorthand(tidied, lang) or not tidied:
            found = topic(tidied, lang, article=False) if field == "needs" and tidied else None
            if found and len(found.split()) >= 1 and not find_shorthand(found, lang) and _problem(found)[0] is None:
                rough.append(Rough(field, index, text, "topic", found))
                return found  # "geen dock-slotplanning, trucks wachten gem. 2u": named by what it is about
            rough.append(Rough(field, index, text, "shorthand", tidied))
            return None
        if field == "moments" and _ASKED[lang].search(tidied):
            rough.append(Rough(field, index, text, "asked", ""))
            return None
        if field == "theme" and (_fragments(tidied) or has_verb(first_segment(tidied), lang)):
            found = topic(tidied, lang, article=False)
            if found and (len(found.split()) >= 2 or (len(found) >= 8 and lang is Language.EN)):  # "changeovers", not "team"
                rough.append(Rough(field, index, text, "topic", found))
                return found  # "reconciliation jobs fall over at month end" → "reconciliation jobs"
        if field == "theme" and has_verb(first_segment(tidied), lang) and not quotable(tidied, lang):
            rough.append(Rough(field, index, text, "fragments", first_segment(tidied)))
            return None  # "planning gaat via 3 excelsheets": a sentence, not something to talk "about"
        if field == "theme" and "," in tidied:
            head = first_segment(tidied)
            if len(head.split()) == 1 and len(head) >= 6 and head.isalpha() and not has_verb(head, lang):
                rough.append(Rough(field, index, text, "topic", head))
                return head  # "netcongestie, wachtrij aansluitingen": a list of topics, not one to thank for
            if 2 <= len(head.split()) <= 8 and not has_verb(head, lang):
                rough.append(Rough(field, index, text, "topic", head))
                return head  # "chromebooks op 14 scholen, beheer is chaos": the first part is the topic
        if field == "moments":
            tidied = and_clauses(_without_trailing_fragment(tidied, lang), lang)
            if lang is Language.EN:
                tidied = _SHOWED_THE.sub(r"\1 me ", tidied)  # "mei showed the new lab": shown to the candidate
        if field == "moments" and (_fragments(tidied) or _another_subject(tidied)):
            head = _first_segment(tidied).strip()
            if len(head.split()) >= 3 and has_any_verb(head, lang) and not _NEGATIVE[lang].search(head) \
                    and not _NEGATIVE[lang].search(_raw_head(text, head)) and not _SOMEONE_AT.match(head):
                return _gate(field, index, text, head)  # "marcus supports sunderland, chatted …" → the first clause
        if field in ("moments", "theme", "next_step") and _fragments(tidied):
            rough.append(Rough(field, index, text, "fragments", _first_segment(tidied)))
            return None
        if field == "needs" and blunt(tidied, lang, mild=False):
            found = topic(tidied, lang, article=False)
            if found and len(found.split()) >= 2 and not blunt(found, lang) and _problem(found)[0] is None:
                rough.append(Rough(field, index, text, "topic", found))
                return found  # "nobody has time to coach them" is not read back to them; "the juniors" may be
            rough.append(Rough(field, index, text, "blunt", _HINT["blunt"][lang is Language.NL],
                               blunt(tidied, lang, mild=False) or ""))
            return None
        if field == "strengths":
            tidied = _strength(_years_as(tidied, lang), lang)
        if field in ("needs", "strengths") and _fragments(tidied):
            # The first sentence carries the point; the rest of a row of notes is left out.
            first = re.split(r"(?<=[.!?])\s+", tidied, maxsplit=1)[0].rstrip(".")
            tidied = first if first.count(",") + first.count(";") < 2 else _first_segment(first)
        return _gate(field, index, text, tidied)

    def _gate(field: str, index: int, text: str, tidied: str) -> str | None:
        """The last look before quoting: notes marks, words a reader would not know, a strength that is
        not something the candidate did, a question that is not one."""
        problem, detail = _problem(tidied)
        if problem is None and _unbalanced(tidied):
            problem, detail = "fragments", "‘…’"  # a quote cut in half: "de Graaf: 'ik ben 63 en …"
        if problem is None and field in ("needs", "strengths", "moments") and _joined(_raw_head(text, tidied)):
            problem = "shorthand"  # "a + b", "x -> y" between words: the tidied sentence still joins notes
            detail = _joined_at(_raw_head(text, tidied))
        if problem is None and field == "strengths" and not _a_claim(tidied, lang):
            problem = "fragments"
        if problem is None and field == "questions" and not tidied.rstrip().endswith("?") \
                and tidied.split(" ", 1)[0].lower() not in _ASKING:
            problem = "fragments"  # "ask rob re the budget": a note to self, not a question to them
        if problem is None and field == "moments" and (_BOTH.search(tidied) or _SOMEONE_AT.match(tidied)) \
                and not has_any_verb(_first_segment(tidied), lang):
            problem = "fragments"  # "you and I both at SETAC", "je ook fan van advent of code"
        if problem is None and field == "moments" and (_LABELLED.match(text) or _LABELLED.match(tidied)):
            problem = "fragments"  # "jess: last offsite was lisbon, next one 'somewhere in EU'": a line of notes
        if problem is None and field == "moments" and _NEGATIVE[lang].search(tidied):
            problem, detail = "private", _NEGATIVE[lang].search(tidied).group()  # type: ignore[union-attr]
        if problem is None and field == "questions" and not has_any_verb(tidied, lang) \
                and tidied.split(" ", 1)[0].lower() not in _ASKING:
            problem = "fragments"  # "plan for the two ships – retrofit or sell?": a topic with a mark
        if problem is None and field == "moments" and lang is Language.NL and _verb_first_nl(tidied):
            problem = "fragments"  # "vroeg door over mijn scriptie": who asked? the subject was left out
        if problem is None and field == "moments" and lang is Language.NL and _NO_FINITE_NL.search(tidied):
            problem = "fragments"  # "je ook in Wageningen gestudeerd": a subject with no verb after it
        if problem is None:
            return tidied
        head = _first_segment(tidied).strip()
        if field in ("strengths", "moments") and head != tidied and len(head.split()) >= 3 \
                and has_any_verb(head, lang) and not _NEGATIVE[lang].search(head) \
                and not _NEGATIVE[lang].search(_raw_head(text, head)) and not _SOMEONE_AT.match(head):
            head = _DANGLING[lang].sub("", head) if field == "strengths" else head
            rough_before = len(rough)
            kept_head = _gate(field, index, text, head)
            if kept_head is not None:
                return kept_head  # "wrote the CAPA SOP there, FDA PAI 2024 = 0 obs" → "wrote the CAPA SOP"
            del rough[rough_before:]
        if field in ("needs", "theme"):
            found = topic(tidied, lang, article=False)
            if found and len(found.split()) >= 2 and _problem(found)[0] is None:
                rough.append(Rough(field, index, text, "topic", found))
                return found  # named by what it is about: "your point about the storingsdata"
        suggestion = tidied
        if field == "strengths" and problem == "fragments":
            suggestion = _as_claim(tidied, lang)

        rough.append(Rough(field, index, text, problem, suggestion, detail))
        return None

    def _problem(tidied: str) -> tuple[str | None, str]:
        mark = marks(tidied)
        if mark:
            return "shorthand", mark
        casual = slang(tidied, lang)
        if casual:
            return "words", casual
        unknown = unknown_words(tidied, lang, known)
        if unknown:
            return "words", ", ".join(unknown)
        return None, ""

    theme = read("theme", 0, interview.theme) if interview.theme else None
    if theme is not None and not good_theme(theme, lang):
        rough.append(Rough("theme", 0, interview.theme or "", "fragments", theme))
        theme = None  # "our conversation about achterstand wegwerken": better the role than a fragment
    theme_topic: str | None = None
    if theme is not None and blunt(theme, lang):
        rough.append(Rough("theme", 0, interview.theme or "", "blunt", _HINT["blunt"][lang is Language.NL],
                           blunt(theme, lang) or ""))
        theme = None  # "parity mess across the three sites", "alles nog op papier": not at the head of a message
    if theme is not None and re.search(r"\s\+\s|\s&\s", interview.theme or ""):
        rough.append(Rough("theme", 0, interview.theme or "", "fragments", theme))
        theme = None  # "aged claims backlog + consumer duty audit": a list of topics typed for oneself, not a subject
    if theme is not None and any(r.field == "theme" and r.reason == "topic" for r in rough):
        theme_topic, theme = theme, None  # only a topic pulled out of a line of notes ("shrink and sat availability"): readers
        # found "our conversation about <that>" stilted; the role reads better, the rough list says why
    next_step = read("next_step", 0, interview.next_step) if interview.next_step else None
    def kept(field: str, items: tuple[_Item, ...]) -> tuple[_Item, ...]:
        out: list[_Item] = []
        for i, item in enumerate(items):
            text = read(field, i, item.text)
            if text is not None:
                out.append(replace(item, text=text))
            elif field == "strengths" and rough and rough[-1].reason != "private":
                found = result_of(tidy(item.text, lang, names), lang)
                if found is not None and not unknown_words(found.what, lang, known):
                    results[i] = found  # too rough to quote, but its result can be said plainly
        return tuple(out)

    tidy_interview = replace(
        interview, theme=theme, next_step=next_step, needs=kept("needs", interview.needs),
        strengths=kept("strengths", interview.strengths), moments=kept("moments", interview.moments),
        questions=kept("questions", interview.questions),
    )
    return Reading(tidy_interview, tuple(rough), results, theme_topic)
