"""A held-out set: drafts three other authors wrote against the example notes (over 300), good ones and ones
with one realistic fault. Good drafts must come out without an error or warning; each faulty one must get
its code. A known miss (`known_miss`) or a debatable false alarm (`known_false_alarm`) runs as a strict
xfail, so fixing it is noticed."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from afterword.check import check_drafts
from afterword.core.draftfile import parse_draft_text
from afterword.core.model import Channel, Draft, Finding, Interview, Severity
from afterword.core.notes import load_notes
from afterword.core.timeutil import parse_instant

HERE = Path(__file__).resolve().parent.parent / "data" / "second-author"
CASES: list[dict[str, Any]] = tomllib.loads((HERE / "cases.toml").read_text("utf-8"))["case"]


@cache
def _interview(name: str) -> Interview:
    return load_notes(HERE / "notes" / name)


def _draft(case: dict[str, Any]) -> Draft:
    interview = _interview(case["notes"])
    channel = Channel(case["channel"])
    subject, body = parse_draft_text((HERE / "drafts" / case["file"]).read_text("utf-8"), channel)
    contact = interview.contact(case["to"])
    return Draft(contact.id, channel, interview.language_of(contact), body, subject)


def _findings(case: dict[str, Any]) -> list[Finding]:
    """The case's findings, checked together with the rest of its `group` (for `duplicate`)."""
    members = [c for c in CASES if case.get("group") and c.get("group") == case["group"]] or [case]
    results = check_drafts(_interview(case["notes"]), [_draft(m) for m in members],
                           sent_at=parse_instant(case["sent_at"]), other_companies=case.get("other", ()),
                           linkedin_limit=case.get("linkedin_limit", 200))
    return results[members.index(case)]


def _faulty() -> list[Any]:
    return [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c["known_miss"])) if "known_miss" in c else c
            for c in CASES if c["expect"]]


def _good() -> list[Any]:
    return [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c["known_false_alarm"]))
            if "known_false_alarm" in c else c for c in CASES if not c["expect"]]


@pytest.mark.parametrize("case", _good(), ids=lambda c: c["file"])
def test_a_good_draft_gets_no_error_or_warning(case: dict[str, Any]) -> None:
    bad = [(f.code, f.message) for f in _findings(case) if f.severity is not Severity.SUGGESTION]
    assert bad == []


@pytest.mark.parametrize("case", _faulty(), ids=lambda c: c["file"])
def test_a_faulty_draft_gets_its_code(case: dict[str, Any]) -> None:
    codes = {f.code for f in _findings(case)}
    assert set(case["expect"]) <= codes


def test_every_draft_file_has_a_case() -> None:
    assert {p.name for p in (HERE / "drafts").glob("*.txt")} == {c["file"] for c in CASES}
    assert len(CASES) >= 300
