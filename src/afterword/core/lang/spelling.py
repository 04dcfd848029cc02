"""Is this a word of the language? English and Dutch word lists from pyspellchecker, looked up fast.

The library's lists (word → frequency, from subtitles and the like) take a third of a second to read;
they are read once into a small SQLite file in the user's cache folder and looked up from there.
Dutch compounds ("netcongestieprobleem") are known when their parts are; hyphenated words too.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from afterword.core.lang.lemmas import word_list
from afterword.core.model import Language

#: A rare spelling one edit from a word this many times as frequent is taken for a slip ("eigelijk").
RARE = 60
COMMON = 5000
RATIO = 100
#: A part of a compound must be at least this common ("net" + "congestie"), so junk does not glue junk.
PART = 100
_LETTERS = "abcdefghijklmnopqrstuvwxyzéèëïöüáàóòúç"
_LINKS = ("", "s", "e", "en", "-")
#: Prefixes written with a hyphen ("pre-filled", "co-founder", "oud-collega").
_PREFIXES = frozenset({"pre", "re", "co", "non", "multi", "anti", "post", "sub", "self", "semi", "inter", "over",
                       "under", "mid", "cross", "ex", "e", "de", "un", "bi", "tri", "oud", "niet", "mede", "mini"})


def _source(lang: Language) -> bytes:
    return resources.files("spellchecker").joinpath("resources", f"{lang}.json.gz").read_bytes()


def _cache_dir() -> Path:
    folder = os.environ.get("AFTERWORD_CACHE")
    if folder:
        return Path(folder)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("afterword"))


class Words:
    """One language's word list with frequencies."""

    def __init__(self, lang: Language, also: Words | None = None) -> None:
        self.lang = lang
        self.also = also  # Dutch text borrows English words ("connecten", "salesteam")
        self.extra = word_list(lang, "extra_words")
        self._db: sqlite3.Connection | None = None
        self._memory: dict[str, int] | None = None
        self._seen: dict[str, int] = {}
        # Answers per word, kept: a batch of drafts asks about the same words again and again.
        self._unknown: dict[str, bool] = {}
        self._slips: dict[str, str] = {}
        self._suggestions: dict[str, str] = {}

    def _open(self) -> None:
        if self._db is not None or self._memory is not None:
            return
        from spellchecker.info import __version__ as stamp

        path = _cache_dir() / f"words-{self.lang}-{stamp}.sqlite"
        if not path.exists():
            try:
                self._build(path)
            except OSError:
                self._memory = json.loads(gzip.decompress(_source(self.lang)))
                return
        try:
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        except sqlite3.Error:  # pragma: no cover - a broken cache file
            self._memory = json.loads(gzip.decompress(_source(self.lang)))

    def _build(self, path: Path) -> None:
        data: dict[str, int] = json.loads(gzip.decompress(_source(self.lang)))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
        try:
            db = sqlite3.connect(tmp)
            db.execute("CREATE TABLE words (w TEXT PRIMARY KEY, f INTEGER) WITHOUT ROWID")
            db.executemany("INSERT OR IGNORE INTO words VALUES (?, ?)", data.items())
            db.commit()
            db.close()
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def frequencies(self, words: Iterable[str]) -> dict[str, int]:
        """Frequency of each word in the list (0 when it is not there); extra words count as common."""
        words = list(words)
        wanted = [w for w in dict.fromkeys(words) if w not in self._seen]
        if wanted:
            self._open()
            found: dict[str, int] = {}
            if self._memory is not None:
                found = {w: self._memory[w] for w in wanted if w in self._memory}
            elif self._db is not None:
                for start in range(0, len(wanted), 500):
                    chunk = wanted[start:start + 500]
                    marks = ",".join("?" * len(chunk))
                    found.update(self._db.execute(f"SELECT w, f FROM words WHERE w IN ({marks})", chunk).fetchall())
            borrowed = {}
            if self.also is not None:
                stems = [w[: -len(e)] for w in wanted for e in ("en", "t", "te", "de", "d") if w.endswith(e)]
                borrowed = self.also.frequencies([*wanted, *stems])
            for w in wanted:
                self._seen[w] = COMMON if w in self.extra else max(int(found.get(w, 0)), _loan(w, borrowed))
        return {w: self._seen[w] for w in words}

    def known(self, word: str) -> bool:
        return self.unknown([word]) == []

    def unknown(self, words: Iterable[str]) -> list[str]:
        """The words (lower case) that are in neither the list nor built from known parts."""
        words = list(dict.fromkeys(words))
        todo = [w for w in words if w not in self._unknown]
        if todo:
            found = set(self._find_unknown(todo))
            self._unknown.update((w, w in found) for w in todo)
        return [w for w in words if self._unknown[w]]

    def _find_unknown(self, words: list[str]) -> list[str]:
        freq = self.frequencies(words)
        missing = [w for w in words if not freq[w]]
        if missing and self.lang is Language.EN:
            variants = {w: american(w) for w in missing}
            us = self.frequencies(v for vs in variants.values() for v in vs)
            missing = [w for w in missing if not any(us[v] for v in variants[w])]
        if not missing:
            return []
        parts = {p for w in missing for p in _pieces(w)}
        part_freq = self.frequencies(parts)
        if self.lang is Language.NL:
            missing = [w for w in missing if not self._compound(w, part_freq)]
        else:
            missing = [w for w in missing if "-" not in w or not self._compound(w, part_freq)]
        if not missing:
            return []
        stems = {w: [w[: -len(e)] for e in _ENDINGS[self.lang] if w.endswith(e) and len(w) - len(e) >= 3]
                 for w in missing}
        stem_freq = self.frequencies(s for ss in stems.values() for s in ss)
        out = []
        for w in missing:
            if not any(stem_freq[s] for s in stems[w]):
                out.append(w)
                continue
            # "begining", "occured": a known stem with an ending, but one letter from a common word.
            near = [n for n in _edits(w) if not _inflection(w, n)]
            if max(self.frequencies(near).values(), default=0) >= COMMON:
                out.append(w)
        return out

    def _compound(self, word: str, freq: dict[str, int], depth: int = 0) -> bool:
        if "-" in word:
            return all(freq.get(p, 0) or p in _PREFIXES or self._compound(p, freq, depth + 1)
                       for p in word.split("-") if p)
        if depth > 2:
            return False
        for i in range(2, len(word) - 2):
            head, rest = word[:i], word[i:]
            if not _part(head, freq) and not (self.lang is Language.NL and head in _PARTICLES):
                continue
            for link in _LINKS:
                if not rest.startswith(link):
                    continue
                tail = rest[len(link):]
                if len(tail) >= 3 and (_part(tail, freq) or self._compound(tail, freq, depth + 1)):
                    return True
        return False

    def slips(self, words: Iterable[str]) -> dict[str, str]:
        """Known but rare words one edit away from a much more common one: {"eigelijk": "eigenlijk"}."""
        words = list(dict.fromkeys(words))
        todo = [w for w in words if w not in self._slips]
        if todo:
            found = self._find_slips(todo)
            self._slips.update((w, found.get(w, "")) for w in todo)
        return {w: self._slips[w] for w in words if self._slips[w]}

    def _find_slips(self, words: list[str]) -> dict[str, str]:
        freq = self.frequencies(words)
        rare = [w for w in words if 0 < freq[w] < RARE and len(w) >= 5]
        out: dict[str, str] = {}
        stop = word_list(self.lang, "stopwords")
        for w in rare:
            if w in stop:
                continue
            us = american(w)
            near = [n for n in _edits(w) if not _inflection(w, n) and n not in us]
            best = max(self.frequencies(near).items(), key=lambda kv: kv[1], default=("", 0))
            if best[1] >= COMMON and best[1] >= RATIO * freq[w]:
                out[w] = best[0]
        return out

    def suggestion(self, word: str) -> str:
        if word not in self._suggestions:
            near = _edits(word)
            best = max(self.frequencies(near).items(), key=lambda kv: kv[1], default=("", 0))
            self._suggestions[word] = best[0] if best[1] >= 50 else ""
        return self._suggestions[word]


