"""Snapshots of every composed draft, so a change in wording is always a reviewed change.

Update after an intended change with `pytest tests/compose --snapshot-update` and read the diff."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from afterword.compose import compose, compose_check_in
from tests.compose.helpers import examples, extra_notes, load

ALL_NOTES = examples() + extra_notes()


def _snapshot_id(path: Path) -> str:
    """Named for the folder inside the repository, never for the folder the repository sits in."""
    return f"{'compose' if path.parent.name == 'data' else 'examples'}-{path.stem}"


@pytest.mark.parametrize("path", ALL_NOTES, ids=[_snapshot_id(p) for p in ALL_NOTES])
def test_drafts_snapshot(path: Path, snapshot: Any) -> None:
    interview = load(path)
    drafts = [
        {"contact": d.contact, "channel": str(d.channel), "language": str(d.language), "subject": d.subject,
         "body": d.body}
        for d in compose(interview)
    ]
    check_ins = [
        {"contact": c.id, "subject": (ci := compose_check_in(interview, c.id)).subject, "body": ci.body}
        for c in interview.contacts if c.email
    ]
    assert {"drafts": drafts, "check_ins": check_ins} == snapshot
