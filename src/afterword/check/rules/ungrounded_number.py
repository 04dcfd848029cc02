"""A number, percentage or amount in the draft appears nowhere in the notes.

Numbers are normalised before comparing, so "23 percent", "23%", "drieëntwintig procent" and
"twenty-three percent" are the same claim, "six hours" matches "6 hours" and "one in five" matches
"1 in 5" or "20%". Dates, times, phone numbers, web addresses, ordinals, `one`/`een` used as a
word ("the one you mentioned"), "100%" as a figure of speech and anything in the signature (after the
closing) are not claims; the year of the interview and the next are allowed. A small number written
as a word counts only before something countable ("ten engineers", not "two questions").

Why it matters:
A follow-up is read as a record of what you said. A figure that was never said (or was said
differently) is a claim the reader may check, and a wrong one costs more than it adds.

Example:
"I cut warehouse spend by 60 percent" when the notes say 40 percent.

Fix:
Use the figure exactly as it is in the notes, or leave the number out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from afterword.check.context import Context, key
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.lang.names import fold_cached as fold
from afterword.core.lang.numbers import NumberMention, find_numbers
from afterword.core.model import Severity

MAX_FINDINGS = 10
#: "100%" / "honderd procent" as a figure of speech ("I'm 100% committed"), not a claim.
_INTENSIFIER = re.compile(r"(?i)(?:100|a hundred|one hundred|honderd)\s?(?:%|percent|per cent|procent)")


def check(ctx: Context) -> Iterator[Hit]:
    known = ctx.notes.number_keys
    count = 0
    notes = ctx.notes
    item_keys = notes.item_keys
    lang = ctx.text_language

    def counts_thing(word: str) -> bool:
        return fold(word) in notes.words or key(word, lang) in item_keys or word.lower() in _UNITS

    places = [((ctx.subject or "")[:1000], True, None),
              (ctx.body[:ctx.signature_start], False, ctx.tokens_before(ctx.signature_start))]
    units = _notes_units(notes.text)
    for text, in_subject, tokens in places:
        reported: list[tuple[int, int]] = []
        for mention in find_numbers(text, counts_thing=counts_thing, tokens=tokens):
            if _INTENSIFIER.fullmatch(mention.text) or _identifier(text, mention) or _clock_time(text, mention):
                continue
            if _year(mention):
                continue  # a year is a date, not a claim ("by 2030", "sinds 2015")
            if _RATIO.search(mention.text):
                # "one in four" counts one thing out of four: only the same ratio (or its percentage) grounds it,
                # not a "four" or a "25" that counts something else.
                grounded = bool({k for k in mention.keys if "/" in k} & known) or bool(
                    {k for k in mention.keys if "/" not in k} & _notes_percents(notes.text))
            else:
                grounded = bool(mention.keys & known) or any(
                    "/" in k and all(part in known for part in k.split("/")) for k in mention.keys)  # "three out of six"
            if grounded and not _other_unit(mention, text, units):
                continue
            yield Hit(values={"text": mention.text}, start=mention.start, end=mention.end, in_subject=in_subject)
            reported.append((mention.start, mention.end))
            count += 1
            if count >= MAX_FINDINGS:
                return
        for start, end, said in _short_spans(text, units):
            if any(s < end and start < e for s, e in reported):
                continue
            yield Hit(values={"text": said}, start=start, end=end, in_subject=in_subject)
            count += 1
            if count >= MAX_FINDINGS:
                return


_RATIO = re.compile(r"(?i)\b(?:in|op de|op|of every|per)\b")


@functools.lru_cache(maxsize=256)
def _notes_percents(notes_text: str) -> frozenset[str]:
    """Number keys the notes write as a percentage ("20%", "20 procent") or as a ratio."""
    out: set[str] = set()
    for mention in find_numbers(notes_text, claims_only=False):
        if re.search(r"(?i)%|percent|procent|\bin\b|\bop de\b", mention.text):
            out |= set(mention.keys)
    return frozenset(out)


_SHORT_SPAN = re.compile(r"(?i)\b(\w+)[\s-]+(days|weeks|dagen|weken)\b")


def _short_spans(text: str, units: dict[str, frozenset[str]]) -> Iterator[tuple[int, int, str]]:
    """"four weeks" where the notes say four months: a few days or weeks is talk, not a claim ("in the next
    few days"), unless the notes give that very number in another unit of time."""
    from afterword.core.lang.numbers import word_value

    for m in _SHORT_SPAN.finditer(text):
        value = word_value(m.group(1)) if not m.group(1).isdigit() else int(m.group(1))
        if value is None:
            continue
        noted = units.get(str(value), frozenset())
        said = _UNITS[m.group(2).lower()]
        if noted & _TIME and said not in noted:
            yield m.start(), m.end(), m.group()


def _year(mention: NumberMention) -> bool:
    return bool(re.fullmatch(r"(?:19[5-9]\d|20\d\d|2100)", mention.text.strip()))


_NAME_BEFORE = re.compile(r"(?:^|[^.!?\n]\s)([A-Z][\w+-]*)\s$")
_CAPS_BEFORE = re.compile(r"\b[A-Z][A-Z0-9]{1,}\s?$")
_VERSION = re.compile(r"^\d+(?:\.\d+)+$")


def _identifier(text: str, mention: NumberMention) -> bool:
    """A number that is part of a name: "ISO 8601", "NEN 2767", "WCAG 2.2", "Android 4.4", "Python 3.12"."""
    before = text[max(0, mention.start - 30):mention.start]
    if _CAPS_BEFORE.search(before) and not mention.text.rstrip().endswith("%"):
        return True
    return bool(_VERSION.match(mention.text.strip()) and _NAME_BEFORE.search(before))


_CLOCK = re.compile(r"(?i)\s*uur\b\s*(?:vanochtend|vanmiddag|vanavond|'s\s*(?:ochtends|middags|avonds)|vandaag|gisteren)?")
_CLOCK_BEFORE = re.compile(r"(?i)\b(?:om|rond|vanaf|tegen)\s$")


def _clock_time(text: str, mention: NumberMention) -> bool:
    """A time of day written in words: "het gesprek van tien uur vanochtend", "om twee uur"."""
    after = _CLOCK.match(text, mention.end)
    if after is None or not after.group():
        return False
    return bool(after.group().strip() != "uur" or _CLOCK_BEFORE.search(text[max(0, mention.start - 6):mention.start]))


#: Units a figure is measured in. "90 seconds" is not grounded by "90 days", nor "eight engineers" by "8 hours".
_UNITS = {
    "second": "s", "seconds": "s", "seconde": "s", "seconden": "s", "sec": "s",
    "minute": "min", "minutes": "min", "minuut": "min", "minuten": "min", "min": "min",
    "hour": "h", "hours": "h", "uur": "h", "uren": "h",
    "day": "d", "days": "d", "dag": "d", "dagen": "d",
    "week": "w", "weeks": "w", "weken": "w", "wk": "w", "wks": "w", "wkn": "w",
    "month": "mo", "months": "mo", "maand": "mo", "maanden": "mo", "mnd": "mo", "mth": "mo", "mths": "mo", "mos": "mo",
    "quarter": "q", "quarters": "q", "kwartaal": "q", "kwartalen": "q",
    "year": "y", "years": "y", "jaar": "y", "jaren": "y", "yr": "y", "yrs": "y", "jr": "y",
    "dgn": "d", "hrs": "h", "hr": "h",
    "engineer": "eng", "engineers": "eng", "developer": "eng", "developers": "eng", "ontwikkelaar": "eng",
    "ontwikkelaars": "eng",
    "people": "ppl", "person": "ppl", "persons": "ppl", "mensen": "ppl", "personen": "ppl", "medewerkers": "ppl",
}
_TIME = frozenset({"s", "min", "h", "d", "w", "mo", "q", "y"})
_NEXT_WORDS = re.compile(r"[\s-]*(\w+)(?:[\s-]+(\w+))?")


def _units_after(text: str, end: int) -> tuple[str, ...]:
    """The units among the (up to) two words after a figure: "8 hours" → h, "6 junior engineers" → eng."""
    match = _NEXT_WORDS.match(text, end, min(len(text), end + 40))
    if match is None:
        return ()
    return tuple(_UNITS[w.lower()] for w in match.groups() if w and w.lower() in _UNITS)


@functools.lru_cache(maxsize=256)
def _notes_units(notes_text: str) -> dict[str, frozenset[str]]:
    """For each number key in the notes, the units it is written with ("" when bare)."""
    out: dict[str, set[str]] = {}
    for text in (notes_text, notes_text.replace("-", " ")):  # "a two-week freeze" is "two" + "week" too
        for mention in find_numbers(text, claims_only=False):
            units = _units_after(text, mention.end) or ("",)
            for value in mention.keys:
                out.setdefault(value, set()).update(units)
    return {k: frozenset(v) for k, v in out.items()}


def _other_unit(mention: NumberMention, text: str, units: dict[str, frozenset[str]]) -> bool:
    """The figure is in the notes, but only with another unit: "90 seconds" where the notes say "90 days"."""
    said = _units_after(text, mention.end)
    if not said:
        return False
    noted = frozenset().union(*(units.get(value, frozenset()) for value in mention.keys))
    if set(said) & noted:
        return False
    if set(said) & _TIME and noted & _TIME:
        return True  # "four weeks" where the notes only say "four months" (a bare "4" elsewhere does not help)
    return bool(noted) and "" not in noted


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Een opvolging wordt gelezen als verslag van wat je zei. Een cijfer dat nooit (of anders) is gezegd, is een bewering die de lezer kan nagaan, en een fout cijfer kost meer dan het oplevert.",
          "\"De ongeplande uitval daalde met 45 procent\" terwijl de notities 30 procent zeggen.",
          "Gebruik het cijfer precies zoals het in de notities staat, of laat het weg.")


RULE = make_rule(
    "ungrounded-number", Severity.WARNING, ALL_CHANNELS, __doc__,
    summary_nl="Een getal, percentage of bedrag in het bericht staat nergens in de notities.",
    en={"default": "\"{text}\" is not in your notes. Check the figure and write it as it is in the notes, or "
                   "leave it out."},
    nl={"default": "\"{text}\" staat niet in je notities. Controleer het getal en schrijf het zoals het in de "
                   "notities staat, of laat het weg."},
    doc_nl=DOC_NL,
    check=check,
)
