"""A private detail quoted back: sleep, health, pregnancy, family, someone booed or laughed at, a client
complaining, salary, age.

The lists are data per language, shared with the composer, which never quotes such a notes item. Family
words count when they are the reader's own ("your daughter", "je zoon"); the others count wherever they
stand.

Why it matters:
What someone told you in passing was said to you, not written down for a file. Quoting their sleepless
nights, their child or their pay back in a message that may be forwarded makes them wince, and makes you
look like someone who repeats things.

Example:
"Congratulations on becoming a father, I hope you get more than three hours of sleep soon."

Fix:
Say the warm thing without the detail: "I hope the coming weeks are kind to you."
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.lang.private import find_private
from afterword.core.model import Language, Severity

_TOPICS = {
    Language.EN: {"sleep": "their sleep", "health": "their health", "pregnancy": "a pregnancy or a new baby",
                  "family": "their family", "ridicule": "someone being laughed at or booed",
                  "complaint": "a complaining customer", "pay": "pay", "age": "age", "loss": "a loss"},
    Language.NL: {"sleep": "hun slaap", "health": "hun gezondheid", "pregnancy": "een zwangerschap of een baby",
                  "family": "hun gezin", "ridicule": "iemand die werd uitgelachen of uitgejouwd",
                  "complaint": "een klagende klant", "pay": "salaris", "age": "leeftijd", "loss": "een verlies"},
}


def check(ctx: Context) -> Iterator[Hit]:
    lang = ctx.text_language
    body = ctx.body[:ctx.signature_start]
    for spot in find_private(body, lang):
        yield Hit(values={"text": spot.text, "topic_en": _TOPICS[Language.EN][spot.topic],
                          "topic_nl": _TOPICS[Language.NL][spot.topic]},
                  start=spot.start, end=spot.end)


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Wat iemand je terloops vertelde, was voor jou bedoeld, niet voor een dossier. Hun slapeloze nachten, "
          "hun kind of hun salaris terugciteren in een bericht dat kan worden doorgestuurd, maakt dat ze ineenkrimpen.",
          "\"Gefeliciteerd met je vaderschap, hopelijk slaap je snel weer meer dan drie uur.\"",
          "Zeg het warme zonder het detail: \"Ik hoop dat de komende weken je goed gezind zijn.\"")


RULE = make_rule(
    "private-remark", Severity.WARNING, ALL_CHANNELS, __doc__,
    summary_nl="Een privédetail teruggeciteerd: slaap, gezondheid, zwangerschap, gezin, iemand uitgelachen, "
               "een klagende klant, salaris, leeftijd.",
    en={"default": "\"{text}\" brings up {topic_en}: fine to hear, not to quote back. Say the warm thing "
                   "without the detail."},
    nl={"default": "\"{text}\" gaat over {topic_nl}: prima om te horen, niet om terug te citeren. Zeg het "
                   "warme zonder het detail."},
    doc_nl=DOC_NL,
    check=check,
)
