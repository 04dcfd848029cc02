"""The greeting addresses someone other than the recipient ("Dear Pieter," in a draft for Maria).

Short forms of the given name are the recipient too: "Tom" for Thomas, "Bob" for Robert, "Hans" for
Johannes (nickname lists per language, and a form whose letters appear in order in the given name).

Why it matters:
Addressing the reader by someone else's name is the classic copy-paste slip. It tells the reader the
message was written for someone else, and that is hard to recover from.

Example:
A draft for Maria de Vries that opens with "Hi Tom," (copied from the draft for Tom Okafor).

Fix:
Open with the recipient's own name: "Hi Maria," or, formally, "Dear Ms. de Vries,".
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from afterword.check.context import Context
from afterword.check.kinds import raw_lines
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.lang.names import fold, greeting_name_edits, name_distance, name_forms, split_name
from afterword.core.lang.tokens import Token
from afterword.core.model import Language, Severity


def addressed_people(tokens: tuple[Token, ...]) -> list[list[Token]]:
    """Greeting name words grouped per person: "Maria and Tom" → [[Maria], [Tom]]."""
    people: list[list[Token]] = [[]]
    for token in tokens:
        if token.lower in ("and", "en", "&"):
            people.append([])
        else:
            people[-1].append(token)
    return [p for p in people if p]


def is_recipient(person: list[Token], full_name: str) -> bool:
    text = fold(" ".join(t.text for t in person))
    forms = name_forms(full_name)
    if text in forms:
        return True
    words = {fold(w) for w in full_name.split()}
    if all(fold(t.text) in words for t in person):
        return True
    given = fold(split_name(full_name).given)
    return len(person) == 1 and is_short_form(text, given)


def is_short_form(short: str, given: str) -> bool:
    """A nickname or short form of the given name: "Els" for "Elsbeth", "Tom" for "Thomas", "Bob" for
    "Robert" (from the nickname lists), "Hans" for "Johannes" (its letters in order, same ending)."""
    if len(short) < 2 or not given:
        return False
    if given.startswith(short) or short.startswith(given):
        return len(short) >= 3 or short == given
    if (short, given) in _nicknames() or (given, short) in _nicknames():
        return True
    letters = iter(given)
    return len(short) >= 3 and all(ch in letters for ch in short) and short[-1] == given[-1]


@cache
def _nicknames() -> frozenset[tuple[str, str]]:
    pairs = set()
    for lang in Language:
        for line in raw_lines(lang, "nicknames"):
            parts = line.lower().split()
            if len(parts) == 2:
                pairs.add((parts[0], parts[1]))
    return frozenset(pairs)


def near_recipient(person: list[Token], full_name: str) -> bool:
    """A misspelling of the recipient's name (reported by name-misspelled instead)."""
    parts = split_name(full_name)
    targets = [t for t in (parts.given, parts.core) if t]
    for token in person:
        for target in targets:
            limit = greeting_name_edits(target)
            if name_distance(token.text, target) <= limit:
                return True
    return False


def check(ctx: Context) -> Iterator[Hit]:
    greeting = ctx.greeting
    if greeting is None or not greeting.names:
        return
    people = addressed_people(greeting.names)
    name = ctx.contact.name
    if any(is_recipient(p, name) for p in people):
        return
    person = people[0]
    others = [c for c in ctx.interview.contacts if c.id != ctx.contact.id and is_recipient(person, c.name)]
    if not others and any(near_recipient(p, name) for p in people):
        return  # a misspelling of the recipient's own name: name-misspelled reports it
    written = " ".join(t.text for t in person)
    values = {"written": written, "name": split_name(name).given or name}
    key = "other_contact" if others else "default"
    if others:
        values["other"] = others[0].name
    yield Hit(key, values, start=person[0].start, end=person[-1].end)


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("De lezer aanspreken met andermans naam is de klassieke kopieerfout: het bericht was kennelijk voor iemand anders bedoeld.",
          "Een bericht voor Anneke van der Meer dat begint met \"Beste Joost,\" (gekopieerd uit het bericht aan Joost).",
          "Begin met de naam van de ontvanger: \"Beste Anneke,\" of formeel \"Geachte mevrouw Van der Meer,\".")


RULE = make_rule(
    "wrong-name", Severity.ERROR, ALL_CHANNELS, __doc__,
    summary_nl="De aanhef spreekt iemand anders aan dan de ontvanger (\"Beste Pieter,\" in een bericht aan Maria).",
    en={"default": "The greeting addresses \"{written}\", but this message is for {name}. Open with {name}'s "
                   "name instead.",
        "other_contact": "The greeting addresses \"{written}\" ({other}), but this message is for {name}: a "
                         "copy-paste slip. Open with {name}'s name instead."},
    nl={"default": "De aanhef spreekt \"{written}\" aan, maar dit bericht is voor {name}. Begin met de naam "
                   "van {name}.",
        "other_contact": "De aanhef spreekt \"{written}\" ({other}) aan, maar dit bericht is voor {name}: een "
                         "kopieerfout. Begin met de naam van {name}."},
    doc_nl=DOC_NL,
    check=check,
)
