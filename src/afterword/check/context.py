"""Everything a rule may ask about one draft, computed lazily once: words, sentences, the greeting,
the language, and what from the notes the draft recognisably mentions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, lru_cache

from afterword.check.greeting import Greeting, find_greeting
from afterword.check.kinds import PhraseView, word_set
from afterword.core.lang.detect import guess_language
from afterword.core.lang.lemmas import lemma, stem, stopwords
from afterword.core.lang.names import fold_cached as fold
from afterword.core.lang.numbers import number_keys
from afterword.core.lang.tokens import Sentence, Token, sentences, tokenise
from afterword.core.model import Channel, Contact, Draft, Interview, Language

#: Work is capped on huge input: rules look at this many characters of a body at most.
MAX_CHARS = 50_000


@dataclass(frozen=True)
class Item:
    """One thing from the notes a draft can refer to: the theme, a need, a strength, a moment, a question."""

    kind: str
    ref: str
    text: str
    words: tuple[str, ...]  # content words as written
    keys: frozenset[str]  # fast keys (folded stems)
    proper: frozenset[str]  # keys of words written with a capital inside a sentence (Rotterdam, Kafka)


_HALF = re.compile(r"(?i)\b(?:in half|halved|halve|halveren|gehalveerd|de helft|halvering)\b")


class NotesProfile:
    """What the checker derives from an interview's notes, once per interview."""

    def __init__(self, interview: Interview) -> None:
        self.interview = interview
        self.language = interview.effective_language
        people = [interview.candidate.name, *(c.name for c in interview.contacts)]
        self.name_words = frozenset(fold(w) for name in people for w in tokenise_words(name))
        self.company_words = frozenset(fold(w) for w in tokenise_words(interview.company))
        self.role_words = frozenset(fold(w) for w in tokenise_words(interview.role))
        self.ignored = self.name_words | self.company_words | self.role_words
        self.items = tuple(self._items())
        texts = [interview.company, interview.role, interview.theme or "", interview.next_step or "",
                 interview.candidate.phone or "", *(i.text for i in self.items),
                 *(c.title or "" for c in interview.contacts), *(c.name for c in interview.contacts)]
        self.text = "\n".join(texts)
        years = {str(interview.start.year + d) for d in (-1, 0, 1)}  # "last year", this year, next year
        halves = {"50", "0.5"} if _HALF.search(self.text) else set()  # "cut check-in time in half" ~ "50%"
        glued = re.sub(r"(?<=\d)(?=[^\W\d_])", " ", self.text)  # "90d", "14wkn": the figure is still in the notes
        self.number_keys = number_keys(self.text) | number_keys(glued) | years | halves
        self.words = frozenset(fold(t.text) for t in tokenise(self.text))
        self.prefixes = frozenset(p for item in self.items for w in item.words for p in word_prefixes(w))
        self._lemmas: dict[Item, dict[str, str]] = {}
        #: Words that are never a misspelled name or shouting: anything written in the notes.
        self.known_words = self.words | self.name_words | self.company_words

    def _items(self) -> list[Item]:
        interview = self.interview
        raw: list[tuple[str, str, str]] = []
        if interview.theme:
            raw.append(("theme", "theme", interview.theme))
        raw += [("need", n.id, n.text) for n in interview.needs]
        raw += [("strength", str(i), s.text) for i, s in enumerate(interview.strengths)]
        raw += [("moment", str(i), m.text) for i, m in enumerate(interview.moments)]
        raw += [("question", str(i), q.text) for i, q in enumerate(interview.questions)]
        return [self._item(kind, ref, text) for kind, ref, text in raw]

    def _item(self, kind: str, ref: str, text: str) -> Item:
        tokens = tokenise(text)
        content = [t for t in tokens if is_content(t.text, self.ignored)]
        keys = frozenset(key(t.text, self.language) for t in content)
        proper = frozenset(
            key(t.text, self.language) for t in content if (t.start > 0 and t.text[:1].isupper()) or t.text.isupper()
        )
        return Item(kind, ref, text, tuple(t.text for t in content), keys, proper)

    @cached_property
    def item_keys(self) -> frozenset[str]:
        """Every item's keys together."""
        return frozenset().union(*(item.keys for item in self.items))

    @cached_property
    def items_by_key(self) -> dict[str, list[int]]:
        """The positions of the items with each key (a big panel has hundreds of items; a draft shares keys
        with a few)."""
        found: dict[str, list[int]] = {}
        for position, item in enumerate(self.items):
            for k in item.keys:
                found.setdefault(k, []).append(position)
        return found

    def lemma_keys(self, item: Item, prefixes: frozenset[str]) -> frozenset[str]:
        """The item's content words as folded lemmas, for the words that share their first four
        letters with a word of the draft (`prefixes`); the rest cannot meet the draft anyway."""
        known = self._lemmas.setdefault(item, {})
        for word in item.words:
            folded = fold(word)
            if folded not in known and not prefixes.isdisjoint(word_prefixes(word)):
                known[folded] = fold(lemma(word, self.language))
        return frozenset(value for word, value in known.items() if not prefixes.isdisjoint(word_prefixes(word)))

    def without(self, item: Item, other: Item) -> Item:
        """`item` minus the words it shares with `other` (a strength without its need's words), also
        where they only share a stem the way `mentions` compares them ("completion" ~ "complete")."""
        def shared(k: str) -> bool:
            return k in other.keys or any(_related(k, o) for o in other.keys)

        words = tuple(w for w in item.words if not shared(key(w, self.language)))
        keys = frozenset(key(w, self.language) for w in words)
        return Item(item.kind, item.ref, item.text, words, keys, item.proper & keys)


