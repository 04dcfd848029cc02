"""One seeded history over two interviews, the same for the timeline's unit tests and the browser tests.

Acme's panel ends Friday 27 November 2026 15:30 (+01:00); the Gemeente's one-on-one on Thursday 26 November.

    who               channel   sent                         after the end   then
    Els               LinkedIn  Fri 16:30                    1 h             replied Mon 30 Nov 12:00
    Maria             email     Fri 18:00 (edited twice)     2 h 30 min      a check-in waits
    Maria             LinkedIn  Sat 10:00                    18 h 30 min
    Tom               email     Sat 20:00                    28 h 30 min     replied Mon 30 Nov 09:00
    Tom               X         —                                            skipped Sat 09:00
    Henk (Gemeente)   email     60 h after its end           60 h

So 5 follow-ups have a send time, 3 of them inside 24 hours; email 1 reply to 3 sent (33 %), LinkedIn 1 to 2
(50 %), X nothing sent; the middle delay is 18 h 30 min.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from afterword.core.model import Channel, TouchpointStatus
from afterword.core.notes import load_notes
from afterword.core.timeutil import parse_instant
from afterword.service.interviews import InterviewService
from tests.conftest import SHARED_EXAMPLES

ACME = SHARED_EXAMPLES / "acme-panel.toml"
GEMEENTE = SHARED_EXAMPLES / "gemeente-een-op-een.toml"
IMPORTED = parse_instant("2026-11-27T16:00:00+01:00")
#: The clock of the tests that read the seeded history: Monday afternoon, all of it in the past.
NOW = parse_instant("2026-11-30T15:00:00+01:00")


def at(text: str) -> datetime:
    return parse_instant(f"2026-{text}:00+01:00")


def seed(service: InterviewService) -> tuple[int, int]:
    """Store both interviews with their drafts and the history above; returns their ids."""
    E, L, X, S = Channel.EMAIL, Channel.LINKEDIN, Channel.X, TouchpointStatus
    acme, _, _ = service.import_with_drafts(load_notes(ACME), at=IMPORTED)
    gemeente_interview = load_notes(GEMEENTE)
    gemeente, _, _ = service.import_with_drafts(gemeente_interview, at=IMPORTED)
    steps = [
        (acme, "els", L, S.SENT, at("11-27T16:30")),
        (acme, "maria", E, S.EDITED, at("11-27T17:00")),
        (acme, "maria", E, S.EDITED, at("11-27T17:30")),
        (acme, "maria", E, S.SENT, at("11-27T18:00")),
        (acme, "tom", X, S.SKIPPED, at("11-28T09:00")),
        (acme, "maria", L, S.SENT, at("11-28T10:00")),
        (acme, "tom", E, S.SENT, at("11-28T20:00")),
        (acme, "tom", E, S.REPLIED, at("11-30T09:00")),
        (acme, "els", L, S.REPLIED, at("11-30T12:00")),
        (gemeente, "henk", E, S.SENT, gemeente_interview.effective_end + timedelta(hours=60)),
    ]
    for interview_id, contact, channel, status, moment in steps:
        service.set_status(interview_id, contact, channel, status, at=moment)
    return acme, gemeente


def schedule_check_ins(service: InterviewService, now: datetime = NOW) -> list[int]:
    """The check-ins the worker would store for the emails sent above."""
    from afterword.service.checkins import CheckIns

    return CheckIns(service).schedule(now)
