"""Checking drafts kept in the store: one draft (as stored, or as being typed) and a whole interview.

`wrong-company` sees the owner's other interviews' companies; `duplicate` compares the drafts of the
same interview in the store.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from afterword.core.model import Channel, Draft, Finding, Interview

if TYPE_CHECKING:
    from afterword.service.interviews import InterviewService
    from afterword.store.records import Touchpoint


def _context(service: InterviewService, interview_id: int) -> tuple[Interview, tuple[Touchpoint, ...], list[str]]:
    with service.store.read() as repo:
        interview = repo.load_interview(interview_id)
        tps = tuple(repo.touchpoints([interview_id], history=False))
        others = repo.other_companies(interview_id)
    return interview, tps, others


def check_text(service: InterviewService, interview_id: int, contact_id: str, channel: Channel | str,
               subject: str | None, body: str, *, sent_at: datetime | None = None,
               linkedin_limit: int = Channel.LINKEDIN.note_limit()) -> list[Finding]:
    """Findings for text the user is typing for one touchpoint, against the other stored drafts."""
    from afterword.check import check_drafts
    from afterword.store.errors import NotFoundError

    channel = Channel(channel)
    interview, tps, others = _context(service, interview_id)
    try:
        contact = interview.contact(contact_id)
    except KeyError:
        from afterword.service.interviews import no_contact

        raise NotFoundError(no_contact(contact_id), key="contact") from None
    draft = Draft(contact_id, channel, interview.language_of(contact), body,
                  subject if channel is Channel.EMAIL else None)
    siblings = [tp.draft for tp in tps if tp.body.strip() and (tp.contact, tp.channel) != (contact_id, channel)]
    return check_drafts(interview, [draft, *siblings], sent_at=sent_at, other_companies=others,
                        linkedin_limit=linkedin_limit)[0]


def check_stored_draft(service: InterviewService, interview_id: int, contact_id: str, channel: Channel | str,
                       *, sent_at: datetime | None = None, linkedin_limit: int = Channel.LINKEDIN.note_limit()) -> list[Finding]:
    """Findings for the draft stored for one contact and channel (NotFoundError when there is none)."""
    tp = service.touchpoint(interview_id, contact_id, channel)
    return check_text(service, interview_id, contact_id, tp.channel, tp.subject, tp.body, sent_at=sent_at,
                      linkedin_limit=linkedin_limit)


def check_interview_drafts(service: InterviewService, interview_id: int, *, sent_at: datetime | None = None,
                           linkedin_limit: int = Channel.LINKEDIN.note_limit()) -> dict[tuple[str, Channel], list[Finding]]:
    """Findings for every stored draft of an interview, checked together (so `duplicate` can fire)."""
    from afterword.check import check_drafts

    interview, tps, others = _context(service, interview_id)
    stored = [tp for tp in tps if tp.body.strip()]
    results = check_drafts(interview, [tp.draft for tp in stored], sent_at=sent_at, other_companies=others,
                           linkedin_limit=linkedin_limit)
    return {(tp.contact, tp.channel): found for tp, found in zip(stored, results, strict=True)}
