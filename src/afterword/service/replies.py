"""Replies close the loop: read the inbox over IMAP, mark answered follow-ups `replied` and stop the check-ins
of people who wrote; settle messages whose outcome is unknown from the Sent folder.

    poll = read_replies(delivery, now)      # the worker's `replies` job, `afterword replies`
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from afterword.core.errors import InputError
from afterword.core.outbox import OutboxState
from afterword.delivery import outbox
from afterword.delivery.imap import SentRef, match_replies, written_by
from afterword.store import checkins as checkin_store
from afterword.store import outbox as store
from afterword.store.outbox import OutboxRow

if TYPE_CHECKING:
    from afterword.service.delivery import DeliveryService


@dataclass(frozen=True)
class Stopped:
    """Check-ins a reply cancelled: whose, and how many."""

    interview_id: int
    contact: str
    name: str
    count: int
    reply_message_id: str


@dataclass(frozen=True)
class ReplyPoll:
    replies: list[tuple[OutboxRow, str]]
    stopped: list[Stopped]


def settle_unknown(service: DeliveryService, now: datetime) -> list[int]:
    """Messages whose outcome is `unknown` and whose Message-ID is in the Sent folder: marked sent."""
    if service.config.imap is None or not store.list_messages(service.engine, (OutboxState.UNKNOWN,)):
        return []
    with service.imap_client() as imap:
        settled = outbox.settle_from_sent_folder(service.engine, imap.has_message_id, now)
    return settled


def read_replies(service: DeliveryService, now: datetime, lookback: timedelta = timedelta(days=30)) -> ReplyPoll:
    """Read the inbox once. A reply (by In-Reply-To/References, or sender and subject) marks its message
    and touchpoint `replied` and cancels that person's open check-ins, in one transaction; any other
    message from a person with an open check-in, written after their follow-up, cancels it too."""
    if service.config.imap is None:
        raise InputError(service.not_set_up("IMAP", "imap"), key="imap")
    waiting = store.sent_awaiting_reply(service.engine)
    if not waiting:
        return ReplyPoll([], [])
    oldest = min((row.sent_at or now) for row in waiting)
    since = (max(oldest, now - lookback) - timedelta(days=1)).date()
    with service.imap_client() as imap:
        inbox = imap.inbox_since(since)
    refs = [SentRef(row.id, row.message_id, tuple(r[0] for r in row.recipients), row.subject, row.sent_at)
            for row in waiting]
    matches = match_replies(refs, inbox)
    done: list[tuple[OutboxRow, str]] = []
    stopped: list[Stopped] = []
    for row in waiting:
        mail = matches.get(row.id)
        if mail is None:
            continue
        with service.interviews.store.write() as repo:
            if not store.mark_replied_on(repo.conn, row.id, mail.message_id, now, received=mail.received):
                continue
            closed = []
            if row.interview_id is not None and row.contact:
                closed = checkin_store.close(repo.conn, row.interview_id, row.contact,
                                             checkin_store.CheckInState.CANCELLED,
                                             f"they replied ({mail.message_id[:200]})", now)
        done.append((row, mail.message_id))
        if closed and row.interview_id is not None and row.contact:
            stopped.append(Stopped(row.interview_id, row.contact, row.recipients[0][1] or row.contact,
                                   len(closed), mail.message_id))
    sent_at = {(r.interview_id, r.contact): r.sent_at for r in waiting}
    for view in service.checkins.views(states=checkin_store.OPEN, check=False):
        if not view.address:
            continue
        mail = written_by(view.address, sent_at.get((view.interview_id, view.contact)), inbox)
        if mail is None:
            continue
        with service.interviews.store.write() as repo:
            closed = checkin_store.close(repo.conn, view.interview_id, view.contact,
                                         checkin_store.CheckInState.CANCELLED,
                                         f"they wrote ({mail.message_id[:200]})", now)
        if closed:
            stopped.append(Stopped(view.interview_id, view.contact, view.name, len(closed), mail.message_id))
    return ReplyPoll(done, stopped)


class SentFolderCopy:
    """outbox.SentCopy over the IMAP Sent folder (one login per message, like the copy after sending)."""

    def __init__(self, service: DeliveryService) -> None:
        self._service = service

    def file(self, row: OutboxRow, data: bytes) -> None:
        with self._service.imap_client() as imap:
            if not imap.has_message_id(row.message_id):  # filed before a crash or a refusal: not twice
                imap.append_sent(data, datetime.now(UTC))

    def withdraw(self, row: OutboxRow) -> None:
        with self._service.imap_client() as imap:
            imap.delete_message_id(row.message_id)

