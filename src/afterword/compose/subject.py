"""A subject line that could only belong to this conversation: theme, this person's need, or a shared moment."""

from __future__ import annotations

from afterword.compose.firstperson import clean, shorten, upper_first
from afterword.compose.person import Person

SUBJECT_LIMIT = 60


def email_subject(person: Person, taken: set[str]) -> str:
    """The first candidate (in this person's order of preference) that fits and no one else got yet."""
    for candidate in _candidates(person):
        if candidate and len(candidate) <= SUBJECT_LIMIT and candidate.casefold() not in taken:
            taken.add(candidate.casefold())
            return candidate
    fallback = person.say("email", "subject.fallback")
    if len(fallback) > SUBJECT_LIMIT:
        fallback = person.say("email", "subject.fallback_short")
    return fallback


def _candidates(person: Person) -> list[str]:
    theme = _theme(person)
    need = _need(person)
    moment = _moment(person)
    suffix = person.say("email", "subject.need_suffix").strip()
    themed = theme + (suffix if suffix[:1] in ":;," else " " + suffix) if theme else ""
    if person.contact.met_in_passing:
        order = [moment, theme, need, themed]
    elif person.sel.index == _first_in_room(person):
        order = [theme, need, moment, themed]
    else:
        order = [need, moment, themed, theme]
    return [c for c in order if c]


def _first_in_room(person: Person) -> int:
    for index, contact in enumerate(person.interview.contacts):
        if not contact.met_in_passing and contact.email:
            return index
    return -1


def _theme(person: Person) -> str:
    theme = person.interview.theme
    if not theme or person.foreign(theme):
        return ""
    return upper_first(shorten(theme, SUBJECT_LIMIT, person.lang, level="phrase") or "")


def _need(person: Person) -> str:
    pair = person.sel.primary
    if pair is None or pair.need is None or person.foreign(pair.need.text):
        return ""
    suffix = person.say("email", "subject.need_suffix").strip()
    joined = suffix if suffix[:1] in ":;," else " " + suffix
    text = clean(pair.need.text)
    for limit, tail in ((SUBJECT_LIMIT - len(joined), joined), (SUBJECT_LIMIT, "")):
        short = shorten(text, limit, person.lang, level="clause")
        if short and len(short.split()) >= 3:
            return upper_first(short) + tail
    return ""


def _moment(person: Person) -> str:
    found = person.moment()
    if found is None or found[0] not in ("your", "np"):
        return ""
    return upper_first(shorten(found[1]["m"], SUBJECT_LIMIT, person.lang, level="clause") or "")
