"""A check rule: code, severity, channels, documentation, messages in EN and NL, and its function."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from afterword.core.model import Channel, Language, Severity

if TYPE_CHECKING:
    from afterword.check.context import Context

ALL_CHANNELS: frozenset[Channel] = frozenset(Channel)
EMAIL_ONLY: frozenset[Channel] = frozenset({Channel.EMAIL})


@dataclass(frozen=True)
class Hit:
    """One place where a rule fires: a message key with its values, and the span it points at."""

    key: str = "default"
    values: Mapping[str, object] = field(default_factory=dict)
    start: int | None = None
    end: int | None = None
    in_subject: bool = False
    softer: Severity | None = None  # a milder severity than the rule's, for a lesser case of it


@dataclass(frozen=True)
class Doc:
    """The rule's documentation, taken from its module docstring."""

    summary: str  # the first paragraph: one line in `afterword rules`
    details: str  # further paragraphs before *Why it matters*
    why: str
    example: str
    fix: str


CheckFn = Callable[["Context"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    channels: frozenset[Channel]
    doc: Doc
    summary: Mapping[Language, str]
    messages: Mapping[Language, Mapping[str, str]]
    check: CheckFn | None = None  # None: evaluated over several drafts together (duplicate)
    doc_nl: Doc | None = None  # the Dutch why / example / fix

    def docs(self, language: Language) -> Doc:
        """The documentation in `language` (English where there is no translation)."""
        return self.doc_nl if language is Language.NL and self.doc_nl is not None else self.doc

    def applies_to(self, channel: Channel) -> bool:
        return channel in self.channels

    def message(self, language: Language, key: str = "default", **values: object) -> str:
        templates = self.messages.get(language) or self.messages[Language.EN]
        return templates[key].format(**values)


def times_en(n: int) -> str:
    """A count in an English message: "once", "3 times" (Dutch writes "1 keer", "3 keer" alike)."""
    return "once" if n == 1 else f"{n} times"


_SECTION = re.compile(r"^(Why it matters|Example|Fix):\s*$", re.M)


def parse_doc(docstring: str | None) -> Doc:
    """Split a rule module's docstring into summary, *Why it matters*, *Example* and *Fix*."""
    text = (docstring or "").strip()
    pieces = _SECTION.split(text)
    head = [" ".join(p.split()) for p in pieces[0].split("\n\n") if p.strip()]
    summary, details = (head[0] if head else ""), "\n\n".join(head[1:])
    sections: dict[str, str] = {}
    for name, body in zip(pieces[1::2], pieces[2::2], strict=False):
        sections[name] = " ".join(body.split())
    return Doc(summary, details, sections.get("Why it matters", ""), sections.get("Example", ""), sections.get("Fix", ""))


def make_rule(
    code: str,
    severity: Severity,
    channels: frozenset[Channel],
    docstring: str | None,
    *,
    summary_nl: str,
    en: Mapping[str, str],
    nl: Mapping[str, str],
    check: CheckFn | None,
    doc_nl: tuple[str, str, str] | None = None,
) -> Rule:
    """Build a rule; the English summary is the first paragraph of the module docstring."""
    doc = parse_doc(docstring)
    if set(en) != set(nl):
        raise ValueError(f"{code}: EN and NL messages differ in keys: {sorted(set(en) ^ set(nl))}")
    dutch = Doc(summary_nl, "", *doc_nl) if doc_nl is not None else None
    return Rule(code, severity, channels, doc, {Language.EN: doc.summary, Language.NL: summary_nl},
                {Language.EN: dict(en), Language.NL: dict(nl)}, check, dutch)
