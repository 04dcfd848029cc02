"""Whether a contact in new notes is someone already known: one person across interviews, matched by email
or profile (LinkedIn URL, X handle), never merged when the names disagree or two known people match."""

from __future__ import annotations

import re
from dataclasses import dataclass

from afterword.core.lang.names import fold, strip_titles
from afterword.core.model import Contact
from afterword.core.text import Text


@dataclass(frozen=True)
class Known:
    """A person already on record: their id, name and normalised addresses."""

    id: int
    name: str
    email: str | None = None
    linkedin: str | None = None
    x: str | None = None


@dataclass(frozen=True)
class Keys:
    """A contact's addresses as compared: email lower-case, LinkedIn without scheme, `www.` or trailing
    slash, X handle lower-case without `@`."""

    email: str | None
    linkedin: str | None
    x: str | None


def keys_of(contact: Contact) -> Keys:
    email = contact.email.strip().lower() if contact.email else None
    linkedin = None
    if contact.linkedin:
        linkedin = re.sub(r"^(https?://)?(www\.|[a-z]{2}\.)?", "", contact.linkedin.strip().lower())
        linkedin = linkedin.split("?")[0].split("#")[0].rstrip("/")
    x = contact.x.strip().lstrip("@").lower() if contact.x else None
    return Keys(email, linkedin, x)


def same_name(a: str, b: str) -> bool:
    """The same name as people write it: accents, case, titles and spacing aside."""
    return " ".join(fold(strip_titles(a)).split()) == " ".join(fold(strip_titles(b)).split())


_EMAIL = Text("email address", "e-mailadres")
_LINKEDIN = Text("LinkedIn profile", "LinkedIn-profiel")
_X = Text("X handle", "X-naam")


@dataclass(frozen=True)
class Match:
    """The known person a contact is (`person` None: someone new), and why it was unsure, if it was."""

    person: int | None
    unsure: Text | None = None


def match(contact: Contact, known: list[Known]) -> Match:
    """Which known person this contact is. Only a person matched by address whose name agrees is the same
    record; a look-alike (same address, another name) or an address shared by two known people is kept
    apart, and the reason says so."""
    keys = keys_of(contact)
    hits: list[tuple[Known, Text]] = []
    for person in known:
        same = [label for label, mine, theirs in ((_EMAIL, keys.email, person.email),
                                                    (_LINKEDIN, keys.linkedin, person.linkedin),
                                                    (_X, keys.x, person.x)) if mine and mine == theirs]
        if same:
            hits.append((person, Text(" and ".join(t.en for t in same), " en ".join(t.nl for t in same))))
    if not hits:
        return Match(None)
    if len(hits) > 1:
        names_en = ", ".join(f"{p.name} ({how.en})" for p, how in hits)
        names_nl = ", ".join(f"{p.name} ({how.nl})" for p, how in hits)
        return Match(None, Text(f"{contact.name} matches more than one known person: {names_en}; kept apart",
                                f"{contact.name} lijkt op meer dan één bekende persoon: {names_nl}; apart gehouden"))
    person, how = hits[0]
    if not same_name(person.name, contact.name):
        return Match(None, Text(f"{contact.name} has the same {how.en} as {person.name}, but another name; kept apart",
                                f"{contact.name} deelt {how.nl} met {person.name}, maar heeft een andere naam; "
                                "apart gehouden"))
    return Match(person.id)
