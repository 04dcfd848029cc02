"""Copy-and-open use cases: the LinkedIn notes and X steps of an interview, marking them done, the allowance.

The text, its limit and the page to open are `delivery.social`'s (pure); this adds the settings (a Premium
LinkedIn account), the stored drafts and the record of what the user sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from afterword.core.errors import InputError
from afterword.core.model import Channel, Contact, Draft, Language, TouchpointStatus
from afterword.core.text import Text
from afterword.delivery import social
from afterword.delivery.social import public_post_warning as public_post_warning  # re-exported for the edges
from afterword.store import outbox as store

if TYPE_CHECKING:
    from afterword.service.delivery import DeliveryService
    from afterword.service.interviews import InterviewService


@dataclass(frozen=True)
class SocialItem:
    interview_id: int
    action: social.SocialAction
    status: TouchpointStatus
    name: str


def prepare(service: DeliveryService, contact: Contact, draft: Draft) -> social.SocialAction:
    """The text to copy and the page to open for a LinkedIn note or X post (InputError when it cannot)."""
    return social.prepare(contact, draft, premium=service.config.linkedin_premium)


def items(service: DeliveryService, interview_id: int, x_public: Sequence[str] = ()) -> list[SocialItem]:
    """LinkedIn notes and X steps; X is follow (plus a DM where open), a public post only for `x_public`."""
    interview, touchpoints = service.interviews.get_interview(interview_id)
    for cid in x_public:
        if not any(c.id == cid and c.x for c in interview.contacts):
            raise InputError(Text(f"the interview has no contact `{cid}` with an X handle",
                                  f"het gesprek heeft geen contact `{cid}` met een X-naam"), key="--x-public")
    found: list[SocialItem] = []
    for tp in touchpoints:
        if tp.channel is Channel.EMAIL or not tp.body.strip():
            continue
        contact = interview.contact(tp.contact)
        action = social.prepare(contact, tp.draft, premium=service.config.linkedin_premium,
                                x_public=contact.id in x_public)
        found.append(SocialItem(interview_id, action, tp.status, contact.name))
    return found


def linkedin_notes_used(service: DeliveryService, now: datetime) -> int:
    start, end = social.month_bounds(now)
    return store.count_social_done(service.engine, Channel.LINKEDIN.value, start, end, owner=service.interviews.owner)


def allowance_warning(service: DeliveryService, now: datetime, language: Language = Language.EN) -> str | None:
    if service.config.linkedin_premium:
        return None
    return social.allowance_warning(linkedin_notes_used(service, now), service.config.linkedin_free_notes, language)


def mark_done(service: DeliveryService, interview_id: int, contact: str, channel: Channel | str, now: datetime,
              *, personalised: bool = True) -> str | None:
    """Record that the user sent the note or post; returns the allowance warning, if any."""
    try:
        chosen = Channel(channel)
    except ValueError:
        raise InputError(f"`{channel}` is not linkedin or x", key="CHANNEL") from None
    if chosen is Channel.EMAIL:
        raise InputError("email is sent with `afterword send`, not marked by hand", key="CHANNEL")
    service.interviews.set_status(interview_id, contact, chosen, TouchpointStatus.SENT, at=now)
    store.record_social_done(service.engine, interview_id, contact, chosen.value, personalised, now)
    interview, _ = service.interviews.get_interview(interview_id)
    return allowance_warning(service, now, interview.effective_language) if chosen is Channel.LINKEDIN else None


@dataclass(frozen=True)
class PublicPost:
    """A public X post about to be chosen: who it mentions, the warning, and (once chosen) its copy-and-open step."""

    person: Contact
    warning: str
    item: SocialItem | None = None


def public_post(interviews: InterviewService, interview_id: int, contact: str, language: Language, *,
                prepare: bool) -> PublicPost | None:
    """The warning in `language` before a public X post mentions `contact`, and with `prepare` the post itself;
    None when the interview has no such contact with an X handle (NotFoundError: no such interview)."""
    from afterword.service.delivery import DeliveryService

    interview, _ = interviews.get_interview(interview_id)
    person = next((c for c in interview.contacts if c.id == contact and c.x), None)
    if person is None:
        return None
    found = None
    if prepare:
        found = next((i for i in items(DeliveryService(interviews), interview_id, [contact])
                      if i.action.contact == contact and i.action.channel is Channel.X), None)
    return PublicPost(person, public_post_warning(interview.company, language), found)
