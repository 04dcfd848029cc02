"""Private details (sleep, health, pregnancy, family, ridicule, complaints, pay, age, loss), per language.

One list (`data/<lang>/private.toml`) serves both sides: the composer never quotes a notes item that has
one, and the checker (`private-remark`) reports one quoted back in a message.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

from afterword.core.lang.pieces import FOLD, needed_pieces
from afterword.core.model import Language

#: The reader's own (your daughter, je zoon, uw gezin): family words count in a message only after these.
_READER_OWN = {Language.EN: r"(?:your|you and your)", Language.NL: r"(?:je|jouw|uw|jullie)"}
#: Anyone's (tom's daughter, z'n vrouw): in notes, a family word that is also an ordinary word ("partner
#: pharmacies", "de man van de receptie") counts only after one of these.
_SOMEONES = {Language.EN: r"(?:\w+['’]s|his|her|their|your|my|our)(?:\s+\w+)?",
             Language.NL: r"(?:z['’]n|zijn|haar|hun|je|jouw|uw|mijn|d['’]r|\w+['’]s|\w+s)"}


@dataclass(frozen=True)
class PrivateSpot:
    start: int
    end: int
    topic: str  # sleep, health, pregnancy, family, ridicule, complaint, pay, age, loss
    text: str


@cache
def _topics(lang: Language) -> dict[str, list[str]]:
    raw = tomllib.loads(resources.files("afterword.core.lang").joinpath(f"data/{lang}/private.toml").read_text("utf-8"))
    return {str(k): [str(x) for x in v] for k, v in raw.items()}


_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class _Compiled:
    """Plain phrases looked up word by word (fast); the lines written as regular expressions in one pattern."""

    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word -> (words, topic)
    pattern: re.Pattern[str] | None
    word_sets: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)  # first word -> each one's words
    parts: tuple[str, ...] = ()  # the pattern's alternatives, one named group each
    _narrowed: dict[tuple[int, ...], re.Pattern[str] | None] = field(default_factory=dict, compare=False)

    @cached_property
    def needs(self) -> tuple[tuple[tuple[str, ...], ...], ...]:
        """What each part cannot match without (`needed_pieces`)."""
        return tuple(needed_pieces(part) for part in self.parts)

    def pattern_for(self, text: str) -> re.Pattern[str] | None:
        """The pattern without the parts that cannot match anywhere in `text` (they lack a piece they need), so
        its matches are the whole pattern's; None when no part can match. Scanning every part at every place
        cost more than the rest of the private-details search."""
        folded = text.translate(FOLD)
        chosen = tuple(i for i, clauses in enumerate(self.needs)
                       if all(any(p in folded for p in clause) for clause in clauses))
        if len(chosen) == len(self.parts):
            return self.pattern
        if chosen not in self._narrowed:
            self._narrowed[chosen] = re.compile("|".join(self.parts[i] for i in chosen),
                                                re.IGNORECASE) if chosen else None
        return self._narrowed[chosen]


@cache
def _compiled(lang: Language, *, in_notes: bool) -> _Compiled:
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    parts: list[str] = []

    def add(words: tuple[str, ...], topic: str) -> None:
        phrases.setdefault(words[0], []).append((words, topic))

    for topic, lines in _topics(lang).items():
        if topic == "family_plain" or (topic in ("marked", "pay_notes", "staff_notes", "self_notes", "family_notes") and not in_notes):
            continue
        if topic == "family":
            if in_notes:
                words = "|".join(re.escape(w) for w in sorted(lines, key=len, reverse=True))
                parts.append(f"(?P<family>(?<!\\w){_SOMEONES[lang]}\\s+(?:{words})(?!\\w))")
                for word in _topics(lang).get("family_plain", []):
                    add(tuple(_WORDS.findall(word.lower())), "family")
            else:
                for own in _READER_OWN_WORDS[lang]:
                    for word in lines:
                        add((*own, *_WORDS.findall(word.lower())), "family")
            continue
        expressions = [line[3:] for line in lines if line.startswith("re:")]
        for line in lines:
            if not line.startswith("re:"):
                phrase = tuple(_WORDS.findall(line.lower()))
                if phrase:
                    add(phrase, topic)
        if expressions:
            parts.append(f"(?P<{topic}>" + "|".join(expressions) + ")")
    pattern = re.compile("|".join(parts), re.IGNORECASE) if parts else None
    return _Compiled({k: tuple(v) for k, v in phrases.items()}, pattern,
                     {k: tuple(frozenset(words) for words, _ in v) for k, v in phrases.items()}, tuple(parts))


def _may_hold_phrase(compiled: _Compiled, text: str) -> bool:
    """Whether every word of some plain phrase is in `text` (its words compared as a set, in C): most messages hold
    none, and walking their words one by one cost more than the rest of the search."""
    if not text.isascii():
        return True  # lower case can change a non-ASCII text's words; walk them
    present = set(_WORDS.findall(text.lower()))
    return any(words <= present for first in present.intersection(compiled.phrases)
               for words in compiled.word_sets[first])


#: The reader's own, as words: "your daughter", "je zoon".
_READER_OWN_WORDS = {Language.EN: (("your",), ("you", "and", "your")),
                     Language.NL: (("je",), ("jouw",), ("uw",), ("jullie",))}


def find_private(text: str, lang: Language, *, in_notes: bool = False) -> list[PrivateSpot]:
    """The private details in `text`. In a message (`in_notes=False`) family words count only as the
    reader's own ("your daughter"); in notes any family word does ("tom's daughter starts uni")."""
    compiled = _compiled(lang, in_notes=in_notes)
    out: list[PrivateSpot] = []
    tokens = [(m.group().lower(), m.start(), m.end()) for m in _WORDS.finditer(text)] if _may_hold_phrase(
        compiled, text) else []
    for index, (word, start, _end) in enumerate(tokens):
        for words, topic in compiled.phrases.get(word, ()):
            last = index + len(words) - 1
            if last < len(tokens) and all(tokens[index + k][0] == w for k, w in enumerate(words)):
                out.append(PrivateSpot(start, tokens[last][2], topic, text[start:tokens[last][2]]))
                break
    pattern = compiled.pattern_for(text) if compiled.pattern is not None else None
    if pattern is not None:
        for m in pattern.finditer(text):
            topic = m.lastgroup or "private"
            topic = {"pay_notes": "pay", "family_notes": "family"}.get(topic, topic)
            out.append(PrivateSpot(m.start(), m.end(), topic, m.group()))
    out.sort(key=lambda s: (s.start, -s.end))
    merged: list[PrivateSpot] = []
    for spot in out:
        if merged and spot.start < merged[-1].end:
            continue
        merged.append(spot)
    return merged


