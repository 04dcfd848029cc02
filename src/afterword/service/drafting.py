"""Draft every follow-up of one interview and check each draft: the use case behind `draft` and the web UI."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from afterword.check import check_drafts, subject_is_specific
from afterword.compose import Rough, compose, read_notes, x_length
from afterword.core.model import Channel, Draft, Finding, Interview, Language, Severity


@dataclass(frozen=True)
class CheckedDraft:
    draft: Draft
    findings: tuple[Finding, ...]

    @property
    def has_error(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


@dataclass(frozen=True)
class DraftReport:
    """The drafts of one interview with their findings, and the deadline as seen at `now`."""

    interview: Interview
    now: datetime
    items: tuple[CheckedDraft, ...]
    linkedin_limit: int = Channel.LINKEDIN.note_limit()
    rough: tuple[Rough, ...] = ()  # notes items too rough (or too private) to quote, with a rewrite

    @property
    def deadline(self) -> datetime:
        return self.interview.deadline

    @property
    def remaining(self) -> timedelta:
        return self.deadline.astimezone(UTC) - self.now.astimezone(UTC)

    @property
    def drafts(self) -> list[Draft]:
        return [item.draft for item in self.items]

    @property
    def has_error(self) -> bool:
        return any(item.has_error for item in self.items)


def rough_notes(interview: Interview) -> tuple[Rough, ...]:
    """The notes items the drafts do not quote, why, and a rewrite to try (for the CLI and the web)."""
    return read_notes(interview).rough


def draft_interview(interview: Interview, *, contacts: Sequence[str] | None = None,
                    channels: Sequence[Channel] | None = None, now: datetime,
                    other_companies: Sequence[str] = (), template_dir: Path | None = None,
                    linkedin_limit: int = Channel.LINKEDIN.note_limit(), ui_language: Language | None = None) -> DraftReport:
    """Compose the drafts asked for, then check them together (so `duplicate` can compare them).

    `late` is not a per-draft finding here (nothing is being sent); the deadline and time left
    are part of the report instead."""
    drafts = compose(interview, contacts=contacts, channels=channels, template_dir=template_dir,
                     linkedin_limit=linkedin_limit, specific=subject_is_specific)
    findings = check_drafts(interview, drafts, sent_at=None, other_companies=other_companies,
                            linkedin_limit=linkedin_limit, ui_language=ui_language)
    items = tuple(CheckedDraft(d, tuple(f)) for d, f in zip(drafts, findings, strict=True))
    return DraftReport(interview, now, items, linkedin_limit, read_notes(interview).rough)


def characters(channel: Channel, body: str, linkedin_limit: int = Channel.LINKEDIN.note_limit()) -> tuple[int, int]:
    """How long a LinkedIn note or X post counts (X weighs characters) and its limit."""
    return (x_length(body), channel.note_limit()) if channel is Channel.X else (len(body), linkedin_limit)
