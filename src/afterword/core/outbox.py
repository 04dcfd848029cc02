"""The outbox's states and message kinds, the moves allowed between states and what each means for the touchpoint.

The one place these are written: the store's transition function (store.outbox.move) refuses any other
move, and applies the touchpoint status a move implies in the same transaction. The picture, the
exactly-once invariants and why each step commits on its own are in afterword.delivery.outbox.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from afterword.core.model import TouchpointStatus


class OutboxState(enum.StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"

    @property
    def is_active(self) -> bool:
        """On its way or gone: no second message to the same person may be queued (the unique index)."""
        return self in ACTIVE


#: The states in which a follow-up counts as on its way or gone; `uq_outbox_active_follow_up` keeps
#: these unique per contact (a failed or cancelled one may be sent again).
ACTIVE: frozenset[OutboxState] = frozenset(
    {OutboxState.QUEUED, OutboxState.SENDING, OutboxState.SENT, OutboxState.UNKNOWN})


class MessageKind(enum.StrEnum):
    FOLLOW_UP = "follow-up"
    CHECK_IN = "check-in"
    REMINDER = "reminder"  # an email to the user themself (deadline reminders, notices of stuck emails)
    DUPLICATE = "duplicate"  # a second follow-up to one person that may have gone out (revision 0003)
    REJECTION_REPLY = "rejection-reply"  # the reply to a rejection that keeps the door open (revision 0008)


class IllegalTransitionError(RuntimeError):
    """A move the outbox's state machine does not have: a bug in the caller, never the user's input."""


#: Every allowed move, `None` standing for "not in the outbox yet", with the status the move gives the
#: message's touchpoint (follow-ups only; None leaves it as it is).
TRANSITIONS: Mapping[tuple[OutboxState | None, OutboxState], TouchpointStatus | None] = {
    (None, OutboxState.QUEUED): TouchpointStatus.SCHEDULED,
    (OutboxState.QUEUED, OutboxState.SENDING): None,  # claimed by a worker
    (OutboxState.QUEUED, OutboxState.CANCELLED): TouchpointStatus.EDITED,  # the user withdrew it
    (OutboxState.QUEUED, OutboxState.FAILED): TouchpointStatus.EDITED,  # withdrawn: the login was refused
    (OutboxState.SENDING, OutboxState.SENT): TouchpointStatus.SENT,
    (OutboxState.SENDING, OutboxState.QUEUED): None,  # try again later, or its worker died before DATA
    (OutboxState.SENDING, OutboxState.FAILED): None,  # refused; the touchpoint stays scheduled and shows why
    (OutboxState.SENDING, OutboxState.UNKNOWN): None,  # the line dropped after DATA began
    (OutboxState.UNKNOWN, OutboxState.SENT): TouchpointStatus.SENT,  # found in Sent, or the user says so
    (OutboxState.UNKNOWN, OutboxState.QUEUED): None,  # the user says it did not go
    (OutboxState.FAILED, OutboxState.QUEUED): None,  # the user tries again
}


def touchpoint_status(source: OutboxState | None, target: OutboxState) -> TouchpointStatus | None:
    """The touchpoint status moving a message from `source` to `target` implies; IllegalTransitionError when the
    state machine has no such move."""
    try:
        return TRANSITIONS[(source, target)]
    except KeyError:
        raise IllegalTransitionError(f"the outbox has no move from {source or 'nothing'} to {target}") from None