def _loan(word: str, borrowed: dict[str, int]) -> int:
    """How common a borrowed word is, at most as common as a rare native one (they are no slip targets)."""
    found = borrowed.get(word, 0)
    for ending in ("en", "t", "te", "de", "d"):  # a Dutch verb on an English stem: connecten, geüpdatet
        if not found and word.endswith(ending) and len(word) > len(ending) + 3:
            found = borrowed.get(word[: -len(ending)], 0)
    return min(found, PART - 1)  # known, but a short loan is no part of a Dutch compound ("tress" in "geintresseerd")


_BRITISH = ((r"isation", "ization"), (r"ise", "ize"), (r"ised", "ized"), (r"ising", "izing"), (r"ises", "izes"),
            (r"our", "or"), (r"ours", "ors"), (r"tre", "ter"), (r"tres", "ters"), (r"mme", "m"), (r"mmes", "ms"),
            (r"ogue", "og"), (r"ence", "ense"), (r"yse", "yze"), (r"ysed", "yzed"), (r"lled", "led"),
            (r"lling", "ling"), (r"ller", "ler"), (r"ement", "ment"), (r"ae", "e"), (r"oe", "e"))


def american(word: str) -> list[str]:
    """The American spellings a British word may have ("organised" → "organized", "programme" → "program")."""
    out = []
    for british, us in _BRITISH:
        if word.endswith(british):
            out.append(word[: -len(british)] + us)
        elif british in ("ae", "oe", "our") and british in word:
            out.append(word.replace(british, us, 1))
    return out


#: Endings that make a known word into another form of it ("deliverables", "gebeld", "nabellen").
_ENDINGS = {Language.EN: ("s", "es", "ed", "d", "ing", "ly", "er", "ers"),
            Language.NL: ("en", "s", "e", "t", "d", "de", "te", "den", "ten", "er", "ers")}
#: Dutch separable particles that open a verb ("nabelt", "opvolgen", "terugkoppelen").
_PARTICLES = ("na", "op", "af", "aan", "mee", "uit", "in", "door", "terug", "voor", "toe", "bij", "om", "over", "weg",
              "samen", "vast", "los")


def _part(piece: str, freq: dict[str, int]) -> bool:
    """A common word, or a long one (long fragments of junk are rarely words by chance)."""
    f = freq.get(piece, 0)
    return f >= PART or (len(piece) >= 6 and f > 0)


def _pieces(word: str) -> set[str]:
    out: set[str] = set()
    for chunk in word.split("-"):
        out.add(chunk)
        for i in range(len(chunk)):
            for j in range(i + 3, len(chunk) + 1):
                out.add(chunk[i:j])
    return out


def _edits(word: str) -> list[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return [w for w in dict.fromkeys(deletes + swaps + replaces + inserts) if w != word]


def _inflection(word: str, other: str) -> bool:
    """The same word with another ending (dashboard / dashboards, gebeurd / gebeurt): not a slip."""
    stem = 0
    while stem < min(len(word), len(other)) and word[stem] == other[stem]:
        stem += 1
    return stem >= len(word) - 1 and stem >= len(other) - 1


@cache
def words(lang: Language) -> Words:
    """The word list of `lang`; Dutch also knows English words, which Dutch work mail borrows."""
    return Words(lang, words(Language.EN) if lang is Language.NL else None)
