"""The subject says nothing that belongs to this conversation ("Thank you", "Follow-up interview").

After removing generic words (thanks, follow-up, interview, conversation, today, bedankt, gesprek,
opvolging, …), the company name, the role title, people's names, dates and punctuation, no content
word is left.

Why it matters:
The subject line is the headline. A bare "Thanks" wastes it: it could belong to any candidate,
while a subject that names the theme reminds the reader of you before the email is opened.

Example:
"Thank you for today's interview – Acme Logistics"

Fix:
Name the thread of the conversation, e.g. "Real-time shipment visibility: a follow-up".
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from afterword.check.context import Context, is_content, notes_profile
from afterword.check.kinds import word_set
from afterword.check.rule import EMAIL_ONLY, Hit, make_rule
from afterword.core.lang.names import fold_cached as fold
from afterword.core.lang.tokens import tokenise
from afterword.core.model import Interview, Language, Severity


@cache
def _generic_words() -> frozenset[str]:
    return frozenset().union(*(word_set(lang, "subject_generic") | word_set(lang, "date_words") for lang in Language))


def is_specific(subject: str, ignored: frozenset[str]) -> bool:
    """True when a content word is left after removing generic words, names, company, role and dates."""
    generic = _generic_words()
    for token in tokenise(subject[:1000]):
        word = token.lower
        if any(ch.isdigit() for ch in word) or word in generic or fold(word) in generic:
            continue
        if is_content(token.text, ignored):
            return True
    return False


def subject_is_specific(interview: Interview, subject: str) -> bool:
    """The rule's test for a subject line of `interview` (the composer asks it before choosing one)."""
    return is_specific(subject, notes_profile(interview).ignored)


def check(ctx: Context) -> Iterator[Hit]:
    subject = ctx.subject or ""
    if not subject.strip():
        return  # subject-missing says it
    if is_specific(subject, ctx.notes.ignored):
        return
    topic = ctx.interview.theme or (ctx.interview.needs[0].text if ctx.interview.needs else ctx.interview.role)
    stripped = subject.strip()
    start = subject.find(stripped)
    yield Hit(values={"subject": stripped, "topic": topic}, start=start, end=start + len(stripped), in_subject=True)


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Een kaal \"Bedankt\" verspilt de kop: het past bij elke kandidaat. Een onderwerp met het thema herinnert de lezer aan jou nog voor hij de mail opent.",
          "\"Bedankt voor het gesprek van vandaag – Gemeente Utrecht\"",
          "Noem de rode draad van het gesprek, bijvoorbeeld \"Deelmobiliteit in Merwede: een vervolg\".")


RULE = make_rule(
    "subject-generic", Severity.WARNING, EMAIL_ONLY, __doc__,
    summary_nl="Het onderwerp zegt niets wat bij dit gesprek hoort (\"Bedankt\", \"Opvolging gesprek\").",
    en={"default": "The subject says only \"{subject}\", which could come from any candidate. Name what you "
                   "talked about, e.g. the theme: \"{topic}\"."},
    nl={"default": "Het onderwerp zegt alleen \"{subject}\"; dat kan van elke kandidaat komen. Noem waar het "
                   "gesprek over ging, bijvoorbeeld het thema: \"{topic}\"."},
    doc_nl=DOC_NL,
    check=check,
)
