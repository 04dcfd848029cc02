"""The registry is the contract of checks.md: codes, severities, channels, docs and messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from afterword.check import RULES, rule
from afterword.check.docs import render
from afterword.check.kinds import list_names, raw_lines
from afterword.core.model import Channel, Language, Severity

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "docs" / "checks.md"  # the project's copy of the checks contract
ALL = "email, linkedin, x"
#: The table of checks.md, pinned here so the contract holds even where the spec file is absent.
EXPECTED = [
    ("late", "error", ALL), ("subject-missing", "error", "email"), ("subject-generic", "warning", "email"),
    ("subject-long", "warning", "email"), ("placeholder", "error", ALL), ("wrong-name", "error", ALL),
    ("name-misspelled", "error", ALL), ("wrong-company", "error", ALL), ("no-specifics", "warning", ALL),
    ("no-fit", "suggestion", "email"), ("no-question", "suggestion", "email"), ("weak-question", "warning", ALL),
    ("pushy", "warning", ALL), ("self-focus", "suggestion", "email"), ("boilerplate", "suggestion", "email"),
    ("too-long", "warning", "email"), ("too-short", "warning", "email"), ("over-limit", "error", "linkedin, x"),
    ("language-mismatch", "warning", ALL), ("formality-mix", "warning", ALL),
    ("formality-mismatch", "warning", ALL), ("ungrounded-number", "warning", ALL), ("duplicate", "warning", ALL),
    ("shorthand", "warning", ALL), ("third-person-reader", "warning", ALL), ("private-remark", "warning", ALL),
    ("spelling", "suggestion", ALL), ("wrong-fact", "error", ALL),
]
JARGON = re.compile(r"\b(?:lemma|token|regex|item|fast key|stem|notes profile|context|hit|registry)\b", re.I)


def _channels(text: str) -> frozenset[Channel]:
    return frozenset(Channel(c.strip()) for c in text.split(","))


def test_registry_matches_the_pinned_table() -> None:
    got = [(r.code, str(r.severity), ", ".join(str(c) for c in Channel if c in r.channels)) for r in RULES]
    assert got == EXPECTED


def test_registry_matches_checks_md() -> None:
    rows = re.findall(r"^\| `([a-z-]+)` \| (error|warning|suggestion) \| ([a-z, ]+) \|", SPEC.read_text("utf-8"),
                      re.M)
    spec = [(code, sev, ALL if chans.strip() == "all" else chans.strip()) for code, sev, chans in rows
            if code not in ("uncovered-contact", "overdue", "due-soon")]
    assert spec == EXPECTED


def test_lookup_and_unknown_code() -> None:
    assert rule("pushy").severity is Severity.WARNING
    with pytest.raises(KeyError, match="known codes"):
        rule("no-such-rule")


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_rule_is_documented_in_both_languages(r: object) -> None:
    from afterword.check.rule import Rule

    assert isinstance(r, Rule)
    assert r.doc.summary and r.doc.why and r.doc.example and r.doc.fix
    dutch = r.docs(Language.NL)
    assert dutch is not r.doc and dutch.why and dutch.example and dutch.fix
    assert r.summary[Language.NL] and r.summary[Language.NL] != r.summary[Language.EN]
    assert set(r.messages[Language.EN]) == set(r.messages[Language.NL])
    for lang in Language:
        for template in r.messages[lang].values():
            assert not JARGON.search(template), template


def test_phrase_lists_exist_in_both_languages_and_compile() -> None:
    from afterword.check.kinds import phrase_list

    names = list_names()
    assert {"boilerplate", "pushy", "weak_questions", "placeholders", "generic_words"} <= set(names)
    for name in names:
        for lang in Language:
            assert raw_lines(lang, name), f"{lang}/{name}.txt is empty"
            phrase_list(lang, name)  # compiles


def test_docs_rules_md_is_up_to_date() -> None:
    path = ROOT / "docs" / "rules.md"
    assert path.read_text("utf-8") == render(), "run `python -m afterword.check.docs > docs/rules.md`"


def test_docs_list_every_code() -> None:
    text = render()
    for r in RULES:
        assert f"## {r.code}\n" in text
