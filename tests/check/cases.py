"""The draft cases of tests/data/drafts/cases.toml, loaded and checked."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from afterword.check import check_drafts
from afterword.core.draftfile import parse_draft_text
from afterword.core.model import Channel, Draft, Finding, Interview, Language
from afterword.core.notes import load_notes
from afterword.core.timeutil import parse_instant

DRAFTS = Path(__file__).resolve().parent.parent / "data" / "drafts"


@dataclass(frozen=True)
class Case:
    file: str
    notes: str
    to: str
    channel: Channel = Channel.EMAIL
    sent_at: str | None = None
    other: tuple[str, ...] = ()
    linkedin_limit: int = 200
    group: str | None = None
    fires: tuple[str, ...] = ()
    quiet: tuple[str, ...] = ()
    clean: bool = False
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def id(self) -> str:
        suffix = f"@{self.group}" if self.group else ("@late" if "late" in self.fires else "")
        return f"{self.file}{suffix}" + (f"@{self.channel}" if self.channel is not Channel.EMAIL else "")

    @property
    def language(self) -> Language:
        interview = interview_for(self.notes)
        return interview.language_of(interview.contact(self.to))

    def draft(self) -> Draft:
        text = (DRAFTS / self.file).read_text("utf-8")
        subject, body = parse_draft_text(text, self.channel)
        return Draft(self.to, self.channel, self.language, body, subject)


@cache
def interview_for(notes: str) -> Interview:
    return load_notes(DRAFTS / "notes" / notes)


@cache
def all_cases() -> tuple[Case, ...]:
    data = tomllib.loads((DRAFTS / "cases.toml").read_text("utf-8"))
    out = []
    for raw in data["case"]:
        raw = dict(raw)
        out.append(Case(
            file=raw.pop("file"), notes=raw.pop("notes"), to=raw.pop("to"),
            channel=Channel(raw.pop("channel", "email")), sent_at=raw.pop("sent_at", None),
            other=tuple(raw.pop("other", ())), linkedin_limit=int(raw.pop("linkedin_limit", 200)),
            group=raw.pop("group", None), fires=tuple(raw.pop("fires", ())), quiet=tuple(raw.pop("quiet", ())),
            clean=bool(raw.pop("clean", False)), extra=raw,
        ))
    return tuple(out)


def findings_for(case: Case) -> list[Finding]:
    """Check the case's draft, together with the rest of its group when it has one."""
    interview = interview_for(case.notes)
    members = [c for c in all_cases() if case.group and c.group == case.group] or [case]
    sent_at = parse_instant(case.sent_at) if case.sent_at else None
    results = check_drafts(interview, [m.draft() for m in members], sent_at=sent_at, other_companies=case.other,
                           linkedin_limit=case.linkedin_limit)
    return results[members.index(case)]
