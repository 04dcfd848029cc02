"""How the notes name a contact, how a greeting names them, and the pronouns that stand for the reader."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from afterword.compose.wording import _CJK
from afterword.core.lang.names import SURNAME_PARTICLE_WORDS, nickname, split_name, strip_titles
from afterword.core.model import Contact, Formality, Language

_PARTICLE_WORDS = SURNAME_PARTICLE_WORDS


#: Titles before a surname in notes ("Mevrouw Ter Horst", "Mr Okafor"), each also with a capital.
_TITLES = ("mevrouw", "mevr.", "mw.", "meneer", "de heer", "dhr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.",
           "dr", "dr.", "prof.", "professor")


def name_forms(contact: Contact) -> list[str]:
    return list(_name_forms(contact))


@lru_cache(maxsize=1024)
def _name_forms(contact: Contact) -> tuple[str, ...]:
    """How the notes may refer to this contact, longest first: the full name, a title with the
    surname ("mevrouw Ter Horst", "De heer De Vries", "Ms Okafor"), the given name."""
    written = " ".join(contact.name.split())
    full = strip_titles(written)
    if _CJK.search(full):
        return (full,)
    parts = split_name(full)
    forms = [written, full]
    if parts.core:
        for surname in dict.fromkeys((parts.surname_alone, parts.surname)):
            for title in _TITLES:
                forms += [f"{title} {surname}", f"{title[:1].upper()}{title[1:]} {surname}"]
    if parts.given and parts.given != full:
        forms.append(parts.given)
    if nick := nickname(written):
        forms.append(nick)
    words_ = full.split()
    if len(words_) >= 3 and words_[1][:1].isupper() and words_[1].lower() not in _PARTICLE_WORDS:
        forms.append(f"{words_[0]} {words_[1]}")  # a double given name: "Maria José García López"
    from afterword.core.lang.names import fold

    forms += [fold(f).title() if f[:1].isupper() else fold(f) for f in list(forms) if not f.isascii()]  # "zoe" for Zoë
    given = parts.given or ""
    if len(given) >= 5 and given.isalpha() and given[:3].lower() not in _NOT_SHORT:
        forms.append(given[:3])  # "raj" for Rajesh, "deb" for Deborah: how notes shorten a name
    return tuple(sorted(dict.fromkeys(forms), key=len, reverse=True))


#: Three-letter starts of given names that are words of their own ("dan", "van", "mar"): never read as a name.
_NOT_SHORT = frozenset(
    ["dan", "van", "man", "mar", "ann", "and", "ben", "bet", "her", "his", "him", "hij", "ons", "our", "out", "pat", "per", "pro", "the", "tot", "uit", "ver", "was", "wat", "wel", "zij", "een", "die", "dat", "het", "met", "mee", "mag", "den", "des", "del", "car", "can", "col", "con", "cor", "dit", "eve", "fra", "gem", "jan", "kim", "lau", "lee", "leo", "lis", "lou", "may", "mel", "mic", "nic", "nie", "pet", "phi", "ric", "rob", "rog", "ros", "sam", "sim", "sta", "ste", "sue", "ted", "ter", "tom", "val", "vic", "wil", "all", "art", "bar", "bob", "bon", "cat", "chr", "dav", "don", "ele", "emm", "ern", "est", "eva", "fel", "gab", "geo", "hel", "hen", "her", "isa", "jac", "jos", "jul", "kar", "kat", "lil", "luc", "mad", "mar", "mat", "max", "mic", "mir", "mon", "nat", "oli", "pau", "raf", "rob", "ron", "rub", "ruth", "sab", "sar", "ser", "sop", "tho", "tim", "tob", "ver", "vin", "wen", "xav", "yve", "zoe"])


def address_name(contact: Contact, formal: bool) -> str:
    """The name in a greeting: the given name, or the full name when formal (no gender guessed). A title
    from the notes goes with the surname, never before a first name: "dr. Van den Berg", not
    "dr. Maarten van den Berg"."""
    full = " ".join(contact.name.split())
    bare = strip_titles(full)
    if _CJK.search(full):
        return full
    if formal:
        titles = full[: len(full) - len(bare)].strip()
        parts = split_name(bare)
        return f"{titles} {parts.surname_alone}" if titles and parts.core else bare
    return nickname(full) or split_name(bare).given or bare


@dataclass(frozen=True)
class Pronouns:
    subject: str
    object: str
    possessive: str
    with_me: str


def pronouns(lang: Language, formality: Formality) -> Pronouns:
    if lang is Language.EN:
        return Pronouns("you", "you", "your", "you and I")
    if formality is Formality.FORMAL:
        return Pronouns("u", "u", "uw", "u en ik")
    return Pronouns("je", "jou", "je", "jij en ik")


def _replace(text: str, contact: Contact, p: Pronouns) -> str:
    if not any(name in text for name in _name_forms(contact)):
        return text  # no form of the name in it: nothing to replace, and the patterns are not compiled for nothing
    possessive, plain = _name_patterns(contact)

    def pronoun(m: re.Match[str]) -> str:
        before = m.string[:m.start()].rstrip()
        last = before.rsplit(" ", 1)[-1].lower() if before else ""
        subject = not before or before.endswith((",", ";", ":", ".", "(", "–", "-")) or last in _BEFORE_SUBJECT
        return p.subject if subject else p.object  # "…, noor moest lachen" → "je moest lachen", never "jou moest"

    return plain.sub(pronoun, possessive.sub(p.possessive, text))


#: Words after which a name is the subject of what follows ("… en noor moest lachen", "… toen hij …").
_BEFORE_SUBJECT = frozenset({"en", "and", "maar", "but", "dat", "that", "omdat", "because", "toen", "when", "while",
                             "terwijl", "of", "whether", "als", "if", "so", "dus", "want"})


def mentions(contact: Contact, text: str) -> bool:
    """Whether `text` names this contact in any of the ways the notes may, in any case ("david back by fri")."""
    forms = _name_forms(contact)
    if text.isascii() and all(name.isascii() for name in forms):
        # In ASCII, ignoring case is comparing lowered text, so a text without any form needs no pattern: a big
        # panel's patterns (one per person, dozens of forms each) cost more to compile than the rest of a draft.
        lowered = text.lower()
        if not any(name.lower() in lowered for name in forms):
            return False
    return _mentions_pattern(contact).search(text) is not None


@lru_cache(maxsize=1024)
def _mentions_pattern(contact: Contact) -> re.Pattern[str]:
    return re.compile(_name_patterns(contact)[1].pattern, re.IGNORECASE)


@lru_cache(maxsize=1024)
def _name_patterns(contact: Contact) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One pattern for every way the notes may name this contact (built once per contact, not per phrase:
    dozens of forms times every notes phrase overflowed the regex cache)."""
    forms = "|".join(re.escape(name) for name in name_forms(contact))  # longest first
    return (re.compile(rf"(?<!\w)(?:{forms})(?:'s|’s|(?<=[sxzSXZ])['’])(?!\w)"),
            re.compile(rf"(?<!\w)(?:{forms})(?!\w)"))