def tokenise_words(text: str) -> list[str]:
    return [t.text for t in tokenise(text)]


@lru_cache(maxsize=4)
def _generic(language: Language) -> frozenset[str]:
    return word_set(language, "generic_words")


@lru_cache(maxsize=65536)
def is_content(word: str, ignored: frozenset[str] = frozenset()) -> bool:
    """A word that carries content: not a function word, not generic follow-up talk, not a name."""
    lowered = word.lower()
    if len(lowered) < 2 or lowered.isdigit() or fold(lowered) in ignored:
        return False
    return all(not (lowered in stopwords(lang) or lowered in _generic(lang)) for lang in Language)


@lru_cache(maxsize=65536)
def word_prefixes(word: str) -> tuple[str, ...]:
    """First four letters, and for a Dutch participle also those after `ge` (gefietst ~ fietst)."""
    folded = fold(word)
    if folded.startswith("ge") and len(folded) >= 6:
        return (folded[:4], folded[2:6])
    return (folded[:4],)


@lru_cache(maxsize=65536)
def key(word: str, language: Language) -> str:
    return fold(stem(word, language))


def notes_profile(interview: Interview) -> NotesProfile:
    """The profile of an interview, computed once per (equal) interview; the same object is found by
    identity first (hashing a big panel's interview for every draft cost more than checking it)."""
    for seen, profile in _RECENT:
        if seen is interview:
            return profile
    try:
        profile = _cached_profile(interview)
    except TypeError:  # an Interview built with lists instead of tuples is not hashable
        return NotesProfile(interview)
    _RECENT.insert(0, (interview, profile))
    del _RECENT[4:]
    return profile


#: The last interviews profiled, with their profiles (looked up by identity).
_RECENT: list[tuple[Interview, NotesProfile]] = []


@lru_cache(maxsize=8)
def _cached_profile(interview: Interview) -> NotesProfile:
    return NotesProfile(interview)


