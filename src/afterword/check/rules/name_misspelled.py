"""The recipient's first or last name appears misspelled ("Marie" for "Maria", "de Vris" for "de Vries").

Names are compared without accents, so "Zoe" for "Zoë" and "Lukasz" for "Łukasz" are accepted
(many keyboards cannot type them); particles may be capitalised when the surname stands alone
("Van der Meer"). Other people's names, words from the notes and ordinary dictionary words are
never taken for a misspelling.

Why it matters:
Getting someone's name wrong right after meeting them signals carelessness, and it is the one
word in the message the reader is certain to notice.

Example:
"Dear Marie, thank you for …" in a draft for Maria de Vries.

Fix:
Copy the name exactly as the person gave it: "Maria", "De Vries".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.lang.lemmas import is_known_word, stopwords
from afterword.core.lang.names import allowed_name_edits, fold, greeting_name_edits, name_distance, split_name
from afterword.core.model import Language, Severity


def _goes_by(short: str, given: str) -> bool:
    """A nickname from the lists (Dave, Kees) or a clear short form (Tom for Thomas), not a near miss (Hanna)."""
    from afterword.check.rules.wrong_name import _nicknames

    pairs = _nicknames()
    return (short, given) in pairs or (given, short) in pairs or (
        3 <= len(short) <= len(given) - 2 and given.startswith(short))


#: Dutch titles and greetings after which a surname stands alone ("mevrouw Van der Meer", "Beste Van der Meer").
#: English writes "Ms. de Vries" (notes-format.md), so English titles are not among them.
_DUTCH_TITLES = frozenset({"mevrouw", "mevr", "mw", "meneer", "heer", "dhr", "beste", "geachte", "hoi", "dag", "dr",
                           "drs", "ir", "ing", "prof", "mr"})
_ENGLISH_TITLES = frozenset({"ms", "mr", "mrs", "mx", "dr", "prof", "dear", "hi", "hello", "afternoon", "morning"})


def _stands_alone(body: str, start: int, lang: Language) -> bool:
    """After a Dutch title or greeting, or at the start of a sentence."""
    before = body[max(0, start - 20):start]
    stripped = before.rstrip()
    if not stripped or stripped.endswith(("\n",)) or before.endswith("\n"):
        return True
    last = stripped.split()[-1]
    word = last.lower().rstrip(".,")
    if word in _DUTCH_TITLES and (lang is Language.NL or word not in _ENGLISH_TITLES):
        return True
    return last[-1:] in ".!?" and word not in _ENGLISH_TITLES and word not in _DUTCH_TITLES


def _particles(ctx: Context) -> Iterator[Hit]:
    """"mevrouw van der Meer", "Beste van der Meer": a surname standing alone starts with a capital."""
    parts = split_name(ctx.contact.name)
    if not parts.particles or not parts.core:
        return
    written = parts.surname  # "van der Meer"
    right = parts.surname_alone  # "Van der Meer"
    if written == right:
        return  # "'t Hart" is written the same alone
    for m in re.finditer(rf"(?<![\w]){re.escape(written)}(?![\w])", ctx.body):
        if m.group()[:1].isupper():
            continue
        if _stands_alone(ctx.body, m.start(), ctx.text_language):
            yield Hit("particle", {"written": m.group(), "name": right}, start=m.start(), end=m.end())
            return


def check(ctx: Context) -> Iterator[Hit]:
    yield from _particles(ctx)
    parts = split_name(ctx.contact.name)
    # Given name first, then the surname: a word as close to both is reported against the given name, the same in
    # every process (a set here made the message depend on PYTHONHASHSEED).
    targets = [t for t in dict.fromkeys((parts.given, parts.core)) if t and " " not in t]
    if not targets:
        return
    folded_targets = {fold(t) for t in targets}
    greeting = ctx.greeting
    # The greeting itself ("Geachte mevrouw Van den Berg,"), not the rest of a one-line note.
    greeting_span = (greeting.start, greeting.phrase_stop) \
        if greeting else (-1, -1)
    ignore = ctx.notes.known_words
    reported: set[str] = set()
    for token in ctx.tokens:
        text = token.text
        if not text[:1].isupper() or len(text) < 3 or "-" in text:
            continue
        folded = fold(text)
        in_greeting = greeting_span[0] <= token.start < greeting_span[1]
        if in_greeting and greeting is not None and all(n.start != token.start for n in greeting.names):
            continue  # "Dear", "Geachte", a title: in the greeting only the name words can be misspelled
        possessive = not in_greeting and folded.rstrip("s") in folded_targets  # "Maria's", "Henks" in the body
        if folded in folded_targets or possessive or folded in ignore:
            continue
        if parts.given and len(folded) >= 2 and _goes_by(folded, fold(parts.given)):
            continue  # Dave for David, Tommy for Thomas: the name they go by, not a slip
        near = []
        for order, target in enumerate(targets):
            limit = allowed_name_edits(target)
            if in_greeting:
                limit = max(limit, greeting_name_edits(target))
            if limit == 0 or abs(len(folded) - len(fold(target))) > limit:
                continue
            distance = name_distance(text, target)
            if distance <= limit:
                near.append((distance, order, target))
        for _distance, _order, target in sorted(near)[:1]:  # the closest name; on a tie, the given name
            if not in_greeting and any(is_known_word(text, lang) or text.lower() in stopwords(lang)
                                       for lang in Language):
                continue  # an ordinary word one letter from a short name ("Elk" near "Els") is not a name
            if folded in reported:
                break
            reported.add(folded)
            yield Hit(values={"written": text, "name": target}, start=token.start, end=token.end)
            break


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Iemands naam verkeerd schrijven vlak na de kennismaking komt slordig over, en het is het ene woord dat de lezer zeker ziet.",
          "\"Geachte heer Bosma,\" in een bericht aan Henk Bosman.",
          "Schrijf de naam precies zoals die persoon hem gaf: \"Bosman\", \"Van der Meer\".")


RULE = make_rule(
    "name-misspelled", Severity.ERROR, ALL_CHANNELS, __doc__,
    summary_nl="De voor- of achternaam van de ontvanger lijkt verkeerd gespeld (\"Marie\" voor \"Maria\").",
    en={"default": "\"{written}\" looks like a misspelling of \"{name}\". Write the name exactly as they gave it: "
                   "\"{name}\".",
        "particle": "\"{written}\": a surname standing alone starts with a capital. Write \"{name}\"."},
    nl={"default": "\"{written}\" lijkt een verschrijving van \"{name}\". Schrijf de naam precies zoals die "
                   "persoon hem gaf: \"{name}\".",
        "particle": "\"{written}\": een achternaam zonder voornaam begint met een hoofdletter. Schrijf \"{name}\"."},
    doc_nl=DOC_NL,
    check=check,
)
