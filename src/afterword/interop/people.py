"""People found in calendar and contact files: clean names, addresses, profiles and unique ids."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from afterword.core.lang.names import fold, split_name

_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
_HANDLE = re.compile(r"^[A-Za-z0-9_]{1,15}$")
_ID_CHARS = re.compile(r"[^a-z0-9]+")
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]")

#: Honorifics that cards and invitations put before a name; a greeting adds its own.
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "dhr", "mevr", "mw", "ir", "ing", "drs", "mr.",
})
#: Domains of free mail providers: they say nothing about the company.
FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "hotmail.com", "outlook.com", "live.com", "yahoo.com", "icloud.com", "me.com",
    "aol.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net", "hotmail.nl", "live.nl", "ziggo.nl",
    "kpnmail.nl", "xs4all.nl", "planet.nl", "home.nl", "web.de",
})


def clean_text(text: str) -> str:
    """One line of text: control characters and runs of white space become one space."""
    return _SPACE.sub(" ", _CONTROL.sub(" ", unicodedata.normalize("NFC", text))).strip()


def clean_email(text: str | None) -> str | None:
    """`MAILTO:Maria@Acme.example` → `Maria@acme.example`; None when it is not an address."""
    if not text:
        return None
    value = text.strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    value = value.strip().strip("<>").strip()
    if not _EMAIL.match(value):
        return None
    local, _, domain = value.rpartition("@")
    candidate = f"{local}@{domain.lower()}"
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(candidate, check_deliverability=False, test_environment=True)
    except EmailNotValidError:
        return None
    return candidate


def email_key(email: str | None) -> str | None:
    return email.casefold() if email else None


def domain_of(email: str | None) -> str | None:
    return email.rpartition("@")[2].lower() if email and "@" in email else None


def name_from_email(email: str) -> str:
    """`maria.de.vries@acme.example` → `Maria de Vries`; a best guess when a file gives no name."""
    local = email.partition("@")[0].split("+", 1)[0]
    words = [w for w in re.split(r"[._\-]+", local) if w and not w.isdigit()]
    if not words:
        return local or email
    particles = {"van", "de", "der", "den", "het", "ten", "ter", "te", "von", "du", "da", "di", "la", "le"}
    out = [w.lower() if (i and w.lower() in particles and i < len(words) - 1) else w.capitalize()
           for i, w in enumerate(words)]
    return " ".join(out)


def strip_honorifics(name: str, extra: Iterable[str] = ()) -> str:
    """Drop `Mr.`, `Dr.`, `Dhr.` before and `Jr.`, `Sr.`, `PhD` (or the card's own prefix/suffix) after."""
    words = name.split()
    extras = {e.strip().lower().rstrip(".") for e in extra if e.strip()}
    while len(words) > 1 and (words[0].lower().rstrip(".") in HONORIFICS | extras):
        words = words[1:]
    suffixes = {"jr", "sr", "phd", "msc", "bsc", "mba", "ii", "iii"} | extras
    while len(words) > 1 and words[-1].lower().rstrip(".,").replace(".", "") in suffixes:
        words = words[:-1]
    return " ".join(words).rstrip(",")


def classify_profile(url: str) -> tuple[str, str] | None:
    """A profile URL → ("linkedin", url) or ("x", "@handle"); None for anything else."""
    value = url.strip().replace("\\:", ":")
    if not value:
        return None
    if value.lower().startswith("x-apple:"):
        value = value[8:]
    if "://" not in value:
        value = "https://" + value
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        return ("linkedin", value) if parts.path.strip("/") else None
    if host in {"x.com", "twitter.com", "www.x.com", "www.twitter.com", "mobile.twitter.com"}:
        handle = parts.path.strip("/").split("/")[0].lstrip("@")
        return ("x", "@" + handle) if _HANDLE.match(handle) else None
    return None


def x_handle(text: str) -> str | None:
    value = text.strip()
    if value.lower().startswith("x-apple:"):
        value = value[8:]
    if "/" in value or "." in value:
        found = classify_profile(value)
        return found[1] if found and found[0] == "x" else None
    handle = value.lstrip("@")
    return "@" + handle if _HANDLE.match(handle) else None


def make_id(name: str, taken: set[str], numbers: dict[str, int] | None = None) -> str:
    """A short, unique, readable handle: `maria`, then `maria-devries`, then `maria-devries-2`.

    `numbers` remembers where counting stopped for each handle, so a thousand people of one name cost
    a thousand steps, not half a million."""
    parts = split_name(name)
    given = _slug(parts.given) or "contact"
    options = [given]
    surname = _slug(parts.surname)
    if surname:
        options.append(f"{given}-{surname}")
    for option in options:
        option = option[:40]
        if option not in taken:
            taken.add(option)
            return option
    base = options[-1][:36]
    number = numbers.get(base, 2) if numbers is not None else 2
    while f"{base}-{number}" in taken:
        number += 1
    chosen = f"{base}-{number}"
    taken.add(chosen)
    if numbers is not None:
        numbers[base] = number + 1
    return chosen


def _slug(text: str) -> str:
    return _ID_CHARS.sub("-", fold(text)).strip("-")
