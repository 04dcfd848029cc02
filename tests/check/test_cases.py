"""Every rule on realistic drafts: the codes that must fire do, the ones that must not stay quiet."""

from __future__ import annotations

from collections import Counter

import pytest

from afterword.check import RULES
from afterword.core.model import Language
from tests.check.cases import Case, all_cases, findings_for


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.id)
def test_case(case: Case) -> None:
    findings = findings_for(case)
    codes = [f.code for f in findings]
    for code in case.fires:
        assert code in codes, f"{case.file}: expected {code}, got {codes}"
    for code in case.quiet:
        assert code not in codes, f"{case.file}: {code} must not fire: {[f.message for f in findings]}"
    if case.clean:
        assert codes == [], f"{case.file}: expected no findings, got {[(f.code, f.message) for f in findings]}"


def test_every_rule_has_two_firing_and_two_quiet_drafts_per_language() -> None:
    fires: Counter[tuple[str, Language]] = Counter()
    quiet: Counter[tuple[str, Language]] = Counter()
    for case in all_cases():
        lang = case.language
        for code in case.fires:
            fires[code, lang] += 1
        for code in case.quiet:
            quiet[code, lang] += 1
        if case.clean:
            for r in RULES:
                if r.applies_to(case.channel) and (r.code != "late" or case.sent_at) and (
                    r.code != "duplicate" or case.group
                ):
                    quiet[r.code, lang] += 1
    missing = []
    for r in RULES:
        for lang in Language:
            if fires[r.code, lang] < 2:
                missing.append(f"{r.code}/{lang}: {fires[r.code, lang]} firing")
            if quiet[r.code, lang] < 2:
                missing.append(f"{r.code}/{lang}: {quiet[r.code, lang]} quiet")
    assert not missing, missing


def test_case_files_exist_and_are_used() -> None:
    from tests.check.cases import DRAFTS

    used = {c.file for c in all_cases()}
    on_disk = {str(p.relative_to(DRAFTS)) for p in DRAFTS.glob("*/*.txt")}
    assert on_disk == used, (on_disk - used, used - on_disk)
