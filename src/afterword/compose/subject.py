"""A subject line that could only belong to this conversation: theme, this person's need, or a shared moment."""

from __future__ import annotations

from collections.abc import Iterator

from afterword.compose.firstperson import clean, shorten, upper_first
from afterword.compose.person import Person
from afterword.compose.render import variant_index

SUBJECT_LIMIT = 60


def email_subject(person: Person, taken: set[str]) -> str:
    """The first candidate (in this person's order of preference) that fits and no one else got yet."""
    for candidate in _candidates(person):
        if candidate and len(candidate) <= SUBJECT_LIMIT and candidate.casefold() not in taken:
            taken.add(candidate.casefold())
            return candidate
    # Better the theme a colleague's subject also carries than a generic line.
    for text, levels in ((person.interview.theme, ("clause", "phrase")),
                         (_foreign_need(person) or _need(person), ("clause",))):
        shared = _fit(person, clean(text), "", levels) if text else ""
        if shared:
            return shared
    fallback = person.say("email", "subject.fallback")
    if len(fallback) > SUBJECT_LIMIT:
        fallback = person.say("email", "subject.fallback_short")
    return fallback


def _candidates(person: Person) -> Iterator[str]:
    theme = _theme(person)
    need = _need(person)
    moment = _moment(person)
    if person.contact.met_in_passing:
        plain = [moment, theme, need]
    elif person.sel.index == _first_in_room(person):
        plain = [theme, need, moment]
    else:
        plain = [need, moment, theme]
    for text in plain:
        if text and text == need:
            yield _fit(person, text, _suffixes(person)[0] if _suffixes(person) else "", ("clause",))
        if text:
            yield _fit(person, text, "")
    # Taken already (several people share a theme or a need): the same topic with a short tail.
    for text in (need, theme):
        if text:
            for suffix in _suffixes(person):
                yield _fit(person, text, suffix)
    # Notes in another language than the reader's: their theme or need, as written, still beats a
    # generic subject (also when a colleague's subject took the plain theme already).
    # A theme may be cut at a preposition; a need only at a clause, or it loses its point.
    for raw, levels in ((person.interview.theme, ("clause", "phrase")), (_foreign_need(person), ("clause",))):
        text = clean(raw) if raw else ""
        if not text or text == theme:
            continue
        yield _fit(person, text, "", levels)
        for suffix in _suffixes(person):
            yield _fit(person, text, suffix, ("clause",))

def _foreign_need(person: Person) -> str:
    pair = person.sel.primary
    if pair is None or pair.need is None or not person.foreign(pair.need.text):
        return ""
    return pair.need.text


def _fit(person: Person, text: str, suffix: str, levels: tuple[str, ...] = ("clause", "phrase")) -> str:
    room = SUBJECT_LIMIT - len(suffix)
    for level in levels:
        short = shorten(text, room, person.lang, level=level, min_words=2)
        if short and len(short.split()) >= 2:
            return upper_first(short) + suffix
    return ""


def _suffixes(person: Person) -> list[str]:
    variants = person.voice.phrases(person.lang, "email").get("subject.need_suffix", [])
    rendered = [" ".join(v.render(person.base).split()) for v in variants]
    joined = [s if s[:1] in ":;," else " " + s for s in rendered if s]
    if not joined:
        return []
    start = variant_index(person.seed, "subject.need_suffix", len(joined), person.sel.index)
    return joined[start:] + joined[:start]


def _first_in_room(person: Person) -> int:
    for index, contact in enumerate(person.interview.contacts):
        if not contact.met_in_passing and contact.email:
            return index
    return -1


def _theme(person: Person) -> str:
    theme = person.interview.theme
    return "" if not theme or person.foreign(theme) else clean(theme)


def _need(person: Person) -> str:
    pair = person.sel.primary
    if pair is None or pair.need is None or person.foreign(pair.need.text):
        return ""
    return clean(pair.need.text)


def _moment(person: Person) -> str:
    found = person.moment()
    if found is None or found[0] not in ("your", "np"):
        return ""
    return found[1]["m"]
