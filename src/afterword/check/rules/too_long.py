"""The email body is longer than 250 words.

Why it matters:
A follow-up is read between meetings, often on a phone. Past 250 words the point gets lost, and
the reader postpones it; 80 to 200 words is the range that gets read.

Example:
A follow-up that retells the whole interview, every strength and three questions in 400 words.

Fix:
Keep one theme, one need-and-strength pair and one question; cut the rest.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.rule import EMAIL_ONLY, Hit, make_rule
from afterword.core.model import Severity

LIMIT = 250


def check(ctx: Context) -> Iterator[Hit]:
    count = ctx.word_count
    if count > LIMIT:
        yield Hit(values={"words": count if len(ctx.full_body) == len(ctx.body) else f"{count}+",
                          "limit": LIMIT})


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Een opvolging wordt tussen twee afspraken door gelezen, vaak op een telefoon. Boven de 250 woorden raakt de kern zoek; 80 tot 200 woorden wordt gelezen.",
          "Een opvolging die in 400 woorden het hele gesprek, elke sterkte en drie vragen navertelt.",
          "Houd één thema, één behoefte met passende sterkte en één vraag; schrap de rest.")


RULE = make_rule(
    "too-long", Severity.WARNING, EMAIL_ONLY, __doc__,
    summary_nl="De e-mail is langer dan 250 woorden.",
    en={"default": "The email has {words} words; above {limit} it gets skimmed or postponed. Keep one theme, "
                   "one need with your matching strength and one question, and cut the rest."},
    nl={"default": "De e-mail telt {words} woorden; boven de {limit} wordt hij vluchtig gelezen of uitgesteld. "
                   "Houd één thema, één behoefte met jouw passende sterkte en één vraag, en schrap de rest."},
    doc_nl=DOC_NL,
    check=check,
)
