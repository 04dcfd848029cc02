"""The email body is shorter than 50 words.

Why it matters:
In under 50 words there is room to thank, but not to continue the conversation: no need, no
strength, no question. It reads as a formality.

Example:
"Hi Maria, thanks for today, it was great to meet you. Best, Sam"

Fix:
Add one sentence on what they need and what you bring to it, and one question from the conversation.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.rule import EMAIL_ONLY, Hit, make_rule
from afterword.core.model import Severity

LIMIT = 50


def check(ctx: Context) -> Iterator[Hit]:
    count = ctx.word_count
    if count < LIMIT:
        yield Hit(values={"words": count, "limit": LIMIT})


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("In minder dan 50 woorden is er ruimte om te bedanken, niet om het gesprek voort te zetten: geen behoefte, geen sterkte, geen vraag.",
          "\"Hoi Joost, bedankt voor vandaag, leuk je te ontmoeten! Groet, Daan\"",
          "Voeg één zin toe over wat zij nodig hebben en wat jij meebrengt, en één vraag uit het gesprek.")


RULE = make_rule(
    "too-short", Severity.WARNING, EMAIL_ONLY, __doc__,
    summary_nl="De e-mail is korter dan 50 woorden.",
    en={"default": "The email has only {words} words (fewer than {limit}): room to thank, not to continue the "
                   "conversation. Add what they need and what you bring to it, and one question."},
    nl={"default": "De e-mail telt maar {words} woorden (minder dan {limit}): genoeg om te bedanken, niet om "
                   "het gesprek voort te zetten. Voeg toe wat zij nodig hebben, wat jij daarvoor meebrengt, "
                   "en één vraag."},
    doc_nl=DOC_NL,
    check=check,
)