@cache
def _blunt(lang: Language) -> re.Pattern[str]:
    lines = resources.files("afterword.core.lang").joinpath(f"data/{lang}/blunt.txt").read_text("utf-8").splitlines()
    phrases = sorted((line.strip() for line in lines if line.strip() and not line.startswith("#")), key=len, reverse=True)
    return re.compile(r"(?i)(?<![\w'’-])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![\w'’-])")


def blunt(text: str, lang: Language, *, mild: bool = True) -> str | None:
    """The first word that says bluntly what is wrong ("mess", "rommel"), or None: such text is not put at the
    head of a message (subject, theme) to the people whose problem it is. With `mild=False` only the harsh words
    count, not the plain negations ("niet", "nobody") that a neutral account of a problem uses in its body."""
    for found in _blunt(lang).finditer(text):
        if mild or found.group().lower() not in _MILD:
            return found.group()
    return None


#: Words in the blunt lists that only a headline makes blunt: in a sentence they can state a problem neutrally.
_MILD = frozenset({"niet", "geen", "niemand", "nooit", "nobody", "no one", "never", "left for", "vertrokken", "gestopt",
                   "cut", "cuts", "klopt niet", "kloppen niet", "alles nog", "stale", "not trusting", "doesn't trust",
                   "don't trust", "nobody believes", "quit", "fired", "ontslagen", "bezuiniging", "bezuinigd", "slecht"})
