"""The stored reply to a rejection is checked like every draft, without the checks that only a first follow-up
needs: on the bundled examples, in both languages, the checker finds nothing in the program's own reply."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterword.compose import compose_door_open
from afterword.core.notes import load_notes
from afterword.service.rejection_replies import check_reply

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("name", ["northwind-panel.toml", "rijnland-gesprek.toml"])
def test_the_programs_own_reply_to_a_rejection_draws_no_finding(name: str) -> None:
    interview = load_notes(EXAMPLES / name)
    contact = next(c for c in interview.contacts if c.email)
    draft = compose_door_open(interview, contact.id)
    assert draft.subject and draft.body
    found = check_reply(interview, draft)
    assert [f.code for f in found] == []
