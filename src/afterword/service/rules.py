"""The checks explained, for the edges: what a code looks for, why it matters, an example and the fix."""

from __future__ import annotations

from dataclasses import dataclass

from afterword.core.errors import InputError
from afterword.core.model import Language


@dataclass(frozen=True)
class Explanation:
    code: str
    severity: str
    summary: str
    why: str
    example: str
    fix: str


def explain(code: str, language: Language) -> Explanation:
    """The rule `code` explained in `language`; InputError for a code that does not exist."""
    from afterword.check import rule

    try:
        r = rule(code)
    except KeyError:
        raise InputError(f"unknown check `{code}`", key="code") from None
    doc = r.docs(language)
    return Explanation(r.code, str(r.severity), r.summary[language], doc.why, doc.example, doc.fix)
