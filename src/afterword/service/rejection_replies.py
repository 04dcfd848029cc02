"""The reply to a rejection as a touchpoint of its own: composed and checked like any draft, stored once per
interview, shown, edited, sent through the one send flow (service.sending.send_emails) or dropped.

    replies = RejectionReplies(interviews)
    replies.get(interview_id)                      # ReplyView | None, with the checker's findings
    replies.edit(interview_id, subject, body, version, now)
    send_emails(delivery, interview_id, [], at=None, now=now, kind=MessageKind.REJECTION_REPLY)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from afterword.core.errors import InputError
from afterword.core.model import Channel, Contact, ContactRole, Draft, Finding, Interview, Language
from afterword.core.outbox import MessageKind
from afterword.core.text import Text
from afterword.delivery import outbox
from afterword.delivery.mime import Mailbox, Outgoing, make_message_id, parse_mailbox
from afterword.store import outbox as outbox_store
from afterword.store import rejection_replies as store
from afterword.store.rejection_replies import ReplyState

if TYPE_CHECKING:
    from afterword.service.interviews import InterviewService

__all__ = ["NOT_FOR_DOOR_OPEN", "RejectionReplies", "ReplyState", "ReplyView", "reply_contact"]

#: Checks about what a first follow-up must carry (a need met, a question, a detail of this conversation, a subject
#: that names a theme): a reply to a rejection answers their message and carries none of them on purpose.
NOT_FOR_DOOR_OPEN = frozenset({"no-fit", "no-question", "no-specifics", "subject-generic"})

#: Who most likely brought the news, when the outcome does not say: the first with an email address.
_NEWS_BRINGERS = (ContactRole.RECRUITER, ContactRole.HIRING_MANAGER)


@dataclass(frozen=True)
class ReplyView:
    """The stored reply as the edges show it: to whom, where it stands, its text and the checker's findings."""

    id: int
    interview_id: int
    contact: str
    name: str
    address: str | None
    state: str  # pending | queued | sent | dropped, or the outbox's `failed`/`unknown` while queued
    language: Language
    subject: str
    body: str
    version: int
    outbox_id: int | None
    created_at: datetime
    sent_at: datetime | None
    closed_at: datetime | None
    findings: tuple[Finding, ...] = ()

    @property
    def draft(self) -> Draft:
        return Draft(self.contact, Channel.EMAIL, self.language, self.body, self.subject)

    @property
    def editable(self) -> bool:
        return self.state == ReplyState.PENDING


def reply_contact(interview: Interview, named: str | None, *, key: str = "--from") -> Contact | None:
    """Who the reply is for: the contact `named` (who brought the news), else the recruiter, else the hiring
    manager, else whoever hosted the interview; each with an email address. None: nobody has one."""
    if named is not None:
        contact = next((c for c in interview.contacts if c.id == named), None)
        if contact is None:
            known = ", ".join(c.id for c in interview.contacts) or "-"
            raise InputError(Text(f"the interview has no contact `{named}`; its contacts: {known}",
                                  f"het gesprek heeft geen contact `{named}`; de contacten: {known}"), key=key)
        if not contact.email:
            raise InputError(Text(f"{contact.name} has no email address in the notes, so the reply cannot go to "
                                  "them; name someone who has one with --reply-to",
                                  f"{contact.name} heeft geen e-mailadres in de notities, dus het antwoord kan niet "
                                  "naar hen; noem iemand met een adres met --reply-to"), key=key)
        return contact
    for role in _NEWS_BRINGERS:
        found = next((c for c in interview.contacts if c.email and c.effective_role is role), None)
        if found is not None:
            return found
    return interview.host()


def check_reply(interview: Interview, draft: Draft) -> tuple[Finding, ...]:
    """The checker's findings on a reply to a rejection (`late` and the first follow-up's musts do not apply)."""
    from afterword.check.engine import check_draft

    return tuple(f for f in check_draft(interview, draft) if f.code not in NOT_FOR_DOOR_OPEN)


