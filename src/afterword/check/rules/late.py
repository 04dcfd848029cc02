"""The message goes out more than 24 hours after the interview ended.

Why it matters:
Follow-up is part of the interview itself. Many hiring managers expect it within a day and
read a late one as a lack of interest; some have already decided by then.

Example:
The interview ended on Friday at 15:30; the email is sent on Sunday evening.

Fix:
Send it now with a short apology-free note, or next time send within 24 hours of the end.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.model import Severity
from afterword.core.timeutil import format_duration, format_moment


def check(ctx: Context) -> Iterator[Hit]:
    if ctx.sent_at is None:
        return
    deadline = ctx.interview.deadline
    if ctx.sent_at > deadline:
        late_by = format_duration(ctx.sent_at - deadline, ctx.language)
        yield Hit(values={"late_by": late_by, "deadline": format_moment(deadline, ctx.language)})


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Opvolging hoort bij het gesprek zelf. Veel selecteurs verwachten binnen een dag iets en lezen een laat bericht als gebrek aan interesse; soms is de keuze dan al gemaakt.",
          "Het gesprek eindigde vrijdag om 15:30; de e-mail gaat zondagavond weg.",
          "Verstuur het nu, kort en concreet, of stuur voortaan binnen 24 uur na het einde.")


RULE = make_rule(
    "late", Severity.ERROR, ALL_CHANNELS, __doc__,
    summary_nl="Het bericht gaat later dan 24 uur na het einde van het gesprek de deur uit.",
    en={"default": "This goes out {late_by} after the 24-hour window closed on {deadline}. Send it now, "
                   "and keep it short and specific rather than apologetic."},
    nl={"default": "Dit gaat {late_by} na het sluiten van de termijn van 24 uur de deur uit; die sloot {deadline}. "
                   "Verstuur het nu, kort en concreet, zonder uitgebreide excuses."},
    doc_nl=DOC_NL,
    check=check,
)
