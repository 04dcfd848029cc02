"""Notes written in another hand: no theme, nothing noted about someone met in passing, a long next step."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from afterword.check import check_drafts
from afterword.compose import compose
from afterword.core.model import Channel, Language, Severity
from afterword.core.notes import load_notes, parse_notes

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("name", ["heldout-nl-video.toml", "heldout-en-no-theme.toml"])
def test_no_error_or_warning(name: str) -> None:
    interview = load_notes(DATA / name)
    drafts = compose(interview)
    for draft, findings in zip(drafts, check_drafts(interview, drafts), strict=True):
        bad = [f.code for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)]
        assert bad == [], (draft.contact, draft.channel, draft.body)


@pytest.mark.parametrize("language", [Language.EN, Language.NL])
def test_someone_met_in_passing_without_a_theme_hears_a_noted_need(language: Language) -> None:
    text = (DATA / "heldout-en-no-theme.toml").read_text(encoding="utf-8")
    text = text.replace('role = "Data Analyst"', f'role = "Data Analyst"\nlanguage = "{language}"')
    interview = parse_notes(text)
    [note] = compose(interview, contacts=["priya"], channels=[Channel.LINKEDIN])
    assert "Demand forecasts are off by 15% in winter" in note.body
    assert len(note.body) <= 200
    [findings] = check_drafts(interview, [note])
    assert "no-specifics" not in [f.code for f in findings]


def test_a_long_next_step_is_not_pasted_into_parentheses() -> None:
    interview = load_notes(DATA / "heldout-nl-video.toml")
    for draft in compose(interview, channels=[Channel.EMAIL]):
        assert "(ze laten" not in draft.body.lower() and "binnen twee weken weten" not in draft.body
        # The time it names is said in the candidate's own words instead, to those who give the news only
        # (the hiring manager and the recruiter when the next step names nobody), never to the interviewer.
        assert ("bericht binnen twee weken" in draft.body) is (draft.contact in ("sanne", "ahmed"))
    short = load_notes(Path(__file__).parents[2] / "examples" / "northwind-panel.toml")
    emails = compose(short, channels=[Channel.EMAIL])
    # The short one too is said as a sentence, to whoever decides (readers saw "(decision by 11 December)" as a
    # pasted field): "I look forward to hearing from you by Friday 11 December."
    assert not any(re.search(r"\(decision by 11 December\)", d.body) for d in emails)
    assert any("by Friday 11 December" in d.body for d in emails)
