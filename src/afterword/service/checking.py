"""Check stored drafts for the web UI: the same rules, with the other companies narrowed down first.

`wrong-company` matches an organisation's name as whole words, so a company whose first word does
not occur in any of the drafts can never fire; with thousands of stored interviews, skipping those
keeps the interview page and the live check fast. The result is the same as checking against all.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from datetime import datetime

from afterword.core.model import Draft, Finding, Interview, Severity

LINKEDIN_LIMIT = 200
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.SUGGESTION: 2}


def candidates(companies: Iterable[str], drafts: Iterable[Draft]) -> tuple[str, ...]:
    """The companies that could be named in one of `drafts`: a necessary condition, never a miss.

    A whole-word match of a name means every word-character run of the name (without a trailing
    legal suffix such as B.V. or Inc.) is also a whole run in the text.
    """
    text = " ".join(f"{d.subject or ''} {d.body}" for d in drafts)
    present = set(_WORD.findall(text.lower())) | set(_WORD.findall(text.casefold()))
    return tuple(company for company in companies
                 if all(run in present or run.casefold() in present for run in _runs(company)))


@functools.lru_cache(maxsize=65536)
def _runs(company: str) -> tuple[str, ...]:
    """The word-character runs a whole-word match of `company` needs (without a legal suffix)."""
    words = company.split()
    if len(words) > 1 and re.sub(r"\W", "", words[-1]).lower() in _LEGAL_SUFFIXES:
        words = words[:-1]
    return tuple(run for word in words for run in _WORD.findall(word.lower()))


_WORD = re.compile(r"\w+")
_LEGAL_SUFFIXES = frozenset({"bv", "nv", "inc", "ltd", "llc", "gmbh", "plc", "ag", "sa", "co"})


def check_all(interview: Interview, drafts: Sequence[Draft], *, companies: Iterable[str],
              now: datetime) -> list[tuple[Finding, ...]]:
    """Findings for each draft, checked together (so `duplicate` compares them)."""
    from afterword.check import check_drafts

    if not drafts:
        return []
    others = candidates(companies, drafts)
    found = check_drafts(interview, list(drafts), sent_at=now, other_companies=others,
                         linkedin_limit=LINKEDIN_LIMIT)
    return [ordered(f) for f in found]


def check_one(interview: Interview, draft: Draft, siblings: Sequence[Draft], *, companies: Iterable[str],
              now: datetime) -> tuple[Finding, ...]:
    """Findings for one draft against the interview's other drafts (for `duplicate`)."""
    if not draft.body.strip() and not (draft.subject or "").strip():
        return ()
    return check_all(interview, [draft, *siblings], companies=candidates(companies, [draft]), now=now)[0]


def ordered(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Errors first, then warnings, then suggestions (the checker's own order within each)."""
    return tuple(sorted(findings, key=lambda f: _ORDER.get(f.severity, 3)))
