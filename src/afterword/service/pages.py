"""The web's pages as use cases: what the dashboard and an interview page show, the live check, saving
and marking a card (with the same conflict handling), storing, editing and deleting an interview, the
notes file for download. Each returns a view model (`service.views`) for the handlers to render.

Every method is blocking (it runs in a worker thread) and goes through `InterviewService`,
which owns the transactions. A missing interview, contact or channel gives None (a 404 page).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from afterword.core.errors import StoreError
from afterword.core.model import Channel, Draft, Finding, Interview, TouchpointStatus
from afterword.service.checking import FindingsCache
from afterword.service.outcomes import (
    ConflictError,
    DuplicateError,
    InterviewSummary,
    NotEditableError,
    NotFoundError,
    StuckEmail,
    Touchpoint,
)
from afterword.service.views import Card, InterviewView, Owed, group_owed

if TYPE_CHECKING:
    from afterword.service.interviews import InterviewService

DASHBOARD_ROWS = 60
DASHBOARD_INTERVIEWS = 20


class Pages:
    """What the web's handlers call; one instance per app, safe to share between worker threads."""

    def __init__(self, service: InterviewService) -> None:
        self.service = service
        self.findings = FindingsCache()

    @classmethod
    def open(cls, db_url: str | None) -> Pages:
        from afterword.service.interviews import open_service

        return cls(open_service(db_url))

    def close(self) -> None:
        self.service.close()

    # -- pages -------------------------------------------------------------------------------

    def dashboard(self, now: datetime) -> tuple[list[Owed], list[InterviewSummary], bool]:
        """The most urgent people owed a follow-up, the interviews by deadline, and whether more are owed."""
        rows = self.service.due(now, limit=DASHBOARD_ROWS)
        owed = group_owed(rows)
        interviews = self.service.list_interviews(now, limit=DASHBOARD_INTERVIEWS)
        return owed, interviews, len(rows) >= DASHBOARD_ROWS

    def stuck_emails(self) -> list[StuckEmail]:
        """Emails that may or may not have gone out, or were refused: the dashboard's banner."""
        return self.service.stuck_emails()

    def interview_view(self, interview_id: int, now: datetime) -> InterviewView | None:
        from afterword.plan import make_plan

        loaded = self._load(interview_id)
        if loaded is None:
            return None
        interview, touchpoints = loaded
        have = {(tp.contact, tp.channel) for tp in touchpoints}
        if any((c.id, ch) not in have for c in interview.contacts for ch in c.channels):
            # Stored by `afterword import` (or a contact got an address): draft what is missing.
            try:
                self._draft(interview_id, interview, now)
            except StoreError:
                pass  # a read-only database: show what is stored
            else:
                interview, touchpoints = self.service.get_interview(interview_id)
        shown = _in_order(interview, touchpoints)
        written = [tp for tp in shown if tp.body.strip()]
        found = dict(zip([(tp.contact, tp.channel) for tp in written],
                         self.findings.check_all(interview_id, interview, [tp.draft for tp in written],
                                                 companies=self.service.companies(interview_id), now=now),
                         strict=True))
        cards = tuple(_card_of(interview, tp, tp.draft, tp.version, found.get((tp.contact, tp.channel), ()))
                      for tp in shown)
        cards = tuple(sorted(cards, key=lambda card: card.done))  # what is still owed first, done ones below
        statuses = {(tp.contact, tp.channel): tp.status for tp in touchpoints}
        plan = make_plan(interview, now, statuses)
        from afterword.service.drafting import rough_notes

        return InterviewView(interview_id, interview, cards, plan.findings, rough_notes(interview))

    def preview(self, interview_id: int, contact: str, channel: Channel, subject: str, body: str,
                now: datetime) -> Card | None:
        """The card as it would be with this text: the live check while typing (nothing stored)."""
        found = self._touchpoint(interview_id, contact, channel)
        if found is None:
            return None
        interview, tp = found
        draft = Draft(contact, channel, tp.language, body, subject if channel is Channel.EMAIL else None)
        return _card_of(interview, tp, draft, tp.version, self._check(interview_id, draft, now))

    def save(self, interview_id: int, contact: str, channel: Channel, subject: str | None, body: str,
             expected_version: int, now: datetime) -> tuple[Card, Draft | None] | None:
        """Save with optimistic concurrency. On a stale version: the stored card plus the user's text."""
        found = self._touchpoint(interview_id, contact, channel)
        if found is None:
            return None
        tp = found[1]
        mine = Draft(contact, channel, tp.language, body, subject)
        try:
            self.service.save_draft(interview_id, contact, channel, subject, body, expected_version, at=now)
        except (ConflictError, NotEditableError):
            return self._fresh_card(interview_id, contact, channel, now), mine
        return self._fresh_card(interview_id, contact, channel, now), None

    def mark(self, interview_id: int, contact: str, channel: Channel, status: TouchpointStatus, now: datetime,
             edited: tuple[str | None, str, int] | None = None) -> tuple[Card, Draft | None] | None:
        """Set the status; unsaved text from the editor (`edited`: subject, body, version) is saved
        first, so marking a message sent never throws away the words that were sent.

        Like Save, the change applies only to the version the page showed: when another tab changed
        the text or the status since, nothing changes and the stored card comes back with the user's text.
        """
        found = self._touchpoint(interview_id, contact, channel)
        if found is None:
            return None
        tp = found[1]
        expected: int | None = None
        mine: Draft | None = None
        if edited is not None:
            subject, body, expected = edited
            mine = Draft(contact, channel, tp.language, body, subject)
            if (subject != tp.subject or body != tp.body) and not tp.status.is_done:
                try:
                    expected = self.service.save_draft(interview_id, contact, channel, subject, body, expected,
                                                       at=now)
                except (ConflictError, NotEditableError):
                    return self._fresh_card(interview_id, contact, channel, now), mine
        try:
            self.service.set_status(interview_id, contact, channel, status, now, expected_version=expected)
        except ConflictError:
            return self._fresh_card(interview_id, contact, channel, now), mine
        return self._fresh_card(interview_id, contact, channel, now), None

    def stale(self, interview_id: int, contact: str, channel: Channel,
              edited: tuple[str | None, str, int] | None) -> Draft | None:
        """The user's text when the page showed an older version than the stored one (else None)."""
        found = self._touchpoint(interview_id, contact, channel)
        if found is None or edited is None or edited[2] == found[1].version:
            return None
        return Draft(contact, channel, found[1].language, edited[1], edited[0])

    def keep_edits(self, interview_id: int, contact: str, channel: Channel,
                   edited: tuple[str | None, str, int] | None, now: datetime) -> Draft | None:
        """Save unsaved editor text before acting on a draft; on a stale version, the user's text back."""
        found = self._touchpoint(interview_id, contact, channel)
        if found is None or edited is None:
            return None
        tp = found[1]
        if (edited[0] != tp.subject or edited[1] != tp.body) and not tp.status.is_done:
            subject, body, version = edited
            try:
                self.service.save_draft(interview_id, contact, channel, subject, body, version, at=now)
            except (ConflictError, NotEditableError):
                return Draft(contact, channel, tp.language, body, subject)
        return None

    def exists(self, interview_id: int) -> bool:
        return self._load(interview_id) is not None

    def card(self, interview_id: int, contact: str, channel: Channel, now: datetime) -> Card | None:
        """The stored card, checked; None when there is no such interview, contact or channel."""
        if self._touchpoint(interview_id, contact, channel) is None:
            return None
        return self._fresh_card(interview_id, contact, channel, now)

    # -- import and export -------------------------------------------------------------------

    def add(self, interview: Interview, now: datetime) -> int:
        """Store a captured interview (a duplicate replaces it) and draft its follow-ups."""
        return self.service.import_with_drafts(interview, replace=True, at=now)[0]

    def add_or_duplicate(self, interview: Interview, now: datetime, replace: bool) -> int | DuplicateError:
        """Store an uploaded interview; a duplicate without `replace` gives the refusal instead."""
        try:
            return self.service.import_with_drafts(interview, replace=replace, at=now)[0]
        except DuplicateError as exc:
            return exc

    def stored(self, interview_id: int) -> tuple[Interview, tuple[Touchpoint, ...]] | None:
        """The stored interview and its touchpoints; None for an unknown id."""
        return self._load(interview_id)

    def update(self, interview_id: int, interview: Interview, now: datetime) -> int | DuplicateError | None:
        """Store the edited interview over `interview_id` (what the form does not show is kept) and draft
        for anyone new; the refusal when it would become another stored interview; None when it is gone."""
        loaded = self._load(interview_id)
        if loaded is None:
            return None
        edited = keep_unshown(interview, loaded[0])
        try:
            self.service.update_interview(interview_id, edited, at=now)
        except DuplicateError as exc:
            return exc
        except NotFoundError:
            return None
        self._draft(interview_id, edited, now)
        return interview_id

    def delete(self, interview_id: int) -> bool:
        """Delete the interview with its drafts, history and outbox messages; False when it was not there."""
        try:
            self.service.delete_interview(interview_id)
        except NotFoundError:
            return False
        return True

    def notes_file(self, interview_id: int) -> tuple[str, str] | None:
        loaded = self._load(interview_id)
        if loaded is None:
            return None
        interview = loaded[0]
        from afterword.core.notes import dump_notes

        return _filename(interview), dump_notes(interview)

    # -- helpers -----------------------------------------------------------------------------

    def _draft(self, interview_id: int, interview: Interview, now: datetime) -> None:
        self.service.draft_missing(interview_id, at=now, interview=interview)

    def _load(self, interview_id: int) -> tuple[Interview, tuple[Touchpoint, ...]] | None:
        try:
            return self.service.get_interview(interview_id)
        except NotFoundError:
            return None

    def _touchpoint(self, interview_id: int, contact: str, channel: Channel) -> tuple[Interview, Touchpoint] | None:
        loaded = self._load(interview_id)
        if loaded is None:
            return None
        interview, touchpoints = loaded
        for tp in touchpoints:
            if tp.contact == contact and tp.channel is channel:
                return interview, tp
        return None

    def _fresh_card(self, interview_id: int, contact: str, channel: Channel, now: datetime) -> Card:
        found = self._touchpoint(interview_id, contact, channel)
        if found is None:
            raise NotFoundError(f"no {channel} touchpoint for {contact}")
        interview, tp = found
        return _card_of(interview, tp, tp.draft, tp.version, self._check(interview_id, tp.draft, now))

    def _check(self, interview_id: int, draft: Draft, now: datetime) -> tuple[Finding, ...]:
        """The checker's findings, against the interview's other stored drafts and companies."""
        loaded = self._load(interview_id)
        if loaded is None:
            return ()
        interview, touchpoints = loaded
        siblings = [tp.draft for tp in touchpoints
                    if tp.body.strip() and (tp.contact, tp.channel) != (draft.contact, draft.channel)]
        return self.findings.check_one(interview_id, interview, draft, siblings,
                                       companies=self.service.companies(interview_id), now=now)


