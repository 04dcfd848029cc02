"""vCard files (2.1, 3.0, 4.0; one or many cards) → contacts for an interview."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from afterword.core.errors import InputError
from afterword.core.lang.names import fold
from afterword.core.model import Contact
from afterword.interop.contentlines import Component, ContentLine, read_components, text_value
from afterword.interop.people import (
    classify_profile,
    clean_email,
    clean_text,
    email_key,
    make_id,
    name_from_email,
    strip_honorifics,
    x_handle,
)


@dataclass(frozen=True)
class Card:
    """What one vCard says about a person; `line` is where its BEGIN:VCARD stands."""

    name: str
    line: int
    email: str | None = None
    title: str | None = None
    organisation: str | None = None
    linkedin: str | None = None
    x: str | None = None

    def to_contact(self, contact_id: str) -> Contact:
        return Contact(id=contact_id, name=self.name, title=self.title, email=self.email, linkedin=self.linkedin,
                       x=self.x)


@dataclass(frozen=True)
class CardFile:
    """The readable cards of one file, and what was left out and why (one line each)."""

    cards: tuple[Card, ...]
    skipped: tuple[str, ...] = ()


def read_vcards(data: bytes | str, filename: str) -> CardFile:
    """Read every VCARD in a file. A broken file raises InputError naming the line; a card
    without any name or address is skipped and reported."""
    roots = read_components(data, filename)
    cards_found = [c for c in roots if c.name == "VCARD"]
    if not cards_found:
        if roots:
            raise InputError(f"found BEGIN:{roots[0].name}, not a vCard (expected BEGIN:VCARD)", file=filename,
                             line=roots[0].line)
        raise InputError("no vCard found (expected BEGIN:VCARD)", file=filename, line=1)
    cards: list[Card] = []
    skipped: list[str] = []
    for comp in cards_found:
        card = _card(comp, filename)
        if card is None:
            skipped.append(f"{filename}:{comp.line}: card has no name and no e-mail address; skipped")
        else:
            cards.append(card)
    return CardFile(tuple(cards), tuple(skipped))


def _card(comp: Component, filename: str) -> Card | None:
    version = comp.first("VERSION")
    if version is not None and version.value.strip() not in {"2.1", "3.0", "4.0"}:
        raise InputError(f"unsupported vCard version `{version.value.strip()}`; expected 2.1, 3.0 or 4.0",
                         file=filename, line=version.line)
    email = _best_email(comp.all("EMAIL"))
    name = _name(comp) or (name_from_email(email) if email else None)
    if not name:
        return None
    linkedin: str | None = None
    handle: str | None = None
    for cl in comp.all("URL") + comp.all("X-SOCIALPROFILE") + comp.all("X-LINKEDIN") + comp.all("X-TWITTER"):
        value = "".join(text_value(cl)).strip()
        kind = {t.lower() for t in cl.types()}
        found = classify_profile(value)
        if (found is None and cl.name == "X-TWITTER") or (found is None and kind & {"twitter", "x"}):
            candidate = x_handle(value)
            found = ("x", candidate) if candidate else None
        if found is None and (cl.name == "X-LINKEDIN" or "linkedin" in kind) and "linkedin.com" in value.lower():
            found = ("linkedin", value if "://" in value else "https://" + value)
        if found is None:
            continue
        if found[0] == "linkedin" and linkedin is None:
            linkedin = found[1]
        elif found[0] == "x" and handle is None:
            handle = found[1]
    title_line = comp.first("TITLE")
    org_line = comp.first("ORG")
    title = clean_text(" ".join(text_value(title_line))) if title_line else None
    org = clean_text(text_value(org_line, structured=True)[0]) if org_line else None
    return Card(name=name, line=comp.line, email=email, title=title or None, organisation=org or None,
                linkedin=linkedin, x=handle)


def _name(comp: Component) -> str | None:
    n_line = comp.first("N")
    prefix: list[str] = []
    given = family = additional = ""
    if n_line is not None:
        parts = [clean_text(p) for p in text_value(n_line, structured=True)] + [""] * 5
        family, given, additional = parts[0], parts[1], parts[2]
        prefix = [parts[3], parts[4]]
    fn_line = comp.first("FN")
    full = clean_text(" ".join(text_value(fn_line))) if fn_line else ""
    from_n = " ".join(p for p in (given, additional.replace(",", " "), family) if p)
    if full and "," in full and given and family:
        full = ""  # `Doe, John` (file-as order) or a stray comma: N is clearer
    name = full or clean_text(from_n)
    name = strip_honorifics(name, [w for p in prefix for w in p.split()])
    return name or None


def _best_email(lines: Sequence[ContentLine]) -> str | None:
    """Prefer a work address, then a preferred one, then the first that is an address."""
    ranked: list[tuple[int, int, str]] = []
    for index, cl in enumerate(lines):
        address = clean_email("".join(text_value(cl)))
        if address is None:
            continue
        types = cl.types()
        pref = "PREF" in types or any(p.strip() == "1" for p in cl.param("PREF"))
        rank = (0 if "WORK" in types else 2) + (0 if pref else 1)
        ranked.append((rank, index, address))
    return min(ranked)[2] if ranked else None


@dataclass(frozen=True)
class Merge:
    """The contacts after adding cards: which were added and which existing ones were completed."""

    contacts: tuple[Contact, ...]
    added: tuple[str, ...]
    updated: tuple[str, ...]


def merge_cards(existing: Sequence[Contact], cards: Iterable[Card]) -> Merge:
    """Add the cards' people; one already there (same e-mail, else same name) is completed, never
    duplicated, and what the notes already say is kept. Linear in the number of cards: people are looked
    up by e-mail and by name in dictionaries, not by scanning everyone for every card."""
    contacts = list(existing)
    taken = {c.id for c in contacts}
    numbers: dict[str, int] = {}
    by_email: dict[str, int] = {}
    by_name: dict[str, int] = {}
    for i, c in enumerate(contacts):
        _index(c, i, by_email, by_name)
    added: list[str] = []
    updated: list[str] = []
    seen_updated: set[str] = set()
    for card in cards:
        key = email_key(card.email)
        index = by_email.get(key) if key else None
        if index is None:
            index = by_name.get(fold(card.name))  # the same person with another address: the notes' one is kept
        if index is None:
            contact = card.to_contact(make_id(card.name, taken, numbers))
            contacts.append(contact)
            _index(contact, len(contacts) - 1, by_email, by_name)
            added.append(contact.id)
            continue
        old = contacts[index]
        new = replace(
            old,
            email=old.email or card.email,
            title=old.title or card.title,
            linkedin=old.linkedin or card.linkedin,
            x=old.x or card.x,
        )
        if new != old:
            contacts[index] = new
            _index(new, index, by_email, by_name)
            if old.id not in seen_updated and old.id not in added:
                seen_updated.add(old.id)
                updated.append(old.id)
    return Merge(tuple(contacts), tuple(added), tuple(updated))


def _index(contact: Contact, at: int, by_email: dict[str, int], by_name: dict[str, int]) -> None:
    """The first contact with an address or a name wins, as a scan from the top would find it."""
    key = email_key(contact.email)
    if key:
        by_email.setdefault(key, at)
    by_name.setdefault(fold(contact.name), at)


def _match(contacts: Sequence[Contact], card: Card) -> int | None:
    key = email_key(card.email)
    if key:
        for i, c in enumerate(contacts):
            if email_key(c.email) == key:
                return i
    for i, c in enumerate(contacts):
        if fold(c.name) == fold(card.name):  # the same person with another address: the notes' one is kept
            return i
    return None
