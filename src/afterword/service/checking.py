"""Check stored drafts for the web UI: the same rules, with the other companies narrowed down first.

`wrong-company` matches an organisation's name as whole words, so a company whose first word does
not occur in any of the drafts can never fire; with thousands of stored interviews, skipping those
keeps the interview page and the live check fast. The result is the same as checking against all.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from afterword.core.model import Channel, Draft, Finding, Interview, Severity

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
                         linkedin_limit=Channel.LINKEDIN.note_limit())
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


class FindingsCache:
    """Each stored draft's findings, kept while the interview, the draft's text and the companies stay the same.

    An interview page checks every draft of the interview, and the live check every sibling with the draft
    being typed; most of those drafts have not changed since the last look. Per interview (by id) the cache
    keeps the interview as it was checked and, per draft (its whole value: contact, channel, language,
    subject and body), the findings of the per-draft rules without the clock. A different interview (edited
    notes) or another companies tuple (`InterviewService.companies`, a new object after any write) starts
    afresh. What depends on the batch or the clock is computed on every call: `duplicate` (the drafts
    together) and `late` (now). The answer is the same as `check_all`'s.
    """

    def __init__(self, interviews: int = 128, drafts: int = 256) -> None:
        from collections import OrderedDict

        self._lock = threading.Lock()
        self._interviews: OrderedDict[int, _Checked] = OrderedDict()
        self._max_interviews = interviews
        self._max_drafts = drafts

    def check_all(self, interview_id: int, interview: Interview, drafts: Sequence[Draft], *,
                  companies: tuple[str, ...], now: datetime) -> list[tuple[Finding, ...]]:
        from afterword.check import check_draft
        from afterword.check.engine import sort_findings

        if not drafts:
            return []
        entry = self._entry(interview_id, interview, companies)
        own: list[tuple[Finding, ...]] = []
        for draft in drafts:
            with self._lock:
                found = entry.drafts.get(draft)
            if found is None:
                found = tuple(check_draft(interview, draft, sent_at=None, other_companies=candidates(companies, [draft]),
                                          linkedin_limit=Channel.LINKEDIN.note_limit()))
                with self._lock:
                    if len(entry.drafts) >= self._max_drafts:
                        entry.drafts.pop(next(iter(entry.drafts)))
                    entry.drafts[draft] = found
            own.append(found)
        extra = _clock_and_batch(interview, drafts, now)
        return [ordered(sort_findings([*mine, *more]) if more else list(mine)) for mine, more in zip(own, extra, strict=True)]

    def check_one(self, interview_id: int, interview: Interview, draft: Draft, siblings: Sequence[Draft], *,
                  companies: tuple[str, ...], now: datetime) -> tuple[Finding, ...]:
        """As `check_one`, with the siblings' findings from the cache (only the draft being typed is new)."""
        if not draft.body.strip() and not (draft.subject or "").strip():
            return ()
        return self.check_all(interview_id, interview, [draft, *siblings], companies=companies, now=now)[0]

    def _entry(self, interview_id: int, interview: Interview, companies: tuple[str, ...]) -> _Checked:
        with self._lock:
            entry = self._interviews.get(interview_id)
            if entry is not None and entry.companies is companies and entry.interview == interview:
                self._interviews.move_to_end(interview_id)
                return entry
            entry = _Checked(interview, companies, {})
            self._interviews[interview_id] = entry
            self._interviews.move_to_end(interview_id)
            while len(self._interviews) > self._max_interviews:
                self._interviews.popitem(last=False)
            return entry


@dataclass
class _Checked:
    interview: Interview
    companies: tuple[str, ...]
    drafts: dict[Draft, tuple[Finding, ...]]


def _clock_and_batch(interview: Interview, drafts: Sequence[Draft], now: datetime) -> list[list[Finding]]:
    """The findings no single stored draft decides alone: `late` (the clock) and `duplicate` (the batch)."""
    from afterword.check.context import Context
    from afterword.check.engine import to_finding
    from afterword.check.registry import rule
    from afterword.check.rules.duplicate import duplicate_hits

    late, dup = rule("late"), rule("duplicate")
    out: list[list[Finding]] = []
    for draft in drafts:
        found: list[Finding] = []
        if late.check is not None and late.applies_to(draft.channel):
            found.extend(to_finding(late, hit, draft) for hit in late.check(Context(interview, draft, sent_at=now)))
        out.append(found)
    for index, hits in duplicate_hits(interview, drafts).items():
        out[index].extend(to_finding(dup, hit, drafts[index]) for hit in hits)
    return out
