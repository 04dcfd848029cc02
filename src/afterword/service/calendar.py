"""Calendar use cases shared by the CLI and the web UI: the reminders feed (.ics) and invitations read into notes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from afterword.core.model import Interview, Language

if TYPE_CHECKING:
    from afterword.interop.invitation import Invitation
    from afterword.service.interviews import InterviewService


def interview_key(interview: Interview) -> str:
    """The stable calendar identity of an interview that has no database id (a notes file)."""
    from afterword.interop.reminders import interview_key as key

    return key(interview)


def reminders_ics(interviews: Sequence[Interview], *, now: datetime, keys: Sequence[str] | None = None,
                  language: Language | None = None) -> bytes:
    """A calendar with an event per follow-up deadline and its alarms (see `afterword remind --ics`)."""
    from afterword.interop.reminders import write_reminders

    return write_reminders(interviews, now=now, keys=keys, language=language)


def stored_reminders_ics(service: InterviewService, now: datetime, interview_id: int | None = None) -> bytes:
    """Reminders for every stored interview of the owner (or one), UIDs `interview-{id}` like the CLI's."""
    ids = [interview_id] if interview_id is not None else [s.id for s in service.list_interviews(now)]
    interviews = [service.get_interview(i)[0] for i in ids]
    return reminders_ics(interviews, now=now, keys=[f"interview-{i}" for i in ids])


def read_invitation(data: bytes | str, filename: str, **options: Any) -> Invitation:
    """The notes an invitation (.ics) starts: its time and zone, the organiser and guests as contacts."""
    from afterword.interop.invitation import read_invitation as read

    return read(data, filename, **options)
