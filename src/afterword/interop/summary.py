"""Guess role, company, language and kind of interview from an invitation's words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from afterword.core.lang.names import fold
from afterword.core.model import Language
from afterword.interop.people import FREE_MAIL

_NOISE = re.compile(
    r"\b(?:updated\s+invitation|invitation|uitnodiging|invite|accepted|geaccepteerd|reminder|herinnering|"
    r"(?:first|second|third|final|1st|2nd|3rd|eerste|tweede|derde|laatste)\s+(?:round|ronde|interview|gesprek)|"
    r"round\s+\d|ronde\s+\d|assessment\s+(?:round|day|ronde|dag)|job\s+interview|sollicitatiegesprek|kennismakingsgesprek|vervolggesprek|"
    r"interview|gesprek|video\s*call|phone\s+screen|teams\s+meeting|zoom\s+meeting)\b\s*:?",
    re.IGNORECASE,
)
_AT = re.compile(r"\s+(?:at|bij|@)\s+", re.IGNORECASE)
_WITH_FOR = re.compile(r"^\s*(?:with|met)\s+(?P<company>.+?)\s+(?:for|voor)\s+(?:the\s+|de\s+)?(?:(?:role|position|"
                       r"functie|vacature)\s+(?:of\s+|van\s+)?)?(?P<role>.+)$", re.IGNORECASE)
_FOR = re.compile(r"^\s*(?:for|voor)\s+(?:the\s+|de\s+)?(?:(?:role|position|functie|vacature)\s+(?:of\s+|van\s+)?)?",
                  re.IGNORECASE)
_SPLIT = re.compile(r"\s+[-–—|/]\s+|\s*[|:]\s+")
_PAREN = re.compile(r"^(?P<role>.+?)\s*\((?P<company>[^()]+)\)\s*$")
_ROLE_WORDS = re.compile(
    r"\b(?:engineer|developer|manager|analyst|designer|lead|head|director|consultant|specialist|scientist|"
    r"architect|officer|intern|internship|owner|administrator|advisor|adviser|coordinator|assistant|"
    r"medewerker|adviseur|ontwikkelaar|stagiair|stage|beheerder|teamleider|programmeur|vp|cto|ceo|cfo|coo)\b",
    re.IGNORECASE,
)
_DUTCH = re.compile(
    r"\b(?:sollicitatiegesprek|gesprek|kennismaking\w*|uitnodiging|functie|vacature|bij|voor|met|de|het|een|"
    r"graag|groet(?:en)?|vriendelijke|tot|ontmoeten|afspraak)\b",
    re.IGNORECASE,
)
_DUTCH_STRONG = re.compile(r"\b(?:sollicitatie\w*|kennismakings\w*|vervolggesprek|uitnodiging)\b", re.IGNORECASE)
_ENGLISH = re.compile(
    r"\b(?:interview|with|for|the|and|looking|forward|meeting|position|role|regards|join|invitation)\b",
    re.IGNORECASE,
)
_VIDEO = re.compile(r"zoom\.us/|teams\.microsoft\.com/|meet\.google\.com/|webex\.com/|whereby\.com/|"
                    r"\bzoom\b|\bmicrosoft teams\b|\bgoogle meet\b|\bvideo\s*call\b|\bvideobellen\b",
                    re.IGNORECASE)
_PHONE = re.compile(r"\bphone\s+(?:call|screen|interview)\b|\btelefo(?:on|nisch)\w*\b", re.IGNORECASE)


@dataclass(frozen=True)
class Guess:
    role: str | None
    company: str | None


def guess_role_company(summary: str, *, names: tuple[str, ...] = (), organiser_email: str | None = None) -> Guess:
    """`Interview: Data Engineer at Acme` → role `Data Engineer`, company `Acme`.

    Names of the people involved are removed first ("Interview Sam Jansen - Data Engineer").
    A side that matches the organiser's mail domain is the company; a side with a job word is the role.
    """
    text = summary
    for name in sorted(names, key=len, reverse=True):
        if name.strip():
            text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    text = _NOISE.sub(" ", text)
    text = re.sub(r"\(\s*\)", "", re.sub(r"\s+", " ", text)).strip(" -–—|:/,.")
    if not text:
        return Guess(None, None)
    domain_word = company_from_domain(organiser_email)
    if m := _WITH_FOR.match(text):
        return Guess(_tidy(m.group("role")), _tidy(m.group("company")))
    if m := re.match(r"^(?:at|bij|@)\s+(.+)$", text, re.IGNORECASE):
        return Guess(None, _tidy(m.group(1)))
    parts = _AT.split(text, maxsplit=1)
    if len(parts) == 2:
        return Guess(_tidy(_FOR.sub("", parts[0])), _tidy(parts[1]))
    if m := _PAREN.match(text):
        return Guess(_tidy(m.group("role")), _tidy(m.group("company")))
    sides = [s for s in _SPLIT.split(text) if s.strip()]
    if len(sides) == 2:
        first, second = (_tidy(_FOR.sub("", s)) for s in sides)
        if (domain_word and _same(second, domain_word)) or (
            _ROLE_WORDS.search(first or "") and not _ROLE_WORDS.search(second or "")
        ):
            return Guess(first, second)
        return Guess(second, first)
    if len(sides) > 2:
        tidy = [t for t in (_tidy(_FOR.sub("", s)) for s in sides) if t]
        company = next((t for t in tidy if domain_word and _same(t, domain_word)), None)
        role = next((t for t in tidy if t != company and _ROLE_WORDS.search(t)), None)
        if role or company:
            return Guess(role, company)
    lone = _tidy(_FOR.sub("", text))
    if lone and domain_word and _same(lone, domain_word):
        return Guess(None, lone)
    if lone and _ROLE_WORDS.search(lone):
        return Guess(lone, None)
    return Guess(None, None)


def _tidy(text: str | None) -> str | None:
    if text is None:
        return None
    value = re.sub(r"\s+", " ", text).strip(" -–—|:/,.")
    return value or None


def _same(a: str | None, b: str) -> bool:
    if not a:
        return False
    key_a = re.sub(r"[^a-z0-9]", "", fold(a))
    key_b = re.sub(r"[^a-z0-9]", "", fold(b))
    return bool(key_a) and (key_a.startswith(key_b) or key_b.startswith(key_a))


def company_from_domain(email: str | None) -> str | None:
    """`maria@acme-logistics.example` → `Acme Logistics`; None for free mail providers."""
    if not email or "@" not in email:
        return None
    domain = email.rpartition("@")[2].lower()
    if domain in FREE_MAIL or domain.endswith((".google.com", "calendar.google.com")):
        return None
    labels = domain.split(".")
    if len(labels) < 2:
        return None
    core = labels[-2]
    if core in {"co", "com", "ac", "gov", "org", "net"} and len(labels) >= 3:
        core = labels[-3]
    words = [w for w in re.split(r"[-_]", core) if w]
    return " ".join(w.capitalize() for w in words) or None


def guess_language(*texts: str) -> Language | None:
    """nl when Dutch words clearly outnumber English ones; en when the reverse; None when unclear."""
    joined = " ".join(texts)
    dutch = len(_DUTCH.findall(joined)) + len(_DUTCH_STRONG.findall(joined))
    english = len(_ENGLISH.findall(joined))
    if dutch >= 2 and dutch > english:
        return Language.NL
    if english >= 1 and english >= dutch:
        return Language.EN
    return None


def guess_kind(*texts: str) -> str | None:
    joined = " ".join(texts)
    if _VIDEO.search(joined):
        return "video"
    if _PHONE.search(joined):
        return "phone"
    return None
