"""Every question asked only chases status or is generic ("When can I expect to hear back?").

A question that comes back to something from the notes is never counted as weak.

Why it matters:
A status question puts the reader to work without giving anything back, and it could be sent by any
candidate. A question grounded in the conversation shows you kept thinking about their problem.

Example:
"When can I expect to hear back about the next steps?" / "Wanneer hoor ik meer?"

Fix:
Replace it with one question that grew out of the conversation, e.g. one from the notes.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.check.context import Context, is_content, key
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.lang.tokens import Sentence
from afterword.core.model import Severity


def questions(ctx: Context) -> list[Sentence]:
    """Sentences that ask something: ending in a question mark, or "I wonder …" / "Ik ben benieuwd …"."""
    return [s for s in ctx.sentences if s.text.rstrip("\"'”’)").endswith("?")
            or ctx.phrases("indirect_questions").search(s.text) is not None]


def is_weak(ctx: Context, sentence: Sentence) -> bool:
    if not ctx.phrases("weak_questions").search(sentence.text) is not None:
        return False
    lang = ctx.text_language
    keys = {key(t.text, lang) for t in ctx.tokens_in(sentence.start, sentence.end)
            if is_content(t.text, ctx.notes.ignored)}
    return not any(keys & item.keys for item in ctx.notes.items)


def check(ctx: Context) -> Iterator[Hit]:
    asked = questions(ctx)
    if not asked or not all(is_weak(ctx, q) for q in asked):
        return
    own = ctx.interview.questions_for(ctx.contact.id) or ctx.interview.questions
    first = asked[0]
    if own:
        yield Hit("from_notes", {"question": own[0].text}, start=first.start, end=first.end)
    else:
        yield Hit(start=first.start, end=first.end)


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Een vraag naar de stand van zaken laat de lezer werken zonder iets terug te geven, en elke kandidaat kan hem stellen.",
          "\"Wanneer hoor ik meer over de volgende stap?\"",
          "Vervang hem door een vraag die uit het gesprek voortkwam, bijvoorbeeld een uit de notities.")


RULE = make_rule(
    "weak-question", Severity.WARNING, ALL_CHANNELS, __doc__,
    summary_nl="Elke gestelde vraag vraagt alleen naar de stand van zaken of is algemeen (\"Wanneer hoor ik meer?\").",
    en={"default": "Every question here only chases status; any candidate could ask it. Ask something that grew out "
                   "of the conversation instead.",
        "from_notes": "Every question here only chases status; any candidate could ask it. Ask something that grew out "
                      "of the conversation instead, e.g. \"{question}\""},
    nl={"default": "Je vragen gaan alleen over de stand van zaken; elke kandidaat kan die stellen. Stel liever "
                   "een vraag die uit het gesprek voortkomt.",
        "from_notes": "Je vragen gaan alleen over de stand van zaken; elke kandidaat kan die stellen. Stel liever "
                      "een vraag die uit het gesprek voortkomt, bijvoorbeeld \"{question}\""},
    doc_nl=DOC_NL,
    check=check,
)
