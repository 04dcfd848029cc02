"""The checks for the edges: every rule, one explained (why it matters, an example, the fix), checking texts,
and the other organisations in the database that `wrong-company` looks for. Light to import (the CLI's
`check` starts with it): the checker and the store load when first used."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from afterword.core.errors import InputError
from afterword.core.model import Draft, Finding, Interview, Language

if TYPE_CHECKING:
    from afterword.check.rule import Rule


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


def all_rules() -> Sequence[Rule]:
    """Every check rule, in the order of the specification."""
    from afterword.check import RULES

    return RULES


def find_rule(code: str) -> Rule | None:
    from afterword.check import rule

    try:
        return rule(code)
    except KeyError:
        return None


def check_texts(interview: Interview, drafts: Sequence[Draft], **options: Any) -> list[list[Finding]]:
    """The findings of each draft, checked together (so `duplicate` compares them); options as `check_drafts`."""
    from afterword.check import check_drafts

    return [list(found) for found in check_drafts(interview, list(drafts), **options)]


def stored_companies(url: str | None) -> list[str]:
    """The organisations of the interviews already in the database at `url` (None: the default one), for
    `wrong-company`. A SQLite file is read with the standard library and never created; a PostgreSQL URL
    goes through the store."""
    from afterword.store.peek import LOCAL_OWNER
    from afterword.store.peek import stored_companies as peek

    if url is None or "://" not in url or url.startswith("sqlite:"):
        return list(peek(_sqlite_file(url), LOCAL_OWNER))
    from afterword.service.interviews import open_service

    service = open_service(url)
    try:
        return list(service.other_companies())
    finally:
        service.close()


def _sqlite_file(url: str | None) -> Path:
    """The database file of `--db sqlite:///PATH` or a plain path, else the default one."""
    from afterword.store.peek import default_db_path

    if url:
        return Path(url.split(":///", 1)[1] if url.startswith("sqlite:") else url).expanduser()
    return default_db_path()
