"""Every composed subject names something of this conversation, also for notes in another language."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterword.check import check_drafts
from afterword.compose import compose
from afterword.core.model import Channel
from afterword.core.notes import load_notes
from tests.conftest import DATA, example_files

NOTES = [*example_files(), *sorted((DATA / "drafts" / "notes").glob("*.toml")),
         *sorted((Path(__file__).parent / "data").glob("*.toml"))]
# Notes without a theme, need or moment for anyone give nothing specific to put in a subject.
NOTHING_SPECIFIC = {"sparse.toml"}


@pytest.mark.parametrize("path", [p for p in NOTES if p.name not in NOTHING_SPECIFIC], ids=lambda p: p.name)
def test_no_generic_subject(path: Path) -> None:
    interview = load_notes(path)
    drafts = [d for d in compose(interview) if d.channel is Channel.EMAIL]
    findings = check_drafts(interview, drafts)
    generic = [(d.contact, d.subject) for d, f in zip(drafts, findings, strict=True)
               if any(x.code in ("subject-generic", "subject-missing", "subject-long") for x in f)]
    assert generic == []


def test_reader_in_another_language_gets_the_theme_not_the_role() -> None:
    interview = load_notes(DATA / "drafts" / "notes" / "names.toml")
    subject = next(d.subject for d in compose(interview, contacts=["anneke"]) if d.channel is Channel.EMAIL)
    assert subject == "Self-service dashboards for the sales team"
