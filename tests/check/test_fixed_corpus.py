"""The checker's findings on a fixed corpus stay what they were before the speed work of issue 14 (point 3):
600 drafts (400 English for the Northwind panel, 200 Dutch for Rijnland) and the findings the checker of
main at 5c1ae0a gave them (written by bench/check_corpus.py with that code), compared code, severity,
place and both messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from afterword.check.engine import check_drafts
from afterword.core.model import Channel, Draft
from afterword.core.notes import load_notes

ROOT = Path(__file__).resolve().parents[2]
CORPUS = json.loads((ROOT / "tests" / "data" / "check-corpus" / "findings.json").read_text("utf-8"))["sets"]


@pytest.mark.parametrize("index", range(len(CORPUS)), ids=[s["notes"] for s in CORPUS])
def test_findings_on_the_fixed_corpus_are_unchanged(index: int) -> None:
    corpus = CORPUS[index]
    interview = load_notes(ROOT / corpus["notes"])
    drafts = []
    for d in corpus["drafts"]:
        contact = interview.contact(d["contact"])
        drafts.append(Draft(contact.id, Channel(d["channel"]), interview.language_of(contact), d["body"], d["subject"]))
    found = [[[f.code, str(f.severity), f.start, f.end, f.in_subject, f.message_in("en"), f.message_in("nl")]
              for f in findings] for findings in check_drafts(interview, drafts)]
    assert sum(map(len, found)) > 1000
    for number, (ours, expected) in enumerate(zip(found, corpus["findings"], strict=True)):
        assert ours == expected, f"draft {number}"
