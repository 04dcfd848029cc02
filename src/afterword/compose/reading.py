"""Read notes as people type them before any of it is quoted: shorthand written out, laughter and asides
dropped, names capitalised; private or still-rough items set aside and reported, with a rewrite to suggest.

The composer quotes only what this module hands it. Everything it sets aside is listed (`Reading.rough`),
so `draft` can tell the user which notes items were too rough to quote and how to write them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TypeVar

from afterword.compose.topic import first_segment, has_verb, quotable, topic
from afterword.core.lang.names import split_name, strip_titles
from afterword.core.lang.private import find_private
from afterword.core.lang.shorthand import expand_dotted, find_shorthand, lexicon
from afterword.core.model import Interview, Language, Moment, Need, Question, Strength

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
    "asked": ("is a question they asked you: answer it in the conversation, do not echo it",
              "is een vraag die zij jou stelden: beantwoord die, herhaal hem niet"),
}
_HINT = {
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

    def reason_in(self, lang: Language | str) -> str:
        en, nl = REASONS[self.reason]
        return nl if str(lang) == "nl" else en


@dataclass(frozen=True)
class Reading:
    interview: Interview  # the notes with every quotable item tidied and the others left out
    rough: tuple[Rough, ...]


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
    out = _RANGE_ARROW.sub(lambda m: _range(m, lang), out)
    out = _ARROW.sub(lambda m: _arrow(out, m, lang), out)
    per = _PER[lang]
    out = re.sub(r"/(yr|mo|mth|wk|jr|mnd|day|dag)\b", lambda m: per[m.group(1)], out)
    lx = lexicon(lang)
    for spot in reversed(find_shorthand(out, lang)):
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
    out = _after_number(out, lang)
    out = _names(out, names, lang)
    out = _SPACES.sub(" ", out).strip(" ,;:-–—")
    return re.sub(r"\s+([,.;:!?])", r"\1", out)


_PER = {Language.EN: {"yr": " a year", "mo": " a month", "mth": " a month", "wk": " a week", "jr": " a year",
                      "mnd": " a month", "day": " a day", "dag": " a day"},
        Language.NL: {"yr": " per jaar", "mo": " per maand", "mth": " per maand", "wk": " per week", "jr": " per jaar",
                      "mnd": " per maand", "day": " per dag", "dag": " per dag"}}


def _arrow(text: str, m: re.Match[str], lang: Language) -> str:
    """"no idempotency keys -> double payouts": a consequence (", so …") when a clause follows, else "to"."""
    after = re.split(r"[,;.]", text[m.end():], maxsplit=1)[0]
    if has_verb(after, lang):
        return ", so " if lang is Language.EN else ", dus "
    return " to " if lang is Language.EN else " naar "


def _range(m: re.Match[str], lang: Language) -> str:
    a, b, unit = m.group("a").strip(), m.group("b").strip(), m.group("unit_a") or ""
    if unit and not unit.isdigit():
        return f"from {a} {unit} to {b}" if lang is Language.EN else f"van {a} {unit} naar {b}"
    return f"from {a} to {b}" if lang is Language.EN else f"van {a} naar {b}"


def _after_number(text: str, lang: Language) -> str:
    lx = lexicon(lang)
    units = {**lx.after_number, **lx.expand_after_number}
    if not units:
        return text
    pattern = re.compile(r"(?<=\d)\s?(" + "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
                         + r")(?![\w/])", re.IGNORECASE)
    return pattern.sub(lambda m: " " + units[m.group(1).lower()], text)


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


def _contact_names(interview: Interview) -> dict[str, str]:
    """Lower-case name words of the people in the notes (and words the notes write with a capital elsewhere,
    "Django", "Purmerend"), and how they are written."""
    out: dict[str, str] = {}
    texts = [interview.company, interview.theme or "", interview.next_step or "",
             *(n.text for n in interview.needs), *(s.text for s in interview.strengths),
             *(m.text for m in interview.moments), *(q.text for q in interview.questions)]
    capital: dict[str, str] = {}
    counts: dict[str, int] = {}
    for text in texts:
        for before, word in zip(["", *text.split()], text.split(), strict=False):
            core = word.strip("\"'‘’“”(),.;:!?")
            if len(core) < 4 or not core.isalpha():
                continue
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
    return out


#: A moment where they asked the candidate something ("ingrid asked how I monitor models").
_ASKED = {Language.EN: re.compile(r"(?i)^(?:\w+\s)?(?:\w+\s)?asked (?:me |if |how |what |why |whether |about |whe)"),
          Language.NL: re.compile(r"(?i)^(?:\w+\s)?(?:\w+\s)?vroeg (?:me |mij |of |hoe |wat |waarom |naar )")}


def _fragments(text: str) -> bool:
    """More than one sentence, or three comma-separated pieces or more: notes, not a sentence."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
    if len(sentences) > 1:
        return True
    pieces = [p for p in re.split(r"[,;]", text) if p.strip()]
    return len(pieces) >= 3 and sum(len(p.split()) for p in pieces) / len(pieces) < 5


