"""Check: read a draft the way a sharp recruiter would and report Findings.

`check_draft` checks one draft, `check_drafts` several together (adding `duplicate`); `RULES` is the
registry of every code in `checks.md`, in spec order; `rule(code)` looks one up.
"""

from __future__ import annotations

from afterword.check.engine import check_draft, check_drafts
from afterword.check.registry import RULES, rule
from afterword.check.rule import Rule
from afterword.check.rules.subject_generic import subject_is_specific

__all__ = ["RULES", "Rule", "check_draft", "check_drafts", "rule", "subject_is_specific"]
