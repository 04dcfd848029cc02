"""The email never connects a need of the organisation with the candidate's matching strength.

Asked of hiring managers, recruiters and the people who raised a need; a peer's or team member's email
may speak to their own work, moment or question instead. The strength must be named in words of its
own, not only through words it shares with the need. A draft written in another language than the
notes is not judged (the words cannot be compared).

Why it matters:
The strongest follow-up names the intersection: what they need, and the experience you bring that
answers it. That is the reason to hire you, stated once more while they decide.

Example:
An email that thanks Maria and recalls her outage story, but never links the six-hour data lag she
described to the streaming pipeline you built.

Fix:
Add one sentence that pairs a need from the notes with the strength that answers it.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.check.context import Context, Item, NotesProfile
from afterword.check.rule import EMAIL_ONLY, Hit, make_rule
from afterword.core.model import ContactRole, Need, Severity, Strength


def check(ctx: Context) -> Iterator[Hit]:
    interview = ctx.interview
    raised = any(ctx.contact.id in need.raised_by for need in interview.needs)
    if not raised and ctx.contact.effective_role not in (ContactRole.HIRING_MANAGER, ContactRole.RECRUITER):
        return  # a peer's email may speak to their own work, moment or question instead
    pairs, needs, strengths = _pairs(ctx.notes)
    if not pairs or not ctx.body.strip() or ctx.text_language is not ctx.notes.language:
        return  # a draft in another language than the notes cannot be matched word for word
    for index, strength in enumerate(interview.strengths):
        for need_id in strength.answers:
            need_item = needs.get(need_id)
            # The strength must be named in words of its own, not only through words it shares with the need.
            # A suggestion is not worth loading the lemma data for: words, compounds and cognates decide.
            if need_item is not None and ctx.mentions(need_item, lemmas=False) and ctx.mentions(
                ctx.notes.without(strengths[str(index)], need_item), lemmas=False
            ):
                return
    mine = [p for p in pairs if ctx.contact.id in p[0].raised_by] or pairs
    need, strength = mine[0]
    yield Hit(values={"need": need.text, "strength": strength.text})


def _pairs(notes: NotesProfile) -> tuple[list[tuple[Need, Strength]], dict[str, Item], dict[str, Item]]:
    """Each need with a strength that answers it (strengths in order, then needs in order), and the needs'
    and strengths' items by ref: once per interview, not per draft (a big panel has many of each)."""
    cached = notes.__dict__.get("_no_fit")
    if cached is None:
        interview = notes.interview
        where: dict[str, list[int]] = {}
        for index, need in enumerate(interview.needs):
            where.setdefault(need.id, []).append(index)
        pairs = [(interview.needs[index], strength) for strength in interview.strengths
                 for index in sorted({i for answer in set(strength.answers) for i in where.get(answer, ())})]
        cached = notes.__dict__["_no_fit"] = (
            pairs, {item.ref: item for item in notes.items if item.kind == "need"},
            {item.ref: item for item in notes.items if item.kind == "strength"})
    return cached  # type: ignore[no-any-return]


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("De sterkste opvolging noemt het snijvlak: wat zij nodig hebben, en de ervaring die jij daarvoor meebrengt. Dat is de reden om jou aan te nemen.",
          "Een e-mail die Henk bedankt en zijn fietsroute noemt, maar het draagvlak bij bewoners nergens koppelt aan de bewonersavonden die je leidde.",
          "Voeg één zin toe die een behoefte uit de notities verbindt met de sterkte die erop antwoordt.")


RULE = make_rule(
    "no-fit", Severity.SUGGESTION, EMAIL_ONLY, __doc__,
    summary_nl="De e-mail verbindt nergens een behoefte van de organisatie met een passende sterkte van de kandidaat.",
    en={"default": "Connect what they need with what you bring, in one sentence: \"{need}\" — \"{strength}\"."},
    nl={"default": "Verbind wat zij nodig hebben met wat jij meebrengt, in één zin: \"{need}\" — \"{strength}\"."},
    doc_nl=DOC_NL,
    check=check,
)