_DOWN_UP = re.compile(r"(?i)^(?P<np>[^\W\d][\w\s'’-]{1,40}?)\s+(?P<dir>down|up|omlaag|omhoog)\s+(?:by\s+|met\s+)?"
                      r"(?P<n>(?:about\s+|ongeveer\s+)?[£€$]?[\d.,]+\s?%?)$")
_FROM_TO = re.compile(r"(?i)^(?P<np>[^\W\d][\w\s'’-]{1,40}?)\s+(?P<ft>(?:from|van)\s+\S+(?:\s+\S+)?\s+(?:to|naar)\s+.+)$")


def _strength(text: str, lang: Language) -> str:
    """A strength typed as a claim and its result ("split the job into steps at Monzo, incidents down 70%")
    keeps the result as a clause ("…, which brought incidents down by 70%"); other verbless pieces go."""
    pieces = re.split(r",\s+", text)
    kept = [pieces[0]]
    for piece in pieces[1:]:
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
        elif has_verb(piece, lang) or _verb_led(piece, lang):
            kept.append(piece)  # "…, cutting data delay from 8 hours to 2 minutes" is already a clause
        else:
            break
    return ", ".join(kept)


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


def _first_segment(text: str) -> str:
    return re.split(r"[,;.]\s", text, maxsplit=1)[0]


def read_notes(interview: Interview) -> Reading:
    """Tidy every text of the notes for quoting; leave out (and report) what must not be quoted."""
    lang = interview.effective_language
    names = _contact_names(interview)
    rough: list[Rough] = []

    def read(field: str, index: int, text: str) -> str | None:
        tidied = tidy(text, lang, names)
        if find_private(text, lang, in_notes=True) or find_private(tidied, lang, in_notes=True):
            rough.append(Rough(field, index, text, "private", _HINT["private"][lang is Language.NL]))
            return None
        if find_shorthand(tidied, lang) or not tidied:
            rough.append(Rough(field, index, text, "shorthand", tidied))
            return None
        if field == "moments" and _ASKED[lang].search(tidied):
            rough.append(Rough(field, index, text, "asked", ""))
            return None
        if field == "theme" and (_fragments(tidied) or has_verb(first_segment(tidied), lang)):
            found = topic(tidied, lang, article=False)
            if found and (len(found.split()) >= 2 or len(found) >= 8):  # "changeovers", not "team"
                rough.append(Rough(field, index, text, "topic", found))
                return found  # "reconciliation jobs fall over at month end" → "reconciliation jobs"
        if field == "theme" and has_verb(first_segment(tidied), lang) and not quotable(tidied, lang):
            rough.append(Rough(field, index, text, "fragments", first_segment(tidied)))
            return None  # "planning gaat via 3 excelsheets": a sentence, not something to talk "about"
        if field == "theme" and "," in tidied:
            head = first_segment(tidied)
            if 2 <= len(head.split()) <= 8 and not has_verb(head, lang):
                rough.append(Rough(field, index, text, "topic", head))
                return head  # "chromebooks op 14 scholen, beheer is chaos": the first part is the topic
        if field in ("moments", "theme", "next_step") and _fragments(tidied):
            rough.append(Rough(field, index, text, "fragments", _first_segment(tidied)))
            return None
        if field == "strengths":
            tidied = _strength(tidied, lang)
        if field in ("needs", "strengths") and _fragments(tidied):
            # The first sentence carries the point; the rest of a row of notes is left out.
            first = re.split(r"(?<=[.!?])\s+", tidied, maxsplit=1)[0].rstrip(".")
            return first if first.count(",") + first.count(";") < 2 else _first_segment(first)
        return tidied

    theme = read("theme", 0, interview.theme) if interview.theme else None
    next_step = read("next_step", 0, interview.next_step) if interview.next_step else None
    def kept(field: str, items: tuple[_Item, ...]) -> tuple[_Item, ...]:
        out: list[_Item] = []
        for i, item in enumerate(items):
            text = read(field, i, item.text)
            if text is not None:
                out.append(replace(item, text=text))
        return tuple(out)

    tidy_interview = replace(
        interview, theme=theme, next_step=next_step, needs=kept("needs", interview.needs),
        strengths=kept("strengths", interview.strengths), moments=kept("moments", interview.moments),
        questions=kept("questions", interview.questions),
    )
    return Reading(tidy_interview, tuple(rough))
