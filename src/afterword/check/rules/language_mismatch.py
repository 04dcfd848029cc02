"""The draft is written in another language than the contact's.

The language is guessed from function words only (the, and, you / de, het, een, je), so names,
the company and borrowed technical terms cannot tip it; a text that is not clearly one language
is left alone.

Why it matters:
Writing to someone in their own language, the one you spoke with them, is part of the personal
touch; a Dutch manager who interviewed you in Dutch notices an English template.

Example:
An English email to Els van den Berg, whose language in the notes is Dutch.

Fix:
Write the message in the contact's language, or correct the contact's `language` in the notes.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.model import Language, Severity

_NAMES = {
    Language.EN: {Language.EN: "English", Language.NL: "Dutch"},
    Language.NL: {Language.EN: "Engels", Language.NL: "Nederlands"},
}


def check(ctx: Context) -> Iterator[Hit]:
    guessed = ctx.guessed_language
    expected = ctx.contact_language
    if guessed is None or guessed is expected:
        return
    names = _NAMES[ctx.language]
    yield Hit(values={"written": names[guessed], "expected": names[expected], "name": ctx.contact.name})


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Iemand schrijven in de taal waarin je met die persoon sprak, hoort bij de persoonlijke toon; een Nederlandse manager merkt een Engels sjabloon op.",
          "Een Engelse e-mail aan Henk Bosman, wiens taal in de notities Nederlands is.",
          "Schrijf het bericht in de taal van de contactpersoon, of corrigeer `language` in de notities.")


RULE = make_rule(
    "language-mismatch", Severity.WARNING, ALL_CHANNELS, __doc__,
    summary_nl="Het bericht is in een andere taal geschreven dan die van de contactpersoon.",
    en={"default": "This is written in {written}, but {name}'s language in the notes is {expected}. Write it "
                   "in {expected}, or correct the contact's language in the notes."},
    nl={"default": "Dit is in het {written} geschreven, maar de taal van {name} in de notities is {expected}. "
                   "Schrijf het in het {expected}, of pas de taal van deze contactpersoon aan in de notities."},
    doc_nl=DOC_NL,
    check=check,
)