class Context:
    """One draft being checked, with lazily computed views of it."""

    def __init__(self, interview: Interview, draft: Draft, *, sent_at: datetime | None = None,
                 other_companies: Sequence[str] = (), linkedin_limit: int = Channel.LINKEDIN.note_limit()) -> None:
        self.interview = interview
        self.draft = draft
        try:
            self.contact: Contact = interview.contact(draft.contact)
        except KeyError:
            known = ", ".join(c.id for c in interview.contacts) or "none"
            raise KeyError(f"draft for unknown contact `{draft.contact}`; the interview has: {known}") from None
        self.sent_at = sent_at
        self.other_companies = tuple(other_companies)
        self.linkedin_limit = linkedin_limit
        self.language = draft.language  # the language of messages
        self.full_body = draft.body
        self.body = draft.body[:MAX_CHARS]
        self.subject = draft.subject
        self.notes = notes_profile(interview)

    @property
    def contact_language(self) -> Language:
        return self.interview.language_of(self.contact)

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenise(self.body)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return sentences(self.body)

    def phrases(self, name: str) -> PhraseView:
        """The phrase list `name` of both languages, narrowed to what could match in this body (for
        searching its sentences)."""
        views: dict[str, PhraseView] = self.__dict__.setdefault("_phrase_views", {})
        view = views.get(name)
        if view is None:
            from afterword.check.kinds import both_languages

            view = views[name] = both_languages(name).within(self.body)
        return view

    @cached_property
    def signature_start(self) -> int:
        """Where the closing ("Best regards,", "Met vriendelijke groet,") begins; the body's end without one.
        What follows (name, phone, address) is not part of the message proper."""
        for sentence in self.sentences[1:]:
            if self.phrases("signoffs").search(sentence.text) is not None:
                return sentence.start
        return len(self.body)

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """The body's tokens that start within [start, end)."""
        from bisect import bisect_left

        starts = self._token_starts
        return self.tokens[bisect_left(starts, start):bisect_left(starts, end)]

    def tokens_before(self, end: int) -> list[Token] | None:
        """`tokenise(self.body[:end])` taken from the body's tokens, or None when a word might run across `end`
        (no white space on either side of it)."""
        body = self.body
        if 0 < end < len(body) and not (body[end - 1].isspace() or body[end].isspace()):
            return None
        from bisect import bisect_left

        return self.tokens[:bisect_left(self._token_starts, end)]

    @cached_property
    def greeting(self) -> Greeting | None:
        return find_greeting(self.body)

    @property
    def after_greeting(self) -> int:
        """Where the message proper starts: after the greeting phrase ("Hoi Els,"), or 0 without one."""
        return self.greeting.phrase_stop if self.greeting else 0

    def starts_sentence(self, index: int) -> bool:
        """Whether the word at `index` opens a sentence (or a line), quotes and brackets aside."""
        body = self.body
        index -= 1
        while index >= 0 and body[index] in _OPENERS:  # as body[:index].rstrip(_OPENERS), without the copy
            index -= 1
        return index < 0 or body[index] in ".!?:\n"

    @cached_property
    def guessed_language(self) -> Language | None:
        names = [*self.notes.name_words, *self.notes.company_words]
        return guess_language(self.body, ignore=names, tokens=self.tokens)

    @property
    def text_language(self) -> Language:
        """The language the body is written in: the guess when clear, else the draft's language."""
        return self.guessed_language or self.language

    @cached_property
    def content_tokens(self) -> list[Token]:
        return [t for t in self.tokens if is_content(t.text, self.notes.ignored)]

    @cached_property
    def fast_keys(self) -> frozenset[str]:
        return frozenset(key(t.text, self.text_language) for t in self.content_tokens)

    @cached_property
    def lemma_keys(self) -> frozenset[str]:
        """Lemmas of the draft's content words that could meet a word of the notes: an inflection
        shares its first four letters with its lemma's other forms ("besproken" ~ "bespreken"), so
        other words are not looked up and the lemma data is not loaded for nothing."""
        lang = self.text_language
        prefixes = self.notes.prefixes
        return frozenset(
            fold(lemma(t.text, lang)) for t in self.content_tokens if not prefixes.isdisjoint(word_prefixes(t.text))
        ) | self.fast_keys

    @cached_property
    def prefixes(self) -> frozenset[str]:
        return frozenset(p for t in self.content_tokens for p in word_prefixes(t.text))

    def mentions(self, item: Item, *, deep: bool = True, lemmas: bool = True) -> bool:
        """Whether the draft recognisably refers to the item: a distinctive word in common
        (five letters or more, or a proper name) or two content words in common. `deep` also
        compares compounds and cognates, and (with `lemmas`) dictionary forms."""
        if _enough(item.keys & self.fast_keys, item):
            return True
        if not deep:
            return False
        if _enough(self._contained(item), item):
            return True
        if not lemmas:
            return False
        shared = (self.notes.lemma_keys(item, self.prefixes) | item.keys) & self.lemma_keys
        return _enough(shared, item)

    def _contained(self, item: Item) -> set[str]:
        """Compounds and cognates: `bewonersavonden` ~ `bewoners`, `Antwerpen` ~ `Antwerp`."""
        joined, long_keys = self._long_keys
        # _related, asked of all the draft's keys at once: a draft key of six letters or more starts with the notes
        # key, or (seven letters or more) holds it, or starts it
        return {notes_key for notes_key in item.keys if len(notes_key) >= 6 and (
            ("\n" + notes_key in joined) or (len(notes_key) >= 7 and notes_key in joined)
            or any(notes_key[:k] in long_keys for k in range(6, len(notes_key) + 1)))}

    @cached_property
    def _long_keys(self) -> tuple[str, frozenset[str]]:
        """The draft's keys of six letters or more, each after a line break in one text, and as a set."""
        long_keys = frozenset(k for k in self.fast_keys if len(k) >= 6)
        return "".join("\n" + k for k in sorted(long_keys)), long_keys

    def mentions_any(self) -> bool:
        items = self.notes.items
        # Without depth, only an item that shares a key with the draft can be mentioned: look at those alone.
        by_key = self.notes.items_by_key
        sharing = sorted({position for k in self.fast_keys for position in by_key.get(k, ())})
        return any(self.mentions(items[p], deep=False) for p in sharing) or any(self.mentions(i) for i in items)

    @cached_property
    def word_count(self) -> int:
        """Tokens with a letter in them. A token is letters, digits and inner ' ’ -, and a word character that is no
        letter is numeric, so a token without a letter is numeric once those are taken out."""
        count = 0
        for t in self.tokens:
            text = t.text
            if text.isalnum():
                count += not text.isnumeric()
            elif not text.translate(_INNER).isnumeric():
                count += 1
        return count


#: The characters a token may hold inside besides letters and digits, to be taken out.
_INNER = str.maketrans("", "", "'’-")
#: What may stand between a sentence's end and its first word.
_OPENERS = " \t\"'‘“("


def _related(notes_key: str, draft_key: str) -> bool:
    """One key starts the other, or (seven letters or more) sits inside it: a compound or a cognate."""
    return len(notes_key) >= 6 and len(draft_key) >= 6 and (
        draft_key.startswith(notes_key) or notes_key.startswith(draft_key)
        or (len(notes_key) >= 7 and notes_key in draft_key))


def _enough(shared: set[str] | frozenset[str], item: Item) -> bool:
    return len(shared) >= 2 or any(len(k) >= 5 or k in item.proper for k in shared)
