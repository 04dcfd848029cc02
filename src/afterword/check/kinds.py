"""Data-driven kinds of rule: phrase lists per language (plain text files beside the rules)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

from afterword.core.lang.pieces import FOLD as _FOLD
from afterword.core.lang.pieces import needed_pieces
from afterword.core.model import Language


@dataclass(frozen=True)
class PhraseList:
    """Phrases of one list in one language, compiled into a single case-insensitive pattern.

    A line is a phrase matched on word boundaries with flexible white space; a line starting
    with `re:` is a regular expression (kept simple: no nested repetition). `#` starts a comment.

    Scanning a text with the whole alternation tries every phrase at every position, so a text is
    first looked over for the plain letters each phrase cannot match without (`needs`), and only the
    phrases that could match it are searched, each with its own pattern, taking what the alternation
    would take (the leftmost match, the first phrase at a tie): the phrases left out match nowhere in
    the text, so the matches are the same as the whole pattern's.
    """

    phrases: tuple[str, ...]
    pattern: re.Pattern[str] | None
    parts: tuple[str, ...] = ()
    _compiled: dict[int, re.Pattern[str]] = field(default_factory=dict, compare=False, hash=False)
    _uses: list[int] = field(default_factory=lambda: [0], compare=False, hash=False)
    #: What `PhraseView.search` found in each short text (a sentence): the drafts of a batch share sentences.
    _searched: dict[str, re.Match[str] | None] = field(default_factory=dict, compare=False, hash=False)

    #: The first texts are scanned with the whole pattern (the same matches): working out what each phrase needs
    #: costs more than a few scans, so a process that checks a few drafts never does it.
    WARM_UP = 20

    @cached_property
    def needs(self) -> tuple[tuple[tuple[str, ...], ...], ...]:
        """What each phrase needs (`line_needs`); empty when some phrase needs nothing (it is tried on every
        text) or the list is short (it scans fast): no filter then."""
        needs = tuple(line_needs(line) for line in self.phrases)
        return needs if all(needs) and len(self.parts) > 4 else ()

    def finditer(self, text: str) -> list[re.Match[str]]:
        return self.finditer_among(text, self._candidates(text))

    def search(self, text: str) -> re.Match[str] | None:
        return self.search_among(text, self._candidates(text))

    def within(self, text: str) -> PhraseView:
        """This list narrowed to the phrases that could match somewhere in `text`, for searching parts of
        it (its sentences) without looking each part over again."""
        return PhraseView(self, self._candidates(text))

    def finditer_among(self, text: str, chosen: tuple[int, ...] | None) -> list[re.Match[str]]:
        if chosen is None:
            return list(self.pattern.finditer(text)) if self.pattern is not None else []
        found: list[re.Match[str]] = []
        upcoming: dict[int, re.Match[str] | None] = {}
        position = 0
        while chosen:
            match = self._first(text, chosen, position, upcoming)
            if match is None:
                break
            found.append(match)
            position = max(match.end(), match.start() + 1)
        return found

    def search_among(self, text: str, chosen: tuple[int, ...] | None) -> re.Match[str] | None:
        if chosen is None:
            return self.pattern.search(text) if self.pattern is not None else None
        return self._first(text, chosen, 0, {}) if chosen else None

    def _candidates(self, text: str) -> tuple[int, ...] | None:
        """The phrases that could match `text`, in order; None for all of them (or no filter)."""
        if self.pattern is None:
            return None
        self._uses[0] += 1
        if self._uses[0] <= self.WARM_UP or not self.needs:
            return None
        folded = text.translate(_FOLD)
        triggered: set[int] = set()
        for piece, indices in self._triggers:
            if piece in folded:
                triggered.update(indices)
        needs = self.needs
        chosen = tuple(i for i in sorted(triggered) if all(any(p in folded for p in clause) for clause in needs[i]))
        return None if len(chosen) == len(self.parts) else chosen

    @cached_property
    def _triggers(self) -> tuple[tuple[str, tuple[int, ...]], ...]:
        """Each piece of some phrase's most telling clause (its shortest piece the longest), with those phrases: a
        phrase is tried only when a piece of that clause is in the text (then its other clauses are asked), so a
        text is looked over once per distinct piece rather than once per phrase and clause."""
        by_piece: dict[str, list[int]] = {}
        for index, clauses in enumerate(self.needs):
            telling = max(clauses, key=lambda clause: min(len(piece) for piece in clause))
            for piece in telling:
                by_piece.setdefault(piece, []).append(index)
        return tuple((piece, tuple(indices)) for piece, indices in by_piece.items())

    def _first(self, text: str, chosen: tuple[int, ...], position: int,
               upcoming: dict[int, re.Match[str] | None]) -> re.Match[str] | None:
        """What the whole alternation finds from `position`: the leftmost match of any phrase, the first
        phrase in order at a tie (the alternation tries them in order at each place). `upcoming` keeps
        each phrase's next match between calls, so a phrase is searched again only once passed."""
        best: re.Match[str] | None = None
        for index in chosen:
            if index in upcoming:
                match = upcoming[index]
                if match is not None and match.start() < position:
                    match = upcoming[index] = self._part(index).search(text, position)
            else:
                match = upcoming[index] = self._part(index).search(text, position)
            if match is not None and (best is None or match.start() < best.start()):
                best = match
        return best

    def _part(self, index: int) -> re.Pattern[str]:
        compiled = self._compiled.get(index)
        if compiled is None:
            compiled = self._compiled[index] = re.compile(f"(?:{self.parts[index]})", re.IGNORECASE)
        return compiled


