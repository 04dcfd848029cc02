"""The email has no subject line, or an empty one.

Why it matters:
The subject is the headline of the follow-up. Without one the email looks unfinished, lands
lower in the inbox, and is easy to overlook among the day's messages.

Example:
An email whose draft file starts straight with "Dear Maria," and has no `Subject:` line.

Fix:
Add a first line `Subject: …` (or `Onderwerp: …`) that names what you talked about, then a blank line.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.rule import EMAIL_ONLY, Hit, make_rule
from afterword.core.model import Severity


def check(ctx: Context) -> Iterator[Hit]:
    if ctx.subject is None or not ctx.subject.strip():
        topic = ctx.interview.theme or ctx.interview.role
        yield Hit(values={"topic": topic})


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Het onderwerp is de kop van je opvolging. Zonder onderwerp oogt de e-mail onaf en raakt hij ondergesneeuwd.",
          "Een e-mail die meteen met \"Beste Henk,\" begint, zonder regel `Onderwerp:`.",
          "Begin met `Onderwerp: …` (of `Subject: …`) dat noemt waar het gesprek over ging, en dan een lege regel.")


RULE = make_rule(
    "subject-missing", Severity.ERROR, EMAIL_ONLY, __doc__,
    summary_nl="De e-mail heeft geen onderwerpregel, of een lege.",
    en={"default": "The email has no subject. Add one that names what you talked about, e.g. \"{topic}\"."},
    nl={"default": "De e-mail heeft geen onderwerp. Voeg er een toe dat noemt waar je het over had, "
                   "bijvoorbeeld \"{topic}\"."},
    doc_nl=DOC_NL,
    check=check,
)
