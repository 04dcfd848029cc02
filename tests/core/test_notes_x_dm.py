"""`x_dm` (added after format 1): whether a contact's X direct messages are open; older files stay valid."""

from __future__ import annotations

import pytest

from afterword.core.errors import InputError
from afterword.core.notes import dump_notes, parse_notes

NOTES = """format = 1

[candidate]
name = "Sam Jansen"

[interview]
company = "Acme Logistics"
role = "Data Engineer"
start = 2026-11-27T14:00:00+01:00

[[contacts]]
id = "tom"
name = "Tom Okafor"
x = "@tomokafor"
{extra}
"""


def test_x_dm_is_read_written_back_and_optional() -> None:
    interview = parse_notes(NOTES.format(extra="x_dm = true"))
    assert interview.contacts[0].x_dm is True
    assert "x_dm = true" in dump_notes(interview)
    assert parse_notes(dump_notes(interview)) == interview
    assert parse_notes(NOTES.format(extra="")).contacts[0].x_dm is None


def test_x_dm_must_be_true_or_false() -> None:
    with pytest.raises(InputError) as caught:
        parse_notes(NOTES.format(extra='x_dm = "yes"'))
    assert "x_dm" in caught.value.located()
