"""Copy-and-open for LinkedIn and X: the text within its limit, the page to open, the monthly note allowance.

Sending LinkedIn notes or X messages through an API is not possible for a person's own
account (or needs a paid tier), so Afterword prepares the text and opens the right page;
the user pastes, sends, and marks it done. All functions here are pure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote, urlsplit

from afterword.core.errors import InputError
from afterword.core.lang.xcount import weighted_length
from afterword.core.model import Channel, Contact, Draft, Language
from afterword.core.text import Text

#: X's weighted length, the checker's own count, so a prepared post never disagrees with `over-limit`.
x_length = weighted_length


@dataclass(frozen=True)
class SocialAction:
    contact: str
    channel: Channel
    text: str
    length: int
    limit: int
    trimmed: bool
    open_url: str
    profile_url: str
    #: LinkedIn: `note`. X: `dm` (follow, then a direct message: the notes say DMs are open), `follow` (follow
    #: only), or `public` (a post mentioning them, only when the user chose it after `public_post_warning`).
    step: str = "note"


def public_post_warning(company: str, language: Language = Language.EN) -> str:
    """Said before a public X post is prepared: everyone, the current employer too, can see it."""
    if language is Language.NL:
        return (f"een openbaar bericht op X laat iedereen zien dat je bij {company} solliciteert, ook je huidige "
                "werkgever; een direct bericht of alleen volgen blijft tussen jullie")
    return (f"a public post on X shows everyone that you are applying at {company}, your current employer "
            "included; a direct message or just following stays between the two of you")


def measure(channel: Channel, text: str) -> int:
    return x_length(text) if channel is Channel.X else len(unicodedata.normalize("NFC", text))


def fit(channel: Channel, text: str, limit: int) -> tuple[str, bool]:
    """The text, or its longest start that fits ending at a sentence or word boundary plus `…`."""
    text = text.strip()
    if measure(channel, text) <= limit:
        return text, False
    words = text.split(" ")
    best = ""
    for count in range(len(words), 0, -1):
        candidate = " ".join(words[:count]).rstrip(",;:–-— ")
        if measure(channel, candidate + "…") <= limit:
            best = candidate
            break
    sentence_end = max(best.rfind(". "), best.rfind("! "), best.rfind("? "))
    if sentence_end > len(best) // 2:
        return best[: sentence_end + 1], True
    return (best + "…") if best else text[: max(limit - 1, 0)] + "…", True


def linkedin_url(address: str) -> str:
    """A profile URL from what the notes hold (a URL, `linkedin.com/in/x` or a bare handle)."""
    value = address.strip()
    if not value or any(ch.isspace() for ch in value):
        raise InputError(Text(f"`{address}` is not a LinkedIn profile", f"`{address}` is geen LinkedIn-profiel"),
                         key="linkedin")
    if value.startswith(("http://", "https://")):
        parts = urlsplit(value)
        if not parts.netloc.lower().endswith("linkedin.com"):
            raise InputError(Text(f"`{address}` is not a linkedin.com address", f"`{address}` is geen linkedin.com-adres"),
                             key="linkedin")
        return "https://" + parts.netloc + parts.path
    if "linkedin.com/" in value.lower():
        return "https://" + value.lstrip("/")
    return "https://www.linkedin.com/in/" + quote(value.strip("/@"))


def x_profile_url(handle: str) -> str:
    name = handle.strip().lstrip("@")
    if not re.fullmatch(r"[A-Za-z0-9_]{1,15}", name):
        raise InputError(Text(f"`{handle}` is not an X handle", f"`{handle}` is geen X-naam"), key="x")
    return f"https://x.com/{name}"


def x_compose_url(text: str) -> str:
    return "https://x.com/intent/post?text=" + quote(text, safe="")


def prepare(contact: Contact, draft: Draft, *, premium: bool = False, x_public: bool = False) -> SocialAction:
    """The text to copy and the page to open for a LinkedIn or X draft.

    X is private by default: their profile to follow, and the text for a direct message when the notes say
    their DMs are open (`x_dm`). A public post that mentions them only with `x_public` (the user chose it,
    after `public_post_warning`)."""
    address = contact.address(draft.channel)
    if draft.channel is Channel.EMAIL:
        raise InputError(Text("copy-and-open is for LinkedIn and X; email is sent",
                              "kopiëren en openen is voor LinkedIn en X; e-mail wordt verstuurd"), key="channel")
    if not address:
        raise InputError(Text(f"{contact.name} has no {draft.channel} address in the notes",
                              f"{contact.name} heeft geen {draft.channel}-adres in de notities"), key=contact.id)
    if draft.channel is Channel.LINKEDIN:
        limit = Channel.LINKEDIN.note_limit(premium=premium)
        text, trimmed = fit(draft.channel, draft.body, limit)
        profile = linkedin_url(address)
        return SocialAction(contact.id, draft.channel, text, measure(draft.channel, text), limit, trimmed,
                            profile, profile)
    body = draft.body.strip()
    profile = x_profile_url(address)
    x_limit = Channel.X.note_limit()
    if not x_public:
        text, trimmed = fit(Channel.X, body, x_limit)
        return SocialAction(contact.id, Channel.X, text, x_length(text), x_limit, trimmed, profile, profile,
                            step="dm" if contact.x_dm else "follow")
    handle = "@" + address.strip().lstrip("@")
    if not body.lower().startswith(handle.lower()):
        body = f"{handle} {body}"
    text, trimmed = fit(Channel.X, body, x_limit)
    return SocialAction(contact.id, Channel.X, text, x_length(text), x_limit, trimmed,
                        x_compose_url(text), profile, step="public")


def month_bounds(now: datetime) -> tuple[datetime, datetime]:
    """The calendar month of `now` in its own zone: [first day 00:00, next first day 00:00)."""
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following


def allowance_warning(used: int, allowance: int, language: Language = Language.EN) -> str | None:
    """A warning when the free account's personalised notes this month are nearly or all spent."""
    left = allowance - used
    if left > 1:
        return None
    nl = language is Language.NL
    if left <= 0:
        return (f"alle {allowance} persoonlijke LinkedIn-notities van deze maand zijn op; "
                "verstuur het verzoek zonder notitie of stuur een bericht na het connecten") if nl else (
                f"all {allowance} personalised LinkedIn notes of this month are used; "
                "send the invitation without a note or message them once connected")
    return (f"nog 1 persoonlijke LinkedIn-notitie deze maand (van {allowance}); kies voor wie") if nl else (
        f"1 personalised LinkedIn note left this month (of {allowance}); choose who gets it")
