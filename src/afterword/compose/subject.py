"""A subject line that could only belong to this conversation: theme, this person's need, or a shared moment."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from afterword.compose.person import Person
from afterword.compose.pieces import gerund_phrase, need_piece, their_we, theme_shape
from afterword.compose.render import variant_index
from afterword.compose.select import Pair
from afterword.compose.topic import _STOP_AT, _TOPIC_ENDS, first_segment, has_any_verb, has_verb, topic
from afterword.compose.wording import clean, shorten, upper_first, words
from afterword.core.lang.private import blunt
from afterword.core.model import Language

SUBJECT_LIMIT = 60


def email_subject(person: Person, taken: set[str], specific: Callable[[str], bool] | None = None) -> str:
    """The first candidate (in this person's order of preference) that fits, is specific (by the
    checker's test, when given) and no one else got yet. Candidates from lines of notes must read as a
    headline; when none does, a specific one that does not still beats a line that could head any mail."""
    before = set(taken)
    chosen, generic = _subject(person, taken, specific, strict=True)
    if generic:
        taken.clear()
        taken.update(before)
        chosen, _generic_again = _subject(person, taken, specific, strict=False)
    return chosen


def _subject(person: Person, taken: set[str], specific: Callable[[str], bool] | None,
             *, strict: bool) -> tuple[str, bool]:
    themes = [t.casefold() for t in (_theme(person), _headline(person.interview.theme or "", person, foreign_ok=True))
              if t]

    def headline(candidate: str) -> bool:
        """The theme the user typed as the conversation's theme is theirs to word (the reading tidied it); a need or
        a moment pulled out of a line of notes must read as a headline."""
        low = candidate.casefold()
        if not strict or any(low.startswith(t[:max(12, len(t) // 2)]) for t in themes):
            return True
        return reads_as_headline(candidate, person.lang)

    def ok(candidate: str) -> bool:
        return bool(candidate) and len(candidate) <= SUBJECT_LIMIT and not blunt(candidate, person.lang) \
            and headline(candidate) \
            and (specific is None or specific(candidate))  # "Parity mess across the three sites": not to them

    for candidate in _candidates(person):
        if ok(candidate) and candidate.casefold() not in taken:
            taken.add(candidate.casefold())
            return candidate, False
    # Better the theme a colleague's subject also carries than a generic line.
    raw_theme = person.interview.theme or person.theme_topic
    fallback_shared = ""
    for text, levels in ((_headline(raw_theme, person, foreign_ok=True), _theme_levels(raw_theme, person)),
                         (clean(_foreign_need(person) or _need(person)), NEED_LEVELS)):
        if not text:
            continue
        for suffix in ("", *_more_suffixes(person)[:1], *_suffixes(person), *_more_suffixes(person)[1:]):
            shared = _fit(person, text, suffix, levels)
            if ok(shared) and shared.casefold() not in taken:
                taken.add(shared.casefold())
                return shared, False  # a colleague's topic, with a tail of its own: no two subjects alike
            fallback_shared = fallback_shared or (shared if ok(shared) else "")
    about = _question_topic(raw_theme, person)
    if about:
        for suffix in (*_more_suffixes(person)[:1], *_suffixes(person)):
            shared = _fit(person, about, suffix, _NP_LEVELS)
            if ok(shared) and shared.casefold() not in taken:
                taken.add(shared.casefold())
                return shared, False  # "De wachttijden bij de klantenservice: bedankt"
    for text in _generic(person):
        if text.casefold() not in taken and len(text) <= SUBJECT_LIMIT:
            taken.add(text.casefold())
            return text, True  # generic, but never the same line twice in one panel
    return (fallback_shared, False) if fallback_shared else (person.say("email", "subject.fallback_short"), True)


_HEAD_TAIL = re.compile(r"(?::\s|\s[–—-]\s|\s(?:and what worked at|en wat werkte bij)\s).*$")
_BARE_NUMBER = re.compile(r"(?<![\w.,])\d[\d.,]*(?![\w])")
_LOOSE_END = frozenset({"due", "plaats", "instead", "needed", "nodig", "gone", "weg", "vs", "versus", "average",
                        "gemiddeld", "per", "total", "totaal", "asap", "pending", "open", "also", "ook", "too", "only",
                        "alleen", "still", "nog"})


def reads_as_headline(candidate: str, lang: Language) -> bool:
    """A subject from the notes reads as a headline: a question, or a noun phrase of two words or more with no
    bare figure and no verb ("Many groups cancel in winter", "46 fte", "Batch release 21 days average",
    "Risicogestuurd onderhoud in plaats" are lines of notes, not subjects; the role or a thank-you is better)."""
    head = _HEAD_TAIL.sub("", candidate).strip()
    if head.endswith("?"):
        return True
    toks = [t.strip(".,;:!?'’\"") for t in head.split()]
    if len(toks) < 2 or _BARE_NUMBER.search(head):
        return False
    last = toks[-1].lower()
    if last in _LOOSE_END or last in _TOPIC_ENDS or last in _STOP_AT[lang]:
        return False
    if toks[0].lower() in _NOT_A_HEADLINE_START:
        return False  # "Veel aannemers", "Your last analyst": a line about them, not a topic
    verbs = [t for t in toks[1:] if (has_any_verb(t, lang) or t.lower() in _STATE_VERBS) and not t[:1].isupper()]
    return not verbs and not has_verb(head, lang)


_NOT_A_HEADLINE_START = frozenset({"veel", "many", "weinig", "few", "some", "geen", "no",
                                   "not", "niet", "they", "ze", "zij", "we", "wij", "nobody", "niemand", "too", "te"})
#: Verbs of how a thing is going, which the verb lists leave out: "Pub schedule slips", "ICR zakt richting …".
_STATE_VERBS = frozenset({"cancel", "cancels", "slip", "slips", "stall", "stalls", "fail", "fails", "drop", "drops",
                          "lag", "lags", "shrink", "shrinks", "grow", "grows", "zakt", "stokt", "daalt", "stijgt",
                          "loopt", "groeit", "krimpt", "stagneert", "valt", "blijft", "ligt", "hapert", "stopt",
                          "ontbreekt", "mist", "faalt", "schiet"})


_ASKS = re.compile(r"(?i)^(?:how|what|why|when|where|which|who|hoe|wat|waarom|wanneer|waar|welke|wie)\s+"
                   r"(?:\w+\s+)?(?:we|wij|you|they|jullie|ze|zij|i|ik)\s+(?P<rest>.+)$")


def _question_topic(theme: str, person: Person) -> str:
    """What a question theme is about ("Hoe krijgen we de wachttijden bij de klantenservice omlaag?" →
    "De wachttijden bij de klantenservice"), for a subject when the question itself is taken."""
    m = _ASKS.match(clean(theme))
    if not m or person.foreign(theme):
        return ""
    found = topic(m.group("rest").rstrip("?"), person.lang, article=True)
    return upper_first(found) if found and len(found.split()) >= 2 else ""


def _generic(person: Person) -> list[str]:
    """Every generic subject in this person's language, starting at their own variant."""
    out: list[str] = []
    for key in ("subject.fallback", "subject.fallback_short"):
        variants = person.voice.phrases(person.lang, "email").get(key, [])
        rendered = [" ".join(v.render({**person.base}).split()) for v in variants]
        if rendered:
            start = variant_index(person.seed, key, len(rendered), person.sel.index)
            out.extend(rendered[start:] + rendered[:start])
    # The role makes a line specific to this application; a day and a thank-you alone could head any mail.
    role = str(person.base.get("role", ""))
    return [t for t in out if role and role in t] + [t for t in out if not (role and role in t)]


#: A need written as a sentence is cut only between clauses: cut at a preposition, it loses its point
#: ("updates brick about 1", "het prognosemodel zit er"). A noun phrase may lose its tail.
NEED_LEVELS = ("clause",)
_NP_LEVELS = ("clause", "phrase")
_DUTCH_PARTICLES = frozenset({"af", "op", "uit", "aan", "mee", "naast", "omlaag", "omhoog", "terug", "door", "toe",
                              "weg", "over", "bij", "in", "na", "voor", "tegen", "vast", "los", "stil"})


def _need_levels(text: str, person: Person) -> tuple[str, ...]:
    if theme_shape(text, _language_of(text, person)) != "np":
        return ("whole",)
    toks = text.split()
    if not toks or any(ch.isdigit() for ch in text):
        return NEED_LEVELS
    w = words(_language_of(text, person))
    first = toks[0].lower()
    if first in w.determiners or first in w.function_words or first in w.clause_starts:
        return NEED_LEVELS
    if toks[-1].lower() in _DUTCH_PARTICLES and _language_of(text, person) is Language.NL:
        return NEED_LEVELS
    return _NP_LEVELS


def _theme_levels(theme: str, person: Person) -> tuple[str, ...]:
    """A noun phrase may be cut at a preposition; a question or wh-clause only used whole."""
    return ("clause", "phrase") if theme_shape(theme, _language_of(theme, person)) == "np" else ("whole",)


def _language_of(text: str, person: Person) -> Language:
    return person.notes_lang if person.foreign(text) else person.lang


def _candidates(person: Person) -> Iterator[str]:
    theme = _theme(person)
    need = _need(person)
    moment = _moment(person)
    theme_levels = _theme_levels(person.interview.theme or person.theme_topic, person)
    if person.contact.met_in_passing:
        plain = [moment, theme, need]
    elif person.sel.index == _first_in_room(person):
        plain = [theme, need, moment]
    else:
        plain = [need, moment, theme]
    suffixes = _suffixes(person)
    for text in plain:
        if not text:
            continue
        levels = _need_levels(need, person) if text == need else theme_levels if text == theme else _NP_LEVELS
        yield _fit(person, text, "", levels)
    # Taken already (several people share a theme or a need): the same topic with a short tail.
    for text, levels in ((need, _need_levels(need, person)), (theme, theme_levels)):
        if text:
            for suffix in suffixes:
                yield _fit(person, text, suffix, levels)
    # Their own question, when it is short enough to be the headline ("Wie beheert straks het nieuwe planningssysteem?").
    question = person.question()
    if question and len(question) <= SUBJECT_LIMIT:
        yield question
    # Notes in another language than the reader's: their theme or need, as written, still beats a
    # generic subject (also when a colleague's subject took the plain theme already) -- never with a
    # tail in the reader's language, so no subject mixes two languages.
    foreign_theme = _headline(person.interview.theme or "", person, foreign_ok=True)
    for text, levels in ((foreign_theme, theme_levels), (clean(_foreign_need(person)), NEED_LEVELS)):
        if text and text != theme:
            yield _fit(person, text, "", levels)


def _foreign_need(person: Person) -> str:
    pair = person.sel.primary
    if pair is None or pair.need is None or not person.foreign(pair.need.text):
        return ""
    # English notes may head a Dutch reader's mail; a Dutch line in an English reader's subject may not.
    return pair.need.text if person.quotes_foreign(pair.need.text) else ""


def _fit(person: Person, text: str, suffix: str, levels: tuple[str, ...] = ("clause", "phrase")) -> str:
    room = SUBJECT_LIMIT - len(suffix)
    if (len(text.split()) >= 2 or suffix) and len(text) <= room:
        return upper_first(text) + suffix  # as it is (a question keeps its mark); one word only with a tail
    for level in levels:
        short = shorten(text, room, person.lang, level=level, min_words=2)
        if short and len(short.split()) >= 2:
            return upper_first(short) + suffix
    return ""


def _more_suffixes(person: Person) -> list[str]:
    """Further tails for a topic several people share, each naming this person's side of it."""
    if person.lang is Language.NL:
        return [": bedankt", ": wat ik meeneem"]
    return [": thank you", ": what I took away"]


def _suffixes(person: Person) -> list[str]:
    variants = person.voice.phrases(person.lang, "email").get("subject.need_suffix", [])
    rendered = [" ".join(v.render(person.base).split()) for v in variants]
    joined = [s if s[:1] in ":;," else " " + s for s in rendered if s]
    if not joined:
        return []
    start = variant_index(person.seed, "subject.need_suffix", len(joined), person.sel.index)
    return joined[start:] + joined[:start]


def _first_in_room(person: Person) -> int:
    for index, contact in enumerate(person.interview.contacts):
        if not contact.met_in_passing and contact.email:
            return index
    return -1


def _theme(person: Person) -> str:
    return _headline(person.interview.theme or person.theme_topic, person)


def _headline(theme: str, person: Person, *, foreign_ok: bool = False) -> str:
    """The theme as a subject: a question keeps its mark; a wh-clause or question too long for a
    subject is not cut. Empty when there is none, or (unless `foreign_ok`) it is in another language."""
    if not clean(theme) or (person.foreign(theme) and not foreign_ok):
        return ""
    shape = theme_shape(theme, _language_of(theme, person))
    if shape == "np":
        return clean(theme)
    whole = clean(theme, keep_question=shape == "question")
    if shape == "question" and not whole.endswith("?"):
        whole += "?"
    return upper_first(whole) if len(whole) <= SUBJECT_LIMIT else ""


_PLACE = re.compile(r"\b(?:at|bij|for|voor)\s+((?:[A-Z][\w&'’.-]*)(?:\s+[A-Z][\w&'’.-]*){0,2})")


def _answer_place(person: Person) -> str:
    """Where the candidate did the work that answers this person's need ("at Monzo", "bij Gelre"), if the notes say."""
    pair = person.sel.primary
    if pair is None or pair.strength is None or not person.may_quote(pair.strength.text):
        return ""
    m = _PLACE.search(pair.strength.text)
    if not m or m.group(1).lower() in (person.interview.company.lower(),):
        return ""
    return m.group(1).rstrip(".,")


def _need(person: Person) -> str:
    """The first of this person's needs that makes a headline."""
    for pair in person.sel.pairs:
        found = _need_of(person, pair)
        if found:
            return found
    return ""


def _need_of(person: Person, pair: Pair | None) -> str:
    """This person's need as a headline: a question keeps its mark (whole or not at all), an English
    imperative becomes a topic ("Reduce churn" → "Reducing churn")."""
    if pair is None or pair.need is None or person.foreign(pair.need.text):
        return ""
    piece = person.need(pair.need)
    if piece.kind == "skip":
        return ""
    about = ""
    if piece.kind == "topic":
        about = piece.text
    elif has_verb(first_segment(pair.need.text), person.lang) and theme_shape(pair.need.text, person.lang) == "np":
        about = topic(pair.need.text, person.lang) or ""  # "Their EMs are stretched …" → "EMs"
    if about:
        from afterword.compose.topic import without_article

        bare = without_article(about)
        where = _answer_place(person)
        if where:
            joined = f"{upper_first(bare)} and what worked at {where}" if person.lang is Language.EN else \
                f"{upper_first(bare)} en wat werkte bij {where}"
            if len(joined) <= SUBJECT_LIMIT:
                return joined  # the meeting point of their need and my answer, never their problem read back
        return upper_first(bare) if len(bare.split()) >= 2 else ""  # "Model" alone says nothing
    text = pair.need.text
    if theme_shape(text, person.lang) != "np":
        return _headline(text, person)
    if person.lang is Language.EN and need_piece(text, person.lang, person.proper).kind == "want":
        return gerund_phrase(text)
    return their_we(clean(text), person.lang)  # "We gooien …" is theirs: "Jullie gooien …"


_TALKED_ABOUT = re.compile(r"^(?:we|wij|you and I|jij en ik|u en ik)\s+(?:\w+\s+){1,2}?(?:about|over)\s+(?P<topic>.+)$", re.I)


def _moment(person: Person) -> str:
    """A moment as a headline: "your story about …", "the broken coffee machine", or what "we laughed
    about" ("we laughed about the 3am pager going off" → "The 3am pager going off")."""
    found = person.moment()
    if found is None:
        return ""
    if found[0] in ("your", "np"):
        return found[1]["m"]
    match = _TALKED_ABOUT.match(found[1]["m"])
    if match is None or found[0] not in ("clause", "clause_plain"):
        return ""
    topic = re.split(r"[,;:(–—]", match.group("topic"), maxsplit=1)[0].strip()
    third = words(person.lang).third_person
    if len(topic.split()) < 2 or any(t.lower().strip(".,") in third for t in topic.split()):
        return ""  # "wielrennen, zij rijdt …": too little, or about someone in the third person
    return upper_first(topic)
