"""In an email of 40 words or more, first-person words outnumber reader-directed ones more than 3 to 1.

Counted: I, me, my, mine, myself / ik, mij, me, mijn against you, your, yours / u, uw, je, jij, jou,
jouw, jullie; at least four first-person words are needed before a ratio means anything.

Why it matters:
A follow-up is about the reader's problem and how you can help with it. A message that keeps
saying I, me, my reads as a second sales pitch instead of a continuation of the conversation.

Example:
"I really enjoyed it. I think my experience fits. I have led teams and I built pipelines, and I am
sure my skills …"

Fix:
Turn some sentences towards the reader: their need, their question, what you could do for them.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.rule import EMAIL_ONLY, Hit, make_rule, times_en
from afterword.core.model import Severity

FIRST = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll", "ik", "mij", "mijn",
                   "mijzelf", "mezelf"})
READER = frozenset({"you", "your", "yours", "yourself", "you're", "you've", "you'd", "you'll", "u", "uw",
                    "je", "jij", "jou", "jouw", "jullie", "uzelf", "jezelf"})
MIN_WORDS = 40
RATIO = 3


def check(ctx: Context) -> Iterator[Hit]:
    if ctx.word_count < MIN_WORDS:
        return
    first = reader = 0
    for token in ctx.tokens:
        lowered = token.lower.replace("’", "'")
        if lowered in FIRST:
            first += 1
        elif lowered in READER:
            reader += 1
    if first > RATIO * reader and first >= 4:
        yield Hit(values={"first": first, "reader": reader, "first_times": times_en(first), "reader_times": times_en(reader)})


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Een opvolging gaat over het probleem van de lezer en hoe jij kunt helpen. Een bericht vol ik, mij, mijn leest als een tweede sollicitatiebrief.",
          "\"Ik heb veel geleerd. Ik denk dat mijn ervaring past. Ik heb teams geleid en ik heb …\"",
          "Richt een paar zinnen op de lezer: hun behoefte, hun vraag, wat jij voor hen kunt doen.")


RULE = make_rule(
    "self-focus", Severity.SUGGESTION, EMAIL_ONLY, __doc__,
    summary_nl="In een e-mail van 40 woorden of meer staan meer dan 3 keer zo veel ik-woorden als woorden "
               "gericht aan de lezer.",
    en={"default": "The email says I/me/my {first_times} and you/your {reader_times}. Turn a sentence or two "
                   "towards the reader: their need, their question, what you could do for them."},
    nl={"default": "De e-mail zegt {first} keer ik/mij/mijn en {reader} keer u/je/jullie. Richt een of twee "
                   "zinnen op de lezer: hun behoefte, hun vraag, wat jij voor hen kunt doen."},
    doc_nl=DOC_NL,
    check=check,
)
