"""A Dutch draft addresses the reader both formally (u, uw) and informally (je, jij, jouw).

`je` in fixed generic expressions ("je weet maar nooit", "zie je") is not counted; any other `je`
is, since a reader takes it as addressed to them.

Why it matters:
Switching between u and je within one message reads as careless, and leaves the reader unsure how
you see them. Pick one register and keep it.

Example:
"Hoe wilt u het succes meten? Ik hoor graag wat jij ervan vindt."

Fix:
Use one form throughout: u/uw for a formal contact, je/jij/jouw for an informal one.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.register import Address
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule, times_en
from afterword.core.model import Formality, Language, Severity


def check(ctx: Context) -> Iterator[Hit]:
    if ctx.text_language is not Language.NL:
        return
    address = Address(ctx.body)
    formal, informal = address.formal, address.informal
    if not formal or not informal:
        return
    wanted_formal = ctx.contact.effective_formality is Formality.FORMAL
    odd = informal if wanted_formal else formal
    keep = "u/uw" if wanted_formal else "je/jij/jouw"
    first = odd[0]
    yield Hit(values={"formal": len(formal), "informal": len(informal), "keep": keep, "written": first.text,
                      "formal_times": times_en(len(formal)), "informal_times": times_en(len(informal)),
                      "name": ctx.contact.name}, start=first.start, end=first.end)


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Wisselen tussen u en je in één bericht komt slordig over en laat de lezer in het ongewisse over hoe je hen ziet. Kies één vorm en houd die vast.",
          "\"Hoe wilt u het succes meten? Ik hoor graag wat jij ervan vindt.\"",
          "Gebruik overal één vorm: u/uw voor een formeel contact, je/jij/jouw voor een informeel.")


RULE = make_rule(
    "formality-mix", Severity.WARNING, ALL_CHANNELS, __doc__,
    summary_nl="Een Nederlands bericht spreekt de lezer zowel met u/uw als met je/jij/jouw aan.",
    en={"default": "The message says u/uw {formal_times} and je/jij/jouw {informal_times}. Pick one: for "
                   "{name}, use {keep} throughout (starting with \"{written}\")."},
    nl={"default": "Het bericht zegt {formal} keer u/uw en {informal} keer je/jij/jouw. Kies één vorm: gebruik "
                   "voor {name} overal {keep} (te beginnen bij \"{written}\")."},
    doc_nl=DOC_NL,
    check=check,
)
