"""The email asks the reader no question at all.

A question mark, or an open "I wonder …" / "Ik ben benieuwd …", counts as a question.

Why it matters:
One well-thought question grounded in the conversation shows interest and insight, and gives the
reader a reason to reply rather than file the message.

Example:
An email that thanks, recalls the conversation and signs off, without asking anything.

Fix:
Ask one real question that grew out of the conversation, e.g. one from the notes.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.rule import EMAIL_ONLY, Hit, make_rule
from afterword.core.model import Severity


def asks_something(ctx: Context) -> bool:
    if "?" in ctx.body:
        return True
    return ctx.phrases("indirect_questions").search(ctx.body) is not None


def check(ctx: Context) -> Iterator[Hit]:
    if not ctx.body.strip() or asks_something(ctx):
        return
    own = ctx.interview.questions_for(ctx.contact.id) or ctx.interview.questions
    if own:
        yield Hit("from_notes", {"question": own[0].text})
    else:
        yield Hit()


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Eén doordachte vraag uit het gesprek toont interesse en inzicht, en geeft de lezer een reden om te antwoorden in plaats van te archiveren.",
          "Een e-mail die bedankt, terugblikt en afsluit, zonder iets te vragen.",
          "Stel één echte vraag die uit het gesprek voortkwam, bijvoorbeeld een uit de notities.")


RULE = make_rule(
    "no-question", Severity.SUGGESTION, EMAIL_ONLY, __doc__,
    summary_nl="De e-mail stelt de lezer geen enkele vraag.",
    en={"default": "The email asks nothing. Add one real question that grew out of the conversation; it gives "
                   "the reader a reason to reply.",
        "from_notes": "The email asks nothing. Add one real question from the conversation, e.g. \"{question}\""},
    nl={"default": "De e-mail stelt geen vraag. Voeg één echte vraag toe die uit het gesprek voortkomt; dat "
                   "geeft de lezer een reden om te antwoorden.",
        "from_notes": "De e-mail stelt geen vraag. Voeg één echte vraag uit het gesprek toe, bijvoorbeeld "
                      "\"{question}\""},
    doc_nl=DOC_NL,
    check=check,
)
