"""Who was in the interview: the role first, and a place an interview may be held in is not a passing (EN/NL)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("role", "met", "passing"), [
    ("hiring-manager", "kantine, aan de stamtafel", False),  # the interview was held in the canteen
    ("hiring-manager", "keuken, hele middag/avond", False),
    ("interviewer", "kantine", False),
    ("executive", "jury (voorzitter)", False),
    ("recruiter", "lobby, walked me up", True),
    ("hiring-manager", "said hi in the lift, 5 min", True),
    ("team-member", "kantine", True),
    ("interviewer", "lunch", True),
])
def test_who_was_in_the_interview_reads_the_role_first_and_a_venue_is_not_a_passing(
        role: str, met: str, passing: bool) -> None:
    from afterword.core.model import Contact, ContactRole

    assert Contact(id="c", name="Kim de Vries", role=ContactRole(role), met=met).met_in_passing is passing
