"""The subject is longer than 60 characters, so phones cut it off.

Why it matters:
Most mail is read on a phone first, where a subject is cut off after about 60 characters; the
part that names the specific topic is often the part that disappears.

Example:
"Thank you for the interview for the Head of Data Platform role at Acme Logistics yesterday"

Fix:
Keep the subject under 60 characters and put the specific topic first.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.rule import EMAIL_ONLY, Hit, make_rule
from afterword.core.model import Severity

LIMIT = 60


def check(ctx: Context) -> Iterator[Hit]:
    subject = (ctx.subject or "").strip()
    if len(subject) > LIMIT:
        start = (ctx.subject or "").find(subject) + LIMIT
        yield Hit(values={"length": len(subject), "limit": LIMIT}, start=start, end=start + len(subject) - LIMIT,
                  in_subject=True)


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("De meeste mail wordt eerst op een telefoon gelezen, waar een onderwerp na zo'n 60 tekens wordt afgekapt; juist het concrete deel valt dan weg.",
          "\"Naar aanleiding van ons gesprek over deelmobiliteit en draagvlak in Merwede\"",
          "Houd het onderwerp onder de 60 tekens en zet het concrete onderwerp vooraan.")


RULE = make_rule(
    "subject-long", Severity.WARNING, EMAIL_ONLY, __doc__,
    summary_nl="Het onderwerp is langer dan 60 tekens, zodat telefoons het afkappen.",
    en={"default": "The subject has {length} characters; phones cut it off after about {limit}. "
                   "Shorten it and put the specific topic first."},
    nl={"default": "Het onderwerp heeft {length} tekens; op een telefoon wordt het na ongeveer {limit} "
                   "afgekapt. Maak het korter en zet het concrete onderwerp vooraan."},
    doc_nl=DOC_NL,
    check=check,
)
