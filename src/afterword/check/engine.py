"""Run the rules over drafts and turn their hits into sorted Findings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from afterword.check.context import Context
from afterword.check.registry import RULES, rule
from afterword.check.rule import Hit, Rule
from afterword.core.model import Channel, Draft, Finding, Interview, Language, Severity

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.SUGGESTION: 2}
_SPEC_ORDER = {r.code: i for i, r in enumerate(RULES)}


def check_draft(interview: Interview, draft: Draft, *, sent_at: datetime | None = None,
                other_companies: Sequence[str] = (), linkedin_limit: int = Channel.LINKEDIN.note_limit(),
                ui_language: Language | None = None) -> list[Finding]:
    """Every finding for one draft, sorted: errors, warnings, suggestions, then by position.

    `sent_at=None` means the draft is not being sent now, so `late` is not evaluated. Messages are in
    `ui_language` (the user's interface language; the draft's language when None), and every finding
    also carries them in both languages (`Finding.message_in`).
    Raises KeyError when `draft.contact` is not a contact of the interview.
    """
    ctx = Context(interview, draft, sent_at=sent_at, other_companies=other_companies,
                  linkedin_limit=linkedin_limit)
    findings: list[Finding] = []
    for r in RULES:
        if r.check is None or not r.applies_to(draft.channel):
            continue
        findings.extend(to_finding(r, hit, draft, ui_language) for hit in r.check(ctx))
    return sort_findings(findings)


def check_drafts(interview: Interview, drafts: Sequence[Draft], *, sent_at: datetime | None = None,
                 other_companies: Sequence[str] = (), linkedin_limit: int = Channel.LINKEDIN.note_limit(),
                 ui_language: Language | None = None) -> list[list[Finding]]:
    """Check several drafts of one interview together: each one's findings, in the same order,
    plus `duplicate` where a draft is 85 % or more similar to one for another contact."""
    from afterword.check.rules.duplicate import duplicate_hits

    results = [
        check_draft(interview, d, sent_at=sent_at, other_companies=other_companies, linkedin_limit=linkedin_limit,
                    ui_language=ui_language)
        for d in drafts
    ]
    dup = rule("duplicate")
    for index, hits in duplicate_hits(interview, drafts).items():
        results[index] = sort_findings(results[index] + [to_finding(dup, h, drafts[index], ui_language) for h in hits])
    return results


def to_finding(r: Rule, hit: Hit, draft: Draft, ui_language: Language | None = None) -> Finding:
    messages = {f"message_{lang}": r.message(lang, hit.key, **hit.values) for lang in Language}
    message = messages[f"message_{ui_language or draft.language}"]
    severity = r.severity
    if hit.softer is not None and _SEVERITY_ORDER[hit.softer] > _SEVERITY_ORDER[r.severity]:
        severity = hit.softer
    return Finding(r.code, severity, message, hit.start, hit.end, hit.in_subject, draft.contact, messages)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    def order(f: Finding) -> tuple[int, int, int, int]:
        place = 0 if f.start is None else (1 if f.in_subject else 2)
        return (_SEVERITY_ORDER[f.severity], place, f.start or 0, _SPEC_ORDER.get(f.code, 99))

    return sorted(findings, key=order)
