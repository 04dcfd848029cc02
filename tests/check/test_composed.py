"""The composer's own drafts for every example come out of the checker without an error or a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterword.check import check_drafts
from afterword.compose import compose
from afterword.core.notes import load_notes
from tests.conftest import example_files


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_composed_drafts_are_clean(path: Path) -> None:
    interview = load_notes(path)
    drafts = compose(interview)
    assert drafts
    serious = [
        (d.contact, str(d.channel), f.code, f.message)
        for d, findings in zip(drafts, check_drafts(interview, drafts), strict=True)
        for f in findings if str(f.severity) in ("error", "warning")
    ]
    assert serious == []
