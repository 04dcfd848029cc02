"""Unfilled template text: `[Name]`, `{company}`, `<interviewer>`, `XXX`, `TODO`, `INSERT …`, `___`.

Why it matters:
A follow-up with template text left in tells the reader it was mass-produced, and undoes every
specific thing the rest of it says.

Example:
"Dear [Name], thank you for the conversation about the role at {company}."

Fix:
Fill in or remove every bracketed or capitalised stand-in before sending.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.kinds import both_languages
from afterword.check.register import quotation_spans
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.model import Severity


def check(ctx: Context) -> Iterator[Hit]:
    for text, in_subject in ((ctx.subject or "", True), (ctx.body, False)):
        quoted = quotation_spans(text[:20000])
        for match in both_languages("placeholders").finditer(text[:20000]):
            if match.group().startswith("[") and any(s <= match.start() < e for s, e in quoted):
                continue  # "[about the outage]" inside a quotation is an editor's insertion, not a slot
            if _separator(text, match):
                continue
            yield Hit(values={"text": match.group().strip()}, start=match.start(), end=match.end(),
                      in_subject=in_subject)


def _separator(text: str, match: re.Match[str]) -> bool:
    """A line of five or more underscores on its own (above a signature) is a separator."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line = text[line_start:len(text) if line_end < 0 else line_end].strip()
    return line == match.group().strip() and len(line) >= 5 and set(line) == {"_"}


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Een opvolging met achtergebleven sjabloontekst laat zien dat hij in serie is gemaakt, en maakt al het concrete eromheen ongedaan.",
          "\"Geachte [naam], dank voor het gesprek bij {bedrijf}.\"",
          "Vul elke tekst tussen haken of in hoofdletters in, of haal hem weg, voor je verstuurt.")


RULE = make_rule(
    "placeholder", Severity.ERROR, ALL_CHANNELS, __doc__,
    summary_nl="Niet ingevulde sjabloontekst: `[Naam]`, `{bedrijf}`, `<interviewer>`, `XXX`, `TODO`, `___`.",
    en={"default": "\"{text}\" is template text that was never filled in. Replace it with the real words "
                   "or delete it."},
    nl={"default": "\"{text}\" is sjabloontekst die nooit is ingevuld. Vervang het door de echte tekst of "
                   "haal het weg."},
    doc_nl=DOC_NL,
    check=check,
)
