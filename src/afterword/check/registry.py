"""Every check rule ever released, in the order of checks.md. Codes are never renamed or reused."""

from __future__ import annotations

from importlib import import_module

from afterword.check.rule import Rule

#: The codes of checks.md, in spec order; each is one module in `afterword.check.rules`.
CODES: tuple[str, ...] = (
    "late", "subject-missing", "subject-generic", "subject-long", "placeholder", "wrong-name",
    "name-misspelled", "wrong-company", "no-specifics", "no-fit", "no-question", "weak-question", "pushy",
    "self-focus", "boilerplate", "too-long", "too-short", "over-limit", "language-mismatch", "formality-mix",
    "formality-mismatch", "ungrounded-number", "duplicate", "shorthand", "third-person-reader", "private-remark",
    "spelling", "wrong-fact",
)


def _load() -> tuple[Rule, ...]:
    rules = []
    for code in CODES:
        module = import_module(f"afterword.check.rules.{code.replace('-', '_')}")
        r = module.RULE
        assert isinstance(r, Rule) and r.code == code, code
        rules.append(r)
    return tuple(rules)


RULES: tuple[Rule, ...] = _load()
_BY_CODE = {r.code: r for r in RULES}


def rule(code: str) -> Rule:
    """The rule with this code; KeyError when there is none."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown rule code `{code}`; known codes: {', '.join(CODES)}") from None
