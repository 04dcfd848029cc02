"""Turn notes phrases, written in the candidate's own words, into pieces of sentences."""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from afterword.core.lang.names import nickname, split_name, strip_titles
from afterword.core.model import Contact, Formality, Interview, Language

_TOKEN = re.compile(r"[\w'’-]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_QUOTES = "\"'‘’“”„([«"


@dataclass(frozen=True)
class Words:
    """The word lists of one language (compose/words/<lang>.toml)."""

    lang: Language
    past_irregular: frozenset[str]
    not_verbs: frozenset[str]
    present_first: frozenset[str]
    third_to_first: dict[str, str]
    noun_starts: frozenset[str]
    imperative: frozenset[str]
    telling: dict[str, str]
    third_person: frozenset[str]
    you_verbs: dict[str, str]
    you_verbs_informal: dict[str, str]
    modal: frozenset[str]
    adverbs: frozenset[str]
    verb_objects: frozenset[str]
    clause_starts: frozenset[str]
    shared: frozenset[str]
    determiners: frozenset[str]
    question_starts: frozenset[str]
    wh_words: frozenset[str]
    question_verbs: frozenset[str]
    subject_pronouns: frozenset[str]
    function_words: frozenset[str]
    trailing: frozenset[str]
    met: dict[str, str]
    met_prefix: frozenset[str]

    def is_past(self, word: str) -> bool:
        w = word.lower()
        if w in self.not_verbs or len(w) < 3:
            return False
        if w in self.past_irregular:
            return True
        if self.lang is Language.EN:
            return w.endswith("ed") and len(w) >= 4
        return w.endswith(("de", "te")) and len(w) >= 5 and not w.endswith("ste")


@cache
def words(lang: Language) -> Words:
    raw: dict[str, Any] = tomllib.loads(
        resources.files("afterword.compose").joinpath(f"words/{lang}.toml").read_text("utf-8")
    )

    def fs(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key, []))

    return Words(
        lang=lang, past_irregular=fs("past_irregular"), not_verbs=fs("not_verbs"),
        present_first=fs("present_first"), third_to_first=dict(raw.get("third_to_first", {})),
        noun_starts=fs("noun_starts"), imperative=fs("imperative"), telling=dict(raw.get("telling", {})),
        third_person=fs("third_person"), you_verbs=dict(raw.get("you_verbs", {})),
        you_verbs_informal=dict(raw.get("you_verbs_informal", {})), modal=fs("modal"),
        adverbs=fs("adverbs"), verb_objects=fs("verb_objects"),
        clause_starts=fs("clause_starts"), shared=fs("shared"), determiners=fs("determiners"), question_starts=fs("question_starts"),
        wh_words=fs("wh_words"), question_verbs=fs("question_verbs"), subject_pronouns=fs("subject_pronouns"),
        function_words=fs("function_words"), trailing=fs("trailing"), met=dict(raw.get("met", {})),
        met_prefix=frozenset(raw.get("met_prefix", {}).get("words", [])),
    )


@dataclass(frozen=True)
class Piece:
    """A notes phrase made ready for a framing sentence chosen by its `kind`.

    `text` fits inside a sentence (first word lowered where that is safe); `rest` is the part
    after the subject for the `you_tell` kind ("mentioned the new warehouse")."""

    kind: str
    text: str
    rest: str = ""
    original: str = ""
    gerund: str = ""


def clean(text: str, *, keep_question: bool = False) -> str:
    """One line, single spaces, no closing full stop (a question keeps its mark)."""
    out = " ".join(text.split())
    strip = ".;:,!" if keep_question else ".;:,!?"
    while out and out[-1] in strip and not out.endswith("..."):
        out = out[:-1].rstrip()
    return out


def tokens(text: str) -> list[str]:
    return [t.lower().strip("'’") for t in _TOKEN.findall(text)]


def proper_words(interview: Interview) -> frozenset[str]:
    """Words the notes write with a capital in mid-sentence, and every name: they keep their capital."""
    found: set[str] = set()
    names = [interview.company, interview.candidate.name, *(c.name for c in interview.contacts)]
    for name in names:
        found.update(_base(w) for w in name.split() if w[:1].isupper())
    texts = [interview.theme or "", interview.next_step or ""]
    texts += [n.text for n in interview.needs] + [s.text for s in interview.strengths]
    texts += [m.text for m in interview.moments] + [q.text for q in interview.questions]
    for text in texts:
        if is_title_case(text):
            continue
        words_ = text.split()
        for before, word in itertools.pairwise(words_):
            core = word.strip(_QUOTES + ".,;:!?)")
            if core[:1].isupper() and not before.endswith((".", "!", "?", ":")):
                found.add(_base(core))
    return frozenset(found)


