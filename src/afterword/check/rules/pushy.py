"""Pressure or presumption: deadlines imposed on the reader, assuming the offer, self-superlatives,
ultimatums, `!!`, shouting in capitals.

Why it matters:
A follow-up should remind them why they need you without being brash. Pressure and presumption
make the reader defensive, and "when I start" assumes a decision that is theirs to make.

Example:
"Please let me know by Friday. When I start, I will fix your pipelines first. I'm the best candidate
you will find!!"

Fix:
Drop the deadline and the presumption; state what you bring and ask one real question instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.kinds import both_languages
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.lang.lemmas import is_known_word
from afterword.core.lang.names import fold_cached as fold
from afterword.core.model import Language, Severity

_BANGS = re.compile(r"[!?]*!{2,}[!?]*|\?!+|!\?+")
_CODE = frozenset({"SELECT", "COUNT", "FROM", "WHERE", "JOIN", "GROUP", "ORDER", "INSERT", "UPDATE", "DELETE",
                   "CREATE", "TABLE", "INTO", "VALUES", "HAVING", "LIMIT", "DISTINCT", "UNION"})
_CAPS = re.compile(r"\b[A-ZÀ-Ý]{4,}(?:\s+[A-ZÀ-Ý]{2,})*\b")


def _shouting(ctx: Context) -> Iterator[re.Match[str]]:
    """Words in capitals that are not acronyms: two or more in a row, one of five letters or more,
    or a four-letter ordinary word ("VERY", "ZEER"); never a word from the notes (ACME, KPI)."""
    known = ctx.notes.known_words
    template: list[tuple[int, int]] | None = None  # looked for only once a run of capitals is found
    for match in _CAPS.finditer(ctx.body):
        if template is None:
            template = [(m.start(), m.end()) for m in both_languages("placeholders").finditer(ctx.body[:20000])]
        if any(start < match.end() and match.start() < end for start, end in template):
            continue  # "INSERT LINK" is template text (placeholder reports it), not shouting
        words = match.group().split()
        if any(w in _CODE for w in words):
            continue  # "SELECT COUNT(*)": code, not shouting
        # Only ordinary words in capitals shout ("VERY IMPORTANT", "ZEER"); an acronym (SCADA, STOWA,
        # CROW) is not in the dictionary and is not raised voice.
        loud = [w for w in words if fold(w) not in known and len(w) >= 4 and _ordinary(w, ctx)]
        if loud:
            yield match


def _ordinary(word: str, ctx: Context) -> bool:
    """A dictionary word of the text's language (of either, when the language is unclear): "ZEER", "URGENT";
    not "CROW" in a Dutch text (an acronym there, though an English word)."""
    guessed = ctx.guessed_language
    languages = (guessed,) if guessed is not None else tuple(Language)
    return any(is_known_word(word.lower(), lang) for lang in languages)


def check(ctx: Context) -> Iterator[Hit]:
    body = ctx.body
    spans: list[tuple[int, int, str]] = []
    spans += [(m.start(), m.end(), "phrase") for m in both_languages("pushy").finditer(body)]
    spans += [(m.start(), m.end(), "bangs") for m in _BANGS.finditer(body)]
    spans += [(m.start(), m.end(), "caps") for m in _shouting(ctx)]
    spans.sort()
    last_end = -1
    for start, end, kind in spans:
        if start < last_end:
            continue
        last_end = end
        yield Hit(kind, {"text": body[start:end].strip()}, start=start, end=end)


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Een opvolging herinnert hen eraan waarom ze jou nodig hebben, zonder op te dringen. Druk en aanmatiging maken de lezer defensief, en \"als ik begin\" loopt vooruit op hun beslissing.",
          "\"Laat u mij uiterlijk vrijdag weten? Als ik begin, pak ik eerst de data aan. Ik ben de beste kandidaat!!\"",
          "Schrap de termijn en de aanmatiging; zeg wat je meebrengt en stel één echte vraag.")


RULE = make_rule(
    "pushy", Severity.WARNING, ALL_CHANNELS, __doc__,
    summary_nl="Druk of aanmatiging: termijnen opleggen, het aanbod al aannemen, zelfoverschatting, ultimatums, "
               "`!!`, schreeuwen in hoofdletters.",
    en={"phrase": "\"{text}\" puts pressure on the reader or presumes their decision. Leave it out; say what "
                  "you bring and ask one real question instead.",
        "bangs": "\"{text}\" reads as shouting. One full stop (or a single !) is enough.",
        "caps": "\"{text}\" in capitals reads as shouting. Write it in normal case."},
    nl={"phrase": "\"{text}\" zet de lezer onder druk of loopt op de beslissing vooruit. Laat het weg; zeg wat "
                  "je meebrengt en stel liever één echte vraag.",
        "bangs": "\"{text}\" komt over als schreeuwen. Eén punt (of één !) is genoeg.",
        "caps": "\"{text}\" in hoofdletters komt over als schreeuwen. Schrijf het gewoon in kleine letters."},
    doc_nl=DOC_NL,
    check=check,
)
