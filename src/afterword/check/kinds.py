"""Data-driven kinds of rule: phrase lists per language (plain text files beside the rules)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from afterword.core.model import Language


@dataclass(frozen=True)
class PhraseList:
    """Phrases of one list in one language, compiled into a single case-insensitive pattern.

    A line is a phrase matched on word boundaries with flexible white space; a line starting
    with `re:` is a regular expression (kept simple: no nested repetition). `#` starts a comment.
    """

    phrases: tuple[str, ...]
    pattern: re.Pattern[str] | None

    def finditer(self, text: str) -> list[re.Match[str]]:
        if self.pattern is None:
            return []
        return list(self.pattern.finditer(text))

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.pattern is not None else None


def _phrase_regex(line: str) -> str:
    if line.startswith("re:"):
        return line[3:].strip()
    words = [re.escape(w) for w in line.split()]
    body = r"\s+".join(words).replace("’", "['’]").replace("'", "['’]")
    left = r"(?<!\w)" if line[:1].isalnum() else ""
    right = r"(?!\w)" if line[-1:].isalnum() else ""
    return left + body + right


@cache
def raw_lines(language: Language | str, name: str) -> tuple[str, ...]:
    path = resources.files("afterword.check").joinpath("phrases", str(language), f"{name}.txt")
    text = path.read_text("utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


@cache
def phrase_list(language: Language | str, name: str) -> PhraseList:
    """The list `phrases/<language>/<name>.txt`, compiled once."""
    lines = raw_lines(language, name)
    if not lines:
        return PhraseList((), None)
    pattern = re.compile("|".join(f"(?:{_phrase_regex(line)})" for line in lines), re.IGNORECASE)
    return PhraseList(lines, pattern)


@cache
def both_languages(name: str) -> PhraseList:
    """The list `name` of every language in one pattern (a draft may mix languages; one pass is faster)."""
    lines = tuple(dict.fromkeys(line for lang in Language for line in raw_lines(lang, name)))
    pattern = re.compile("|".join(f"(?:{_phrase_regex(line)})" for line in lines), re.IGNORECASE)
    return PhraseList(lines, pattern)


@cache
def word_set(language: Language | str, name: str) -> frozenset[str]:
    """A list used as a set of lower-case words."""
    return frozenset(line.lower() for line in raw_lines(language, name))


def list_names() -> list[str]:
    """The phrase list names (the same in every language)."""
    folder = resources.files("afterword.check").joinpath("phrases", "en")
    return sorted(p.name.removesuffix(".txt") for p in folder.iterdir() if p.name.endswith(".txt"))