class RejectionReplies:
    """The stored reply to a rejection, over one owner's store."""

    def __init__(self, interviews: InterviewService) -> None:
        self.interviews = interviews
        self.store = interviews.store

    def get(self, interview_id: int, *, check: bool = True) -> ReplyView | None:
        with self.store.read() as repo:
            interview = repo.load_interview(interview_id)
            row = store.of_interview(repo.conn, self.store.owner, interview_id)
        return None if row is None else self._view(row, interview, check=check)

    def require(self, interview_id: int) -> ReplyView:
        view = self.get(interview_id)
        if view is None:
            raise InputError(Text(f"interview {interview_id} has no reply to a rejection; set the outcome first "
                                  f"(`afterword outcome {interview_id} rejected`)",
                                  f"gesprek {interview_id} heeft geen antwoord op een afwijzing; zet eerst de "
                                  f"uitkomst (`afterword outcome {interview_id} rejected`)"), key="ID")
        return view

    def _view(self, row: store.ReplyRow, interview: Interview, *, check: bool = True) -> ReplyView:
        contact = next((c for c in interview.contacts if c.id == row.contact), None)
        state = str(row.state)
        if row.state is ReplyState.QUEUED and row.outbox_id is not None:
            message = outbox_store.get(self.store.engine, row.outbox_id)
            if message is not None and message.state in ("failed", "unknown"):
                state = message.state
        view = ReplyView(
            id=row.id, interview_id=row.interview_id, contact=row.contact,
            name=contact.name if contact else row.contact, address=contact.email if contact else None,
            state=state, language=Language(row.language), subject=row.subject, body=row.body, version=row.version,
            outbox_id=row.outbox_id, created_at=row.created_at, sent_at=row.sent_at, closed_at=row.closed_at)
        if check and row.state is ReplyState.PENDING:
            from dataclasses import replace

            view = replace(view, findings=check_reply(interview, view.draft))
        return view

    # -- the user ---------------------------------------------------------------------------

    def edit(self, interview_id: int, subject: str | None, body: str | None, expected_version: int | None,
             now: datetime) -> ReplyView:
        view = self.require(interview_id)
        if not view.editable:
            raise InputError(_not_pending(interview_id, view.state, "edited", "bewerkt"), key="ID")
        if expected_version is not None and expected_version != view.version:
            raise InputError(Text(f"the reply was changed elsewhere (version {view.version}, you edited "
                                  f"{expected_version}); look again",
                                  f"het antwoord is elders gewijzigd (versie {view.version}, jij bewerkte "
                                  f"{expected_version}); kijk opnieuw"), key="--version")
        new_subject = view.subject if subject is None else subject
        new_body = view.body if body is None else body
        if not new_subject.strip() or not new_body.strip():
            raise InputError(Text("the reply needs a subject and a text",
                                  "het antwoord heeft een onderwerp en een tekst nodig"), key="--subject")
        with self.store.write() as repo:
            row = store.of_interview(repo.conn, self.store.owner, interview_id)
            if row is None or row.version != view.version or not store.edit(repo.conn, row, new_subject, new_body,
                                                                              now):
                raise InputError(_changed(), key="ID")
        return self.require(interview_id)

    def drop(self, interview_id: int, now: datetime) -> ReplyView:
        view = self.require(interview_id)
        with self.store.write() as repo:
            row = store.of_interview(repo.conn, self.store.owner, interview_id)
            if row is None or not store.drop(repo.conn, row, now):
                raise InputError(_not_pending(interview_id, view.state, "dropped", "laten vervallen"), key="ID")
        return self.require(interview_id)

    # -- the send flow (service.sending.send_emails with kind=REJECTION_REPLY) ----------------

    def messages(self, interview_id: int, contacts: Sequence[str], sender: Mailbox) -> list[tuple[str, Outgoing]]:
        """The reply as a validated message (InputError when it cannot go)."""
        view = self.require(interview_id)
        if contacts and set(contacts) != {view.contact}:
            raise InputError(Text(f"the reply to the rejection is for {view.name} ({view.contact}), not "
                                  f"{', '.join(contacts)}",
                                  f"het antwoord op de afwijzing is voor {view.name} ({view.contact}), niet "
                                  f"{', '.join(contacts)}"), key="--contact")
        if not view.editable:
            raise InputError(_not_pending(interview_id, view.state, "sent", "verstuurd"), key="ID")
        if not view.address:
            raise InputError(Text(f"{view.name} has no email address in the notes",
                                  f"{view.name} heeft geen e-mailadres in de notities"), key=view.contact)
        to = parse_mailbox(view.address, f"{view.contact}.email", name=view.name)
        return [(view.contact, Outgoing(sender=sender, to=(to,), subject=view.subject.strip(), body=view.body,
                                        message_id=make_message_id(sender.address.rpartition("@")[2])))]

    def check(self, interview_id: int) -> dict[str, list[Finding]]:
        view = self.require(interview_id)
        return {view.contact: list(view.findings)}

    def queue(self, interview_id: int, sender: Mailbox, send_at: datetime, now: datetime) -> list[int]:
        """Hand the pending reply to the outbox (the reply says `queued` in the same transaction): once."""
        view = self.require(interview_id)
        [(contact, message)] = self.messages(interview_id, [], sender)
        new = outbox.to_new_message(message, send_at, interview_id=interview_id, contact=contact,
                                    kind=MessageKind.REJECTION_REPLY)
        with self.store.write() as repo:
            row = store.of_interview(repo.conn, self.store.owner, interview_id)
            outbox_id = None
            if row is not None and row.version == view.version:
                outbox_id = store.hand_to_outbox(repo.conn, row, new, now)
        if outbox_id is None:
            raise InputError(_changed(), key="ID")
        return [outbox_id]


def _not_pending(interview_id: int, state: str, verb: str, dutch_verb: str) -> Text:
    dutch = {"queued": "in de wachtrij", "sent": "verstuurd", "dropped": "vervallen", "failed": "mislukt",
             "unknown": "onzeker"}.get(state, state)
    return Text(f"the reply to the rejection in interview {interview_id} is {state}; only a pending one can be "
                f"{verb}",
                f"het antwoord op de afwijzing in gesprek {interview_id} is {dutch}; alleen een wachtend antwoord "
                f"kan worden {dutch_verb}")


def _changed() -> Text:
    return Text("the reply changed meanwhile; look again", "het antwoord is intussen gewijzigd; kijk opnieuw")