def keep_unshown(edited: Interview, stored: Interview) -> Interview:
    """`edited` with what the form does not show carried over from `stored` (salutations, whether a
    contact gave their card, the candidate's phone and LinkedIn), so editing never drops them."""
    import dataclasses

    before = {c.id: c for c in stored.contacts}
    contacts = tuple(dataclasses.replace(c, salutation=before[c.id].salutation, gave_contact=before[c.id].gave_contact)
                     if c.id in before else c for c in edited.contacts)
    candidate = dataclasses.replace(edited.candidate, phone=stored.candidate.phone, linkedin=stored.candidate.linkedin)
    return dataclasses.replace(edited, contacts=contacts, candidate=candidate)


def _card_of(interview: Interview, tp: Touchpoint, draft: Draft, version: int,
             findings: tuple[Finding, ...]) -> Card:
    return Card(contact=interview.contact(tp.contact), channel=tp.channel, status=tp.status,
                language=tp.language, subject=draft.subject, body=draft.body, version=version,
                findings=findings)


def _in_order(interview: Interview, touchpoints: tuple[Touchpoint, ...]) -> list[Touchpoint]:
    """Contacts in the order of the notes, channels in the order email, LinkedIn, X."""
    known = {c.id: i for i, c in enumerate(interview.contacts)}
    channels = list(Channel)
    return sorted((tp for tp in touchpoints if tp.contact in known),
                  key=lambda tp: (known[tp.contact], channels.index(tp.channel)))


def _filename(interview: Interview) -> str:
    import re

    from afterword.core.lang.names import fold

    stem = re.sub(r"[^a-z0-9]+", "-", fold(f"{interview.company} {interview.start:%Y-%m-%d}").lower()).strip("-")
    return f"{stem or 'interview'}.toml"