def _base(word: str) -> str:
    w = word.lower().strip(_QUOTES + ".,;:!?)")
    for suffix in ("'s", "’s"):
        if w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def is_title_case(text: str) -> bool:
    significant = [w for w in text.split() if len(w) > 3]
    return len(significant) >= 3 and all(w[:1].isupper() for w in significant)


def lower_first(text: str, proper: frozenset[str]) -> str:
    """Lowercase the first word unless it is `I`, an acronym, a name or a word the notes capitalise."""
    if not text or is_title_case(text):
        return text
    first = text.split(" ", 1)[0]
    lead = len(first) - len(first.lstrip(_QUOTES))
    core = first[lead:].strip(".,;:!?)")
    if not core[:1].isupper() or core in ("I", "I'm", "I've", "I'd"):
        return text
    if any(c.isupper() for c in core[1:]) or any(c.isdigit() for c in core):
        return text
    if _base(core) in proper or _base(core.split("-")[0]) in proper:
        return text
    if core in ("Eén", "Één"):
        return text[:lead] + "één" + text[lead + len(core):]
    return text[:lead] + text[lead].lower() + text[lead + 1 :]


def upper_first(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
        if ch not in _QUOTES:
            break
    return text


def phrase_language(text: str, default: Language | None, ignore: Iterable[str] = ()) -> Language | None:
    """English or Dutch by counting function words; ties go to `default` (None: cannot tell)."""
    skip = {t for name in ignore for t in tokens(name)}
    toks = [t for t in tokens(text) if t not in skip]
    en = sum(1 for t in toks if t in words(Language.EN).function_words)
    nl = sum(1 for t in toks if t in words(Language.NL).function_words)
    if en > nl:
        return Language.EN
    if nl > en:
        return Language.NL
    return default


_PARTICLE_WORDS = frozenset({"van", "de", "der", "den", "het", "ter", "ten", "te", "'t", "von", "la", "le", "du", "da",
                             "di", "del", "dos", "el", "al", "bin"})
#: Titles before a surname in notes ("Mevrouw Ter Horst", "Mr Okafor"), each also with a capital.
_TITLES = ("mevrouw", "mevr.", "mw.", "meneer", "de heer", "dhr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.",
           "dr", "dr.", "prof.", "professor")


def name_forms(contact: Contact) -> list[str]:
    return list(_name_forms(contact))


@lru_cache(maxsize=1024)
def _name_forms(contact: Contact) -> tuple[str, ...]:
    """How the notes may refer to this contact, longest first: the full name, a title with the
    surname ("mevrouw Ter Horst", "De heer De Vries", "Ms Okafor"), the given name."""
    written = " ".join(contact.name.split())
    full = strip_titles(written)
    if _CJK.search(full):
        return (full,)
    parts = split_name(full)
    forms = [written, full]
    if parts.core:
        for surname in dict.fromkeys((parts.surname_alone, parts.surname)):
            for title in _TITLES:
                forms += [f"{title} {surname}", f"{title[:1].upper()}{title[1:]} {surname}"]
    if parts.given and parts.given != full:
        forms.append(parts.given)
    if nick := nickname(written):
        forms.append(nick)
    words_ = full.split()
    if len(words_) >= 3 and words_[1][:1].isupper() and words_[1].lower() not in _PARTICLE_WORDS:
        forms.append(f"{words_[0]} {words_[1]}")  # a double given name: "Maria José García López"
    return tuple(sorted(dict.fromkeys(forms), key=len, reverse=True))


def address_name(contact: Contact, formal: bool) -> str:
    """The name in a greeting: the given name, or the full name when formal (no gender guessed). A title
    from the notes goes with the surname, never before a first name: "dr. Van den Berg", not
    "dr. Maarten van den Berg"."""
    full = " ".join(contact.name.split())
    bare = strip_titles(full)
    if _CJK.search(full):
        return full
    if formal:
        titles = full[: len(full) - len(bare)].strip()
        parts = split_name(bare)
        return f"{titles} {parts.surname_alone}" if titles and parts.core else bare
    return nickname(full) or split_name(bare).given or bare


@dataclass(frozen=True)
class Pronouns:
    subject: str
    object: str
    possessive: str
    with_me: str


def pronouns(lang: Language, formality: Formality) -> Pronouns:
    if lang is Language.EN:
        return Pronouns("you", "you", "your", "you and I")
    if formality is Formality.FORMAL:
        return Pronouns("u", "u", "uw", "u en ik")
    return Pronouns("je", "jou", "je", "jij en ik")


def role_in_sentence(role: str, lang: Language, proper: frozenset[str]) -> str:
    """The job title inside a sentence. Dutch writes titles in lower case ("de functie van projectleider
    digitalisering"); acronyms, words with digits and names keep their capitals. English keeps the title."""
    text = clean(role)
    if lang is not Language.NL or (is_title_case(text) and len(text.split()) > 4):
        return text
    out = []
    for word in text.split():
        core = word.strip(_QUOTES + ".,;:!?)")
        keep = sum(c.isupper() for c in core) > 1 or any(c.isdigit() for c in core) or _base(core) in proper
        out.append(word if keep else word.lower())
    return " ".join(out)


def theme_shape(text: str, lang: Language) -> str:
    """`question` ("How do we …?", "Hoe krijgen we …"), `clause` ("how the team …", "hoe de gemeente …
    versnelt": cutting it loses its verb) or `np` (a noun phrase, which may be shortened)."""
    cleaned = " ".join(text.split())
    toks = tokens(cleaned)
    if not toks:
        return "np"
    w = words(lang)
    if cleaned.endswith("?") and (toks[0] in w.question_starts or toks[0] in w.wh_words):
        return "question"  # not "bewonersavonden lopen uit op boze zalen?": a statement with a mark
    if toks[0] in w.wh_words:
        if len(toks) > 1 and toks[1] == "to":
            return "np"  # "how to move every shipment event …" has its verb early and may lose its tail
        if len(toks) > 1 and toks[1] in w.question_verbs:
            return "question"
        if len(toks) > 2 and toks[2] in w.subject_pronouns and toks[1] not in w.determiners:
            return "question"
        if lang is Language.NL and len(toks) > 2 and toks[1] in _DUTCH_FINITE:
            return "question"  # "waarom staan mensen nog uren …": the verb comes second
        return "clause"
    return "np"


def theme_piece(text: str, lang: Language, proper: frozenset[str], limit: int) -> str | None:
    """The theme as it follows "about" / "over": a question in quotes after "the question",
    a wh-clause whole, or a noun phrase (shortened to `limit`, with an article where one is missing)."""
    shape = theme_shape(text, lang)
    if shape == "question":
        framed = quoted_question(text, lang)
        return framed if len(framed) <= limit + 15 else None
    if shape == "clause":
        whole = clean(text)
        return lower_first(whole, proper) if len(whole) <= limit else None
    short = shorten(text, limit, lang, level="phrase")
    if not short:
        return None
    lowered = lower_first(short, proper)
    if re.match(r"(?i)^(?:van\s.+\snaar|from\s.+\sto)\s", lowered):
        # "Van Excel naar een echt planningssysteem" → "de overstap van Excel naar …"
        return ("the move " if lang is Language.EN else "de overstap ") + lowered[:1].lower() + lowered[1:]
    return with_article(lowered, lang)


#: Quantifiers and adverbs that can open a noun phrase without being its head.
_NOT_A_HEAD = frozenset({"no", "not", "any", "there", "none", "jullie", "you", "your", "u", "uw", "je", "jouw", "only", "just", "about", "almost", "most", "many", "some", "few", "all", "every", "each", "half",
                         "more", "less", "over", "under", "nearly", "lots", "plenty", "alleen", "slechts", "bijna",
                         "veel", "weinig", "alle", "elke", "ieder", "iedere", "meer", "minder", "helft", "ruim"})
_DE_ENDINGS = ("ie", "ing", "heid", "teit", "tuur", "sie", "tie", "isme", "tijd")
#: Finite verbs that, right after a question word, make a Dutch question rather than a bijzin.
_DUTCH_FINITE = frozenset({"is", "zijn", "staat", "staan", "gaat", "gaan", "kan", "kun", "kunt", "kunnen", "moet",
                           "moeten", "wil", "wilt", "willen", "krijgen", "krijgt", "vinden", "vindt", "doen", "doet",
                           "hebben", "heeft", "hebt", "wordt", "worden", "zit", "zitten", "komt", "komen", "blijft",
                           "blijven", "loopt", "lopen", "houden", "houdt", "maken", "maakt", "zie", "ziet", "zien",
                           "weet", "weten", "denkt", "denken", "zal", "zullen", "zou", "zouden", "werkt", "werken"})
_NL_LINKS = frozenset({"van", "naar", "voor", "met", "in", "op", "bij", "zonder", "tegen", "rond"})


def with_article(phrase: str, lang: Language) -> str:
    """`battery life of field sensors` → `the battery life of …`; `migratie naar de cloud` → `de migratie …`;
    `voorspellen van netcongestie` → `het voorspellen van …`. Anything else is left as written."""
    toks = phrase.split()
    if len(toks) < 2 or not toks[0].isalpha() or not toks[0].islower():
        return phrase
    w = words(lang)
    first = toks[0]
    if first in w.function_words or first in w.determiners or first in w.wh_words or first in w.adverbs:
        return phrase
    if any(ch.isdigit() for t in toks[:3] for ch in t) or first in _NOT_A_HEAD:
        return phrase  # "only 38 percent of …", "most of the …": no article
    if lang is Language.EN:
        if first.endswith("ing") or " of " not in f" {' '.join(toks[1:4])} ":
            return phrase
        return "the " + phrase
    if first.endswith("en") and len(first) > 5 and toks[1] in _NL_LINKS:
        return "het " + phrase
    if first.endswith(_DE_ENDINGS) and len(first) > 4:
        return "de " + phrase
    return phrase


def strength_piece(text: str, lang: Language, proper: frozenset[str]) -> Piece:
    """`Moved a pipeline…` → kind `i`, `I moved a pipeline…`; a noun phrase → kind `np`; else `raw`."""
    text = clean(text)
    w = words(lang)
    first, _, rest = text.partition(" ")
    low = first.lower()
    me = "I" if lang is Language.EN else "ik"
    if low in ("i", "ik") or low.startswith(("i'", "i’")):
        return Piece("i", upper_first(text) if lang is Language.EN else text[0].lower() + text[1:], original=text)
    if low in w.third_to_first:
        return Piece("i", f"{me} {w.third_to_first[low]} {rest}".strip(), original=text)
    if rest and (w.is_past(low) or low in w.present_first) and first[:1].isalpha():
        return Piece("i", f"{me} {low} {rest}", original=text)
    if low in w.noun_starts or first[:1].isdigit() or low.startswith(("my ", "mijn ")):
        return Piece("np", lower_first(text, proper), original=text)
    if lang is Language.NL and _dutch_participle_fragment(text):
        # "Als kwartiermaker … aardgasvrij gemaakt binnen vier jaar" → "ik heb als kwartiermaker … gemaakt …";
        # "zes jaar IC-verpleegkundige geweest" → "ik ben …" (a verb of being or becoming takes "zijn").
        toks = {t.strip(".,;:()").lower() for t in text.split()[-4:]}
        aux = "ben" if toks & _WITH_ZIJN else "heb"
        return Piece("i", f"ik {aux} {lower_first(text, proper)}", original=text)
    return Piece("raw", lower_first(text, proper), original=text)


#: Dutch participles that take "zijn", not "hebben".
_WITH_ZIJN = frozenset({"geweest", "gegaan", "gekomen", "geworden", "gebleven", "gegroeid", "gestegen", "gedaald",
                        "begonnen", "overgestapt", "verhuisd", "gestopt", "teruggekeerd", "ontstaan", "doorgegroeid",
                        "opgegroeid", "afgestudeerd", "gepromoveerd", "vertrokken", "verschenen"})
_SEPARABLE = ("op", "in", "uit", "aan", "af", "mee", "neer", "samen", "door", "over", "om", "terug", "weg", "voor",
              "na", "toe", "vast", "los", "binnen", "buiten", "bij")
_NOT_PARTICIPLES = frozenset({"gebied", "geld", "gewicht", "gezicht", "gerecht", "gedicht", "gezond"})
_PARTICIPLE = re.compile(r"^(?:" + "|".join(_SEPARABLE) + r")?ge[a-zà-ÿ]{2,}[td]$")


def _dutch_participle_fragment(text: str) -> bool:
    """A notes fragment without a subject that ends on a past participle ("… aardgasvrij gemaakt binnen vier
    jaar"): it reads as a sentence once "ik heb" goes in front."""
    toks = [t.strip(".,;:()").lower() for t in text.split()]
    if not toks or toks[0] in ("ik", "wij", "we", "mijn") or any(t in ("heb", "had", "ben", "was") for t in toks):
        return False
    clause = [t.strip(".,;:()").lower() for t in re.split(r"[,;]", text, maxsplit=1)[0].split()]
    tail = toks[-4:] + clause  # "excel-planning omgezet naar 1 Power BI, …": the participle of the first clause
    return any(_PARTICIPLE.match(t) and not t.endswith("heid") and t not in _NOT_PARTICIPLES for t in tail)


def need_piece(text: str, lang: Language, proper: frozenset[str]) -> Piece:
    """`Grow a team…` → kind `want` (`grow a team…`); a question → `raw` as "the question ‘…?’";
    anything else `raw`, lowered where safe (with an article where a bare noun phrase lacks one)."""
    if theme_shape(text, lang) == "question":
        return Piece("raw", quoted_question(text, lang), original=clean(text))
    text = their_we(clean(text), lang)
    first = text.split(" ", 1)[0].lower()
    if first in words(lang).imperative and " " in text:
        return Piece("want", first + text[len(first):], original=text)
    return Piece("raw", with_article(lower_first(text, proper), lang), original=text)


_THEIR_WE = {
    Language.EN: {"we": "you", "our": "your", "us": "you", "ourselves": "yourselves"},
    Language.NL: {"we": "jullie", "wij": "jullie", "ons": "jullie", "onze": "jullie"},
}


def their_we(text: str, lang: Language) -> str:
    """A need noted in the organisation's words ("we gooien dertig procent weg", "our planners …") is
    theirs, not the candidate's: "jullie gooien …", "your planners …" (the verb is plural either way)."""
    table = _THEIR_WE[lang]

    def swap(match: re.Match[str]) -> str:
        word = match.group()
        turned = table[word.lower()]
        return turned[:1].upper() + turned[1:] if word[:1].isupper() else turned

    return re.sub(r"\b(?:" + "|".join(table) + r")\b", swap, text, flags=re.IGNORECASE)


def quoted_question(text: str, lang: Language) -> str:
    """`how do we get X` → `the question ‘How do we get X?’` (`de vraag ‘…?’`)."""
    question = upper_first(clean(text, keep_question=True))
    question = question if question.endswith("?") else question + "?"
    return ("the question ‘{}’" if lang is Language.EN else "de vraag ‘{}’").format(question)


def gerund_phrase(text: str) -> str:
    """An English imperative as a topic: `Reduce churn` → `Reducing churn`, `Cut costs` → `Cutting costs`."""
    verb, _, rest = clean(text).partition(" ")
    low = verb.lower()
    if low.endswith("ie"):
        stem = low[:-2] + "y"
    elif low.endswith("e") and not low.endswith(("ee", "ye", "oe")):
        stem = low[:-1]
    elif len(low) <= 4 and re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", low):
        stem = low + low[-1]  # cut → cutt-, get → gett-, plan → plann-
    else:
        stem = low
    return upper_first(f"{stem}ing {rest}".strip())


def moment_piece(text: str, contact: Contact, lang: Language, proper: frozenset[str]) -> Piece:
    """Turn a moment shared with `contact` toward them where that is safe.

    `Maria's story about…` → kind `your` (`your story about…`); `Tom and I both…` → `clause`
    (`you and I both…`); `Els mentioned…` → `you_tell` (`you mentioned…`); `Henk fietst…` → `you`
    (`u fietst…`); a noun phrase → `np`; a clause about us → `clause`; otherwise `raw`."""
    text = _as_named(clean(text), contact, lang)
    w = words(lang)
    p = pronouns(lang, contact.effective_formality)
    for name in name_forms(contact):
        marks = ("'s ", "’s ") + (("s ",) if lang is Language.NL else ())
        if name[-1:].lower() in ("s", "x", "z"):
            marks += ("' ", "’ ")  # James' story, Łukasz' verhaal
        for mark in marks:
            if text.startswith(name + mark):
                turned = _own(_replace(p.possessive + " " + text[len(name + mark):], contact, p), w, p)
                # "your daughter is starting …" is a clause, not a thing to be "still thinking about".
                kind = "you" if _verb_follows(turned.split(" ")[2:4], w) else "your"
                return _checked(Piece(kind, turned, original=text), w)
        joined = " and I " if lang is Language.EN else " en ik "
        if lang is Language.EN and text.startswith(name + " and me "):
            joined = " and me "  # "Ben and me both hate YAML": you and I
        if text.startswith(name + joined):
            clause = _replace(p.with_me + " " + text[len(name + joined):], contact, p)
            return _checked(Piece(_clause_kind(clause, w), clause, original=text), w, check_pronouns=False)
        if text.startswith(name + " "):
            after = text[len(name) + 1 :]
            verb, _, rest = after.partition(" ")
            you_verb = _second_person(verb, w, contact.effective_formality)
            if you_verb is None or not rest:
                break
            rest = _coordinated(_own(_replace(rest, contact, p), w, p), w, contact.effective_formality)
            if verb.lower() in w.telling:  # "told me that she rowed …": the she is the reader too
                rest = _turn_subjects(rest, w, contact.effective_formality, p)
            kind = "you_tell" if verb.lower() in w.telling else "you"
            if kind == "you" and lang is Language.EN and w.is_past(verb):
                kind = "clause_plain"  # "you laughed about …" is an event, not something to learn
            if kind == "you_tell" and lang is Language.NL and rest.split(" ", 1)[0].lower() not in (
                "over", "dat", "hoe", "wat", "waarom", "welke", "of", "van"
            ):
                kind = "clause_plain"  # "u noemde de overstap …" reads best told as is
            gerund = w.telling.get(verb.lower(), "") if kind == "you_tell" else ""
            return _checked(Piece(kind, f"{p.subject} {you_verb} {rest}", rest=f"{you_verb} {rest}",
                                  original=text, gerund=f"{gerund} {rest}" if gerund else ""), w)
    replaced = _replace(text, contact, p)
    first = replaced.split(" ", 1)[0].lower()
    if first in w.determiners:
        kind = "np"
    elif first in ("both", "allebei", "beiden"):
        replaced = f"we {replaced}"  # "both mained support" → "we both mained support"
        kind = _clause_kind(replaced, w)
    elif first in w.clause_starts:
        kind = _clause_kind(replaced, w)
    elif w.is_past(first) and " " in replaced:
        # A moment shared with the reader: "laughed about the printer" is something we did together.
        me = ("we" if first in _TOGETHER else "I") if lang is Language.EN else "ik"
        replaced = f"{me} {first}{replaced[len(first):]}"
        kind = _clause_kind(replaced, w)
    else:
        kind = "raw"
    # A moment told as written may start with someone's name: lower only a plain function word.
    lowered = lower_first(replaced, proper) if kind != "raw" or first in w.function_words else replaced
    piece = Piece(kind, lowered, original=text)
    return _checked(piece, w) if replaced != text else piece


_OBJECT_NEXT = frozenset({"to", "about", "with", "for", "and", "that", "in", "on", "at", "the", "a", "an", "of"})


def _own(text: str, w: Words, p: Pronouns) -> str:
    """When the reader is the subject, their his/her (zijn/haar) become your (uw/je)."""
    out = text.split(" ")
    for i, word in enumerate(out):
        low = word.lower().rstrip(".,;:!?")
        tail = word[len(low):] if word.lower().startswith(low) else ""
        nxt = out[i + 1].lower() if i + 1 < len(out) else ""
        if w.lang is Language.EN and low == "his":
            out[i] = p.possessive + tail
        elif w.lang is Language.EN and low == "her":
            out[i] = (p.object if (not nxt or nxt in _OBJECT_NEXT or tail) else p.possessive) + tail
        elif w.lang is Language.NL and low in ("zijn", "haar") and nxt and nxt not in w.trailing and not tail:
            out[i] = p.possessive
    return " ".join(out)


_LEADING = {Language.EN: {"she": "", "he": "", "her": "'s", "his": "'s"},
            Language.NL: {"zij": "", "hij": "", "haar": "s", "zijn": "s", "ze": ""}}
#: "ze" and "zijn" open a moment about her or him only before a singular verb or a noun, not "ze zijn" (they).
_SINGULAR_AFTER_ZE = re.compile(r"^(?:\w+t|is|heeft|had|was|kan|wil|zal|woont|werkt)$")


#: Past-tense verbs of something done together: a moment noted as "laughed about …" is "we laughed about …".
_TOGETHER = frozenset({"laughed", "chatted", "talked", "joked", "bonded", "discussed", "compared", "agreed", "argued",
                       "spoke", "shared", "swapped", "traded", "walked", "debated", "geeked", "reminisced"})
#: "she'd" / "he's" at the start of a moment about the reader.
_CONTRACTED = {"she'd": "had", "he'd": "had", "she’d": "had", "he’d": "had", "she's": "is", "he's": "is",
               "she’s": "is", "he’s": "is"}


def _as_named(text: str, contact: Contact, lang: Language) -> str:
    """Notes jotted in lower case ("olivia showed …", "kevin's story …") or starting with a pronoun for
    the one person the moment is with ("she told me …", "her dog Bram …") name the reader properly."""
    low = text.lower()
    for name in name_forms(contact):
        if low.startswith(name.lower()) and (len(text) == len(name) or not text[len(name)].isalnum()):
            return name + text[len(name):]
    first, _, rest = text.partition(" ")
    given = split_name(" ".join(contact.name.split())).given
    bare = re.sub(r"(?:'s|’s)$", "", first)
    if given and len(bare) >= 3 and bare[:1].isupper() and bare != given and given.lower().startswith(bare.lower()):
        return given + first[len(bare):] + (" " + rest if rest else "")  # "Kim showed me …" for Kimberly
    if lang is Language.EN and first.lower() in _CONTRACTED and rest and given:
        verb = _CONTRACTED[first.lower()]
        if verb == "is" and rest.split(" ", 1)[0].lower() in ("been", "got", "had", "done", "seen", "worked"):
            verb = "has"
        return f"{given} {verb} {rest}"  # "she'd clearly read my CV" → "Jo had clearly read my CV"
    tail = _LEADING[lang].get(first.lower())
    following = rest.split(" ", 1)[0].lower()
    if first.lower() == "ze" and not _SINGULAR_AFTER_ZE.match(following):
        tail = None  # "ze zijn …": they
    if first.lower() == "zijn" and (not following or following in words(lang).function_words):
        tail = None  # "zijn allebei …": the verb, not "his"
    if tail is not None and rest and given and not _CJK.search(given):
        return f"{given}{tail} {rest}"
    return text


def _turn_subjects(rest: str, w: Words, formality: Formality, p: Pronouns) -> str:
    """In what the reader told ("… that he used to be an adjuster", "… dat ze zelf monteur is geweest"),
    he/she is the reader: `you` / `u` / `je`, with the verb that goes with it."""
    if w.lang is Language.EN:
        rest = re.sub(r"\b(?:she|he)(?:'d|’d)\b", "you'd", rest)  # "you said she'd started …" → "you'd started"
    subjects = {"he", "she"} if w.lang is Language.EN else {"hij", "zij", "ze"}
    out = rest.split(" ")
    turned = False
    for i, word in enumerate(out):
        low = word.lower()
        if low == "ze" and not _singular_clause(out[i + 1:]):
            continue
        if low in subjects:
            out[i] = p.subject
            turned = True
            continue
        if turned and w.lang is Language.NL:
            mapped = (w.you_verbs_informal.get(low) if formality is Formality.INFORMAL else None) or w.you_verbs.get(low)
            if mapped:
                out[i] = mapped
        elif turned and i > 0 and out[i - 1] == p.subject and w.lang is Language.EN:
            mapped = w.you_verbs.get(low)
            if mapped is None and i + 1 < len(out) and out[i + 1].lower() in w.verb_objects and not w.is_past(low):
                mapped = _second_person(word, w, formality)
            if mapped:
                out[i] = mapped
        if word.endswith((",", ";")):
            turned = False
    return " ".join(out)


#: Dutch verbs, past and present, that follow a subject ("uw hond lag onder het bureau").
_DUTCH_PAST = frozenset({"lag", "zat", "stond", "liep", "ging", "kwam", "gaf", "nam", "zag", "sprak", "bleef", "reed",
                         "ligt", "zit", "staat", "loopt", "komt", "speelt", "speelde", "woonde", "werkte", "fietst",
                         "fietste", "heette", "heet", "begon", "won", "deed", "doet"})
#: In a Dutch clause, "ze" is "she" only with a singular verb ("dat ze zelf monteur is geweest"), not in
#: "die ze om half vijf plakken" (they).
_DUTCH_SINGULAR = frozenset({"is", "heeft", "had", "was", "kan", "wil", "zal", "wordt", "werd", "woont", "werkt"})


def towards_reader(text: str, contact: Contact, lang: Language) -> str:
    """A phrase about the reader said to them: "op zijn kantoor" → "op uw kantoor", "in her office" →
    "in your office"."""
    p = pronouns(lang, contact.effective_formality)
    return _own(_replace(text, contact, p), words(lang), p)


def _singular_clause(after: list[str]) -> bool:
    clause: list[str] = []
    for word in after:
        clause.append(word.lower().strip(",;.:"))
        if word.endswith((",", ";", ".")):
            break
    return any(w in _DUTCH_SINGULAR for w in clause)


@cache
def _finite(lang: Language) -> frozenset[str]:
    """Finite verbs that can follow `your <noun>` (built once per language)."""
    w = words(lang)
    return frozenset({*w.you_verbs, *w.you_verbs.values(), *w.you_verbs_informal, *w.modal, "had", "have", "just",
                      "heeft", "was", "werd", "wordt", "gaat", "begint", "woont", "werkt", *_DUTCH_PAST})


def _verb_follows(after: list[str], w: Words) -> bool:
    """The word after `your <noun>` is a finite verb ("is", "heeft", "started", "begint …")."""
    if after and after[0][:1].isupper():
        after = after[1:]  # "your dog Bram came along": skip the name
    if not after:
        return False
    low = after[0].lower()
    if low in _finite(w.lang) or (w.is_past(low) and low not in w.not_verbs):
        return True
    nxt = after[1].lower() if len(after) > 1 else ""
    return w.lang is Language.EN and low.endswith("s") and not low.endswith("ss") and nxt in w.verb_objects


def _coordinated(rest: str, w: Words, formality: Formality) -> str:
    """A second verb of the reader agrees with "you" too: `… and still supports the team` → `support`,
    `… and is learning` → `are`; Dutch `… en is` → `bent` (other Dutch forms are the same after u/je)."""
    out = rest.split(" ")
    for i, word in enumerate(out):
        if word.lower() not in ("and", "but", "en", "maar"):
            continue
        j = i + 1
        while j < len(out) and out[j].lower() in w.adverbs:
            j += 1
        if j >= len(out):
            break
        verb = out[j]
        low = verb.lower()
        mapped = w.you_verbs_informal.get(low) if formality is Formality.INFORMAL else None
        mapped = mapped or w.you_verbs.get(low)
        if mapped is None and w.lang is Language.EN and j + 1 < len(out) and out[j + 1].lower() in w.verb_objects \
                and not w.is_past(low) and low not in w.modal:
            mapped = _second_person(verb, w, formality)
        if mapped is not None and verb[:1].islower():
            out[j] = mapped
    return " ".join(out)


def _clause_kind(clause: str, w: Words) -> str:
    """`clause` for something shared ("you and I both …"), else `clause_plain` (an event, told as is)."""
    return "clause" if any(t in w.shared for t in tokens(clause)) else "clause_plain"


def second_person(verb: str, w: Words, formality: Formality) -> str | None:
    """The verb after "you" / "u" / "je": "supports" → "support", "gaat" stays, "is" → "bent"."""
    return _second_person(verb, w, formality)


def _second_person(verb: str, w: Words, formality: Formality) -> str | None:
    low = verb.lower()
    if not verb[:1].islower() or not verb.replace("'", "").replace("’", "").isalpha():
        return None
    if w.lang is Language.NL:
        if formality is Formality.INFORMAL and low in w.you_verbs_informal:
            return w.you_verbs_informal[low]
        return w.you_verbs.get(low, low)
    if low in w.you_verbs:
        return w.you_verbs[low]
    if low in w.modal or w.is_past(low):
        return low
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith("ss") and len(low) > 2:
        return low[:-1]
    return None


def _replace(text: str, contact: Contact, p: Pronouns) -> str:
    possessive, plain = _name_patterns(contact)
    return plain.sub(p.object, possessive.sub(p.possessive, text))


@lru_cache(maxsize=1024)
def _name_patterns(contact: Contact) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One pattern for every way the notes may name this contact (built once per contact, not per phrase:
    dozens of forms times every notes phrase overflowed the regex cache)."""
    forms = "|".join(re.escape(name) for name in name_forms(contact))  # longest first
    return (re.compile(rf"(?<!\w)(?:{forms})(?:'s|’s|(?<=[sxzSXZ])['’])(?!\w)"),
            re.compile(rf"(?<!\w)(?:{forms})(?!\w)"))


def _checked(piece: Piece, w: Words, *, check_pronouns: bool = True) -> Piece:
    """Undo the turn toward the reader when a he/she/his/her would no longer fit."""
    if check_pronouns and any(t in w.third_person for t in tokens(piece.text)):
        return Piece("raw", piece.original, original=piece.original)
    return piece


_STRONG_CUTS = (", ", " – ", " — ", " - ", "; ", " (", " because ", " so that ", " which ", " while ", " omdat ",
                " and how ", " and why ", " and what ", " en hoe ", " en waarom ", " en wat ",
                " zodat ", " waardoor ", " die ", " terwijl ", " als ", " who ", " whose ", " where ", " waar ")
_WEAK_CUTS = (" before ", " after ", " for ", " with ", " by ", " in ", " at ", " on ", " from ", " voor ", " na ",
              " met ", " door ", " in ", " bij ", " op ", " uit ", " van ", " rond ", " around ", " tijdens ",
              " during ")


def shorten(text: str, limit: int, lang: Language, *, level: str = "word", min_words: int = 3) -> str | None:
    """Cut a phrase at a natural boundary so it fits `limit` characters; None when nothing sensible fits.

    Clause boundaries (a comma, `because`, `omdat`) come first, then prepositions (unless `level`
    is "clause"), then any word boundary (only when `level` is "word")."""
    strong = level == "clause"
    text = clean(text)
    if len(text) <= limit:
        return text
    if level == "whole":
        return None
    w = words(lang)
    for cuts in (_STRONG_CUTS, () if strong else _WEAK_CUTS):
        best = ""
        for cut in cuts:
            idx = text.find(cut)
            while idx != -1:
                if idx <= limit and idx > len(best):
                    best = text[:idx]
                idx = text.find(cut, idx + 1)
        best = best.rstrip(",;:–—- ")
        if len(best.split()) >= min_words and best.split()[-1].lower() not in w.trailing:
            return best
    if level != "word":
        return None
    head = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else ""
    parts = head.split()
    while parts and parts[-1].lower().strip(",.;:") in w.trailing:
        parts.pop()
    out = " ".join(parts).rstrip(",.;:–—-( ")
    return out if len(out.split()) >= 3 else None
