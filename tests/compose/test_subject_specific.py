"""Every composed subject names something of this conversation, also for notes in another language."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterword.check import check_drafts, subject_is_specific
from afterword.compose import compose
from afterword.core.model import Channel
from afterword.core.notes import load_notes
from tests.conftest import DATA, example_files

NOTES = [*example_files(), *sorted((DATA / "drafts" / "notes").glob("*.toml")),
         *sorted((Path(__file__).parent / "data").glob("*.toml"))]
# Notes without a theme, need or moment for anyone give nothing specific to put in a subject.
NOTHING_SPECIFIC = {"sparse.toml", "reader-sparse-en-newyork.toml", "reader-sparse-nl-anne-marie.toml"}


@pytest.mark.parametrize("path", [p for p in NOTES if p.name not in NOTHING_SPECIFIC], ids=lambda p: p.name)
def test_no_generic_subject(path: Path) -> None:
    interview = load_notes(path)
    drafts = [d for d in compose(interview, specific=subject_is_specific) if d.channel is Channel.EMAIL]
    findings = check_drafts(interview, drafts)
    generic = [(d.contact, d.subject) for d, f in zip(drafts, findings, strict=True)
               if any(x.code in ("subject-generic", "subject-missing", "subject-long") for x in f)]
    assert generic == []


def test_reader_in_another_language_gets_the_theme_not_the_role() -> None:
    interview = load_notes(DATA / "drafts" / "notes" / "names.toml")
    subject = next(d.subject for d in compose(interview, contacts=["anneke"]) if d.channel is Channel.EMAIL)
    assert subject is not None and subject.startswith("Self-service dashboards for the sales team")


def test_the_checkers_test_steers_the_subject() -> None:
    """"Payouts take T+2 – a thought after our talk": every content word is in the role ("…, Payouts"), so the
    checker calls it generic; asked first, the composer picks a subject the checker accepts."""
    interview = load_notes(Path(__file__).parent / "data" / "reader-en-dublin-five.toml")
    unguided = next(d for d in compose(interview, contacts=["lukasz"]) if d.channel is Channel.EMAIL)
    guided = next(d for d in compose(interview, contacts=["lukasz"], specific=subject_is_specific)
                  if d.channel is Channel.EMAIL)
    assert unguided.subject
    assert guided.subject and subject_is_specific(interview, guided.subject)
    assert not [f for f in check_drafts(interview, [guided])[0] if f.code == "subject-generic"]
