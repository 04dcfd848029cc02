"""The draft refers to nothing specific from this interview.

No theme, need, strength, moment or question from the notes is recognisably mentioned. Words are
compared as lemmas in both languages ("besproken" ~ "bespreken", "outages" ~ "outage"), leaving out
words any follow-up uses (thanks, conversation, team, opportunity, …), the company, the role and names.

Why it matters:
A follow-up that could be sent after any interview is a thank-you card, not a continuation of the
conversation. Naming what was discussed is what makes the reader remember you.

Example:
"Thank you for taking the time to meet with me. I enjoyed our conversation and am excited about the
opportunity."

Fix:
Come back to one thing from the conversation: the theme, a need they raised, or a moment you shared.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.check.context import Context, Item
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.model import Severity


def suggestion(ctx: Context) -> Item | None:
    """The best thing from the notes to mention to this contact."""
    notes = ctx.notes
    cid = ctx.contact.id
    interview = ctx.interview
    own_moments = {str(i) for i, m in enumerate(interview.moments) if cid in m.with_}
    own_needs = {n.id for n in interview.needs if cid in n.raised_by}
    for kind, refs in (("moment", own_moments), ("need", own_needs)):
        for item in notes.items:
            if item.kind == kind and item.ref in refs:
                return item
    return notes.items[0] if notes.items else None


def check(ctx: Context) -> Iterator[Hit]:
    if not ctx.notes.items or not ctx.body.strip() or ctx.mentions_any():
        return
    item = suggestion(ctx)
    assert item is not None
    yield Hit(values={"example": item.text})


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Een opvolging die na elk gesprek verstuurd had kunnen worden, is een bedankkaartje, geen voortzetting van het gesprek. Wat je noemt uit het gesprek, maakt dat de lezer jou onthoudt.",
          "\"Hartelijk dank voor de prettige kennismaking. Ik heb genoten van ons gesprek en ben enthousiast over de functie.\"",
          "Kom terug op één ding uit het gesprek: het thema, een behoefte die zij noemden, of een moment dat jullie deelden.")


RULE = make_rule(
    "no-specifics", Severity.WARNING, ALL_CHANNELS, __doc__,
    summary_nl="Het bericht noemt niets specifieks uit dit gesprek (thema, behoefte, sterkte, moment of vraag).",
    en={"default": "Nothing here is specific to this conversation; it could follow any interview. Come back "
                   "to something you discussed, e.g. \"{example}\"."},
    nl={"default": "Niets in dit bericht is specifiek voor dit gesprek; het past na elk sollicitatiegesprek. "
                   "Kom terug op iets wat jullie bespraken, bijvoorbeeld \"{example}\"."},
    doc_nl=DOC_NL,
    check=check,
)
