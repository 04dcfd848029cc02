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

from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.kinds import both_languages
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.model import Severity


def check(ctx: Context) -> Iterator[Hit]:
    for text, in_subject in ((ctx.subject or "", True), (ctx.body, False)):
        for match in both_languages("placeholders").finditer(text[:20000]):
            yield Hit(values={"text": match.group().strip()}, start=match.start(), end=match.end(),
                      in_subject=in_subject)


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
