"""Most sentences are stock phrases that could be sent to anyone.

A sentence counts as stock when it closely matches a phrase in the stock list of either language,
or when, apart from generic follow-up words, function words and names, it says nothing. The
greeting, the closing and the signature are not counted.

Why it matters:
Stock phrases are invisible: the reader has seen them in every other follow-up. A message made of
them shows no trace of the conversation you had.

Example:
"Thank you for your time and consideration. I enjoyed our conversation. I look forward to hearing
from you."

Fix:
Keep at most one stock sentence and replace the rest with something only you could write to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from afterword.check.context import Context, is_content
from afterword.check.kinds import raw_lines
from afterword.check.rule import EMAIL_ONLY, Hit, make_rule
from afterword.core.lang.names import SURNAME_PARTICLE_WORDS
from afterword.core.lang.tokens import Sentence
from afterword.core.model import Language, Severity

_PUNCT = re.compile(r"[^\w\s]")
#: Lower-case surname particles a signature name may carry ("Daan de Graaf", "Noor el Amrani").
_PARTICLES = SURNAME_PARTICLE_WORDS


def normalise(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


@cache
def stock(language: Language) -> tuple[str, ...]:
    return tuple(normalise(line) for line in raw_lines(language, "boilerplate"))


def is_stock(ctx: Context, sentence: Sentence) -> bool:
    tokens = ctx.tokens_in(sentence.start, sentence.end)
    if not any(is_content(t.text, ctx.notes.ignored) for t in tokens):
        return True
    return _like_stock(normalise(sentence.text))


@lru_cache(maxsize=16384)
def _like_stock(text: str) -> bool:
    """Whether the normalised sentence is 85 % like a stock phrase of either language (the drafts of a batch share
    many sentences; each is compared with the lists once)."""
    from rapidfuzz import fuzz, process

    return any(process.extractOne(text, stock(lang), scorer=fuzz.ratio, score_cutoff=85) is not None
               for lang in Language)


def counted(ctx: Context) -> list[Sentence]:
    """Sentences of the message proper: no greeting, closing or signature lines."""
    greeting = ctx.greeting
    out = []
    for sentence in ctx.sentences:
        if greeting is not None and sentence.start < greeting.end and sentence.end <= greeting.end:
            continue
        if ctx.phrases("signoffs").search(sentence.text) is not None:
            continue
        tokens = ctx.tokens_in(sentence.start, sentence.end)
        if not tokens or (all(t.text[:1].isupper() or any(c.isdigit() for c in t.text) or t.lower in _PARTICLES
                              for t in tokens) and len(tokens) <= 5 and "\n" not in sentence.text.strip()
                          and not sentence.text.rstrip().endswith((".", "?", "!"))):
            continue  # a signature line: a name ("Daan de Graaf"), a phone number
        if "@" in sentence.text or "://" in sentence.text:
            continue
        out.append(sentence)
    return out


def check(ctx: Context) -> Iterator[Hit]:
    sentences = counted(ctx)[:200]
    if len(sentences) < 2:
        return
    flat: list[Sentence] = []
    for looked, sentence in enumerate(sentences):
        if 2 * (len(flat) + len(sentences) - looked) <= len(sentences):
            return  # too few left to make most of them stock
        if is_stock(ctx, sentence):
            flat.append(sentence)
    if len(flat) >= 2 and 2 * len(flat) > len(sentences):
        yield Hit(values={"stock": len(flat), "total": len(sentences)}, start=flat[0].start, end=flat[0].end)


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Standaardzinnen zijn onzichtbaar: de lezer kent ze uit elke andere opvolging. Een bericht dat eruit bestaat, laat niets van jullie gesprek zien.",
          "\"Hartelijk dank voor de prettige kennismaking. Ik heb genoten van ons gesprek. Ik kijk uit naar uw reactie.\"",
          "Houd hoogstens één standaardzin en vervang de rest door iets wat alleen jij aan hen kunt schrijven.")


RULE = make_rule(
    "boilerplate", Severity.SUGGESTION, EMAIL_ONLY, __doc__,
    summary_nl="De meeste zinnen zijn standaardzinnen die naar iedereen kunnen (\"Hartelijk dank voor de "
               "prettige kennismaking.\").",
    en={"default": "{stock} of {total} sentences are stock phrases that could go to anyone. Keep one at most "
                   "and replace the rest with something from this conversation."},
    nl={"default": "{stock} van de {total} zinnen zijn standaardzinnen die naar iedereen kunnen. Houd er "
                   "hoogstens één en vervang de rest door iets uit dit gesprek."},
    doc_nl=DOC_NL,
    check=check,
)