@dataclass(frozen=True)
class PhraseView:
    """A phrase list narrowed to the phrases that could match in one text (`PhraseList.within`)."""

    phrases: PhraseList
    chosen: tuple[int, ...] | None

    def finditer(self, text: str) -> list[re.Match[str]]:
        return self.phrases.finditer_among(text, self.chosen)

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in `text`, a part of the text the view was made for: the whole pattern's first match
        (the phrases left out match nowhere in it), so a short text's answer is kept for every view."""
        if len(text) > _REMEMBERED_CHARS:
            return self.phrases.search_among(text, self.chosen)
        searched = self.phrases._searched
        if text in searched:
            return searched[text]
        found = self.phrases.search_among(text, self.chosen)
        if len(searched) >= _REMEMBERED_TEXTS:
            searched.clear()
        searched[text] = found
        return found


#: A view remembers its answers for texts up to this long (sentences), up to this many per list.
_REMEMBERED_CHARS = 500
_REMEMBERED_TEXTS = 20_000


_APOSTROPHES = re.compile("['’]")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def line_needs(line: str) -> tuple[tuple[str, ...], ...]:
    """`needed_pieces` of the line's pattern. A plain line's are read off its words, without parsing the
    pattern (parsing every phrase took a tenth of a `draft`); a test compares the two on every line of every
    list and on any text. A line with a typographic apostrophe is parsed (its pattern has a set in a set)."""
    if line.startswith("re:") or "’" in line:
        return needed_pieces(_phrase_regex(line))
    runs = (run.lower() for word in line.split() for piece in _APOSTROPHES.split(word)
            for run in _NOT_ASCII.split(piece) if run)
    return tuple(dict.fromkeys((run,) for run in runs))


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
    return _compiled(raw_lines(language, name))


@cache
def both_languages(name: str) -> PhraseList:
    """The list `name` of every language in one pattern (a draft may mix languages; one pass is faster)."""
    return _compiled(tuple(dict.fromkeys(line for lang in Language for line in raw_lines(lang, name))))


def _compiled(lines: tuple[str, ...]) -> PhraseList:
    if not lines:
        return PhraseList((), None)
    parts = tuple(_phrase_regex(line) for line in lines)
    pattern = re.compile("|".join(f"(?:{part})" for part in parts), re.IGNORECASE)
    return PhraseList(lines, pattern, parts)


@cache
def word_set(language: Language | str, name: str) -> frozenset[str]:
    """A list used as a set of lower-case words."""
    return frozenset(line.lower() for line in raw_lines(language, name))


def list_names() -> list[str]:
    """The phrase list names (the same in every language)."""
    folder = resources.files("afterword.check").joinpath("phrases", "en")
    return sorted(p.name.removesuffix(".txt") for p in folder.iterdir() if p.name.endswith(".txt"))
