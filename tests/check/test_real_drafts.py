"""Drafts from real-looking notes, by four independent authors, in English and Dutch: each faulty draft gets
its code, and no good draft gets a finding of the five codes for real notes (shorthand, third-person-reader,
private-remark, spelling, wrong-fact). What the checker does not get right yet is a strict xfail."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from afterword.check import check_drafts
from afterword.core.draftfile import parse_draft_text
from afterword.core.model import Channel, Draft, Finding, Interview
from afterword.core.notes import load_notes
from afterword.core.timeutil import parse_instant

HERE = Path(__file__).resolve().parent.parent / "data" / "real-drafts"
SPLIT = tomllib.loads((HERE / "split.toml").read_text("utf-8"))
NEW = frozenset({"shorthand", "third-person-reader", "private-remark", "spelling", "wrong-fact"})


def _cases() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for folder in sorted(HERE.glob("checks-*")):
        for case in tomllib.loads((folder / "cases.toml").read_text("utf-8"))["case"]:
            out.append((folder.name, case))
    return out


@cache
def _interview(folder: str, name: str) -> Interview:
    return load_notes(HERE / folder / "notes" / name)


def _findings(folder: str, case: dict[str, Any]) -> list[Finding]:
    interview = _interview(folder, case["notes"])
    channel = Channel(case["channel"])
    contact = interview.contact(case["to"])
    subject, body = parse_draft_text((HERE / folder / "drafts" / case["file"]).read_text("utf-8"), channel)
    draft = Draft(contact.id, channel, interview.language_of(contact), body, subject)
    return check_drafts(interview, [draft], sent_at=parse_instant(case["sent_at"]))[0]


def _params(faulty: bool) -> list[Any]:
    out = []
    for folder, case in _cases():
        if bool(case["expect"]) != faulty:
            continue
        key = f"{folder}/{case['file']}"
        known = SPLIT["known"].get(key)
        marks = [pytest.mark.xfail(strict=True, reason=known)] if known else []
        out.append(pytest.param(folder, case, marks=marks, id=key))
    return out


@pytest.mark.parametrize(("folder", "case"), _params(faulty=True))
def test_a_faulty_draft_gets_its_code(folder: str, case: dict[str, Any]) -> None:
    codes = {f.code for f in _findings(folder, case)}
    assert set(case["expect"]) <= codes


@pytest.mark.parametrize(("folder", "case"), _params(faulty=False))
def test_a_good_draft_gets_none_of_the_real_notes_codes(folder: str, case: dict[str, Any]) -> None:
    bad = [(f.code, f.message) for f in _findings(folder, case) if f.code in NEW]
    assert bad == []


def test_the_set_is_large_enough_and_split() -> None:
    cases = _cases()
    assert len(cases) >= 250
    assert sum(1 for _, c in cases if not c["expect"]) >= 120
    assert len(SPLIT["heldout"]) >= 70
