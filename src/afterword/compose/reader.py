"""A moment turned toward the person it was shared with: "Els mentioned …" becomes "you mentioned …"."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from afterword.compose.naming import Pronouns, _replace, name_forms, pronouns
from afterword.compose.topic import has_any_verb
from afterword.compose.wording import _CJK, Piece, Words, clean, lower_first, tokens, words
from afterword.core.lang.names import split_name
from afterword.core.model import Contact, Formality, Language


@lru_cache(maxsize=4096)  # asked again for every shift of a person's email
def moment_piece(text: str, contact: Contact, lang: Language, proper: frozenset[str]) -> Piece:
    """Turn a moment shared with `contact` toward them where that is safe.

    `Maria's story about…` → kind `your` (`your story about…`); `Tom and I both…` → `clause`
    (`you and I both…`); `Els mentioned…` → `you_tell` (`you mentioned…`); `Henk fietst…` → `you`
    (`u fietst…`); a noun phrase → `np`; a clause about us → `clause`; otherwise `raw`."""
    text = _as_named(clean(text), contact, lang)
    w = words(lang)
    p = pronouns(lang, contact.effective_formality)
    if lang is Language.NL:
        for name in name_forms(contact):
            # "de kat van Rutger liep door beeld" → "Rutgers kat liep …" → "je kat liep …", never "de kat van jou"
            text = re.sub(rf"^(?:de|het)\s+([\w-]+)\s+van\s+({re.escape(name)})\b", r"\2s \1", text)
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
                # "vertelde over opa die …": their grandfather, "over uw opa"; "told me about grandad" → "your grandad"
                rest = _KIN.sub(lambda m: f"{m.group(1)} {p.possessive} {m.group(2)}", rest, count=1)
            kind = "you_tell" if verb.lower() in w.telling else "you"
            if kind == "you" and lang is Language.EN and w.is_past(verb) and verb.lower() not in _LIFE:
                # "you laughed about …" is an event, not something to learn; "you were at Bristol too" is shared
                kind = _clause_kind(rest, w)
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


#: Past tenses that tell part of someone's story ("you did a postdoc in Coimbra"): good to have heard, unlike an
#: event of the day ("you laughed about the printer"), which is told as is.
_LIFE = frozenset({"did", "studied", "lived", "grew", "worked", "played", "founded", "started", "built", "trained",
                   "taught", "moved", "spent", "ran", "served", "qualified", "graduated", "volunteered", "rowed"})


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


_KIN = re.compile(r"^((?:me\s+)?(?:about|over))\s+(opa|oma|vader|moeder|pa|ma|dochter|zoon|broer|zus|man|vrouw|"
                  r"grandad|granddad|grandma|grandfather|grandmother|dad|mum|mom|father|mother|daughter|son|brother|"
                  r"sister|husband|wife)\b", re.IGNORECASE)


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


def _checked(piece: Piece, w: Words, *, check_pronouns: bool = True) -> Piece:
    """Undo the turn toward the reader when a he/she/his/her would no longer fit."""
    if check_pronouns and any(t in w.third_person for t in tokens(piece.text)):
        return Piece("raw", piece.original, original=piece.original)
    return piece


#: Words that end a Dutch clause in a way the verb cannot simply follow (particles of separable verbs, a
#: participle or infinitive already at the end, a subordinate clause inside).
_NL_NO_MOVE = frozenset({"op", "uit", "aan", "af", "mee", "neer", "terug", "weg", "toe", "vast", "los", "samen",
                         "na", "over", "door", "voor", "om", "in", "bij"})
#: Verbs that take an infinitive at the end ("liet … zien", "wilde … weten", "ging … doen").
_NL_WITH_INFINITIVE = frozenset({"liet", "laat", "wilde", "wil", "wilt", "kon", "kan", "kunt", "ging", "gaat", "moest",
                                 "moet", "zou", "zal", "mocht", "mag", "kwam", "komt", "bleef", "blijft", "hielp", "helpt"})
_NL_SUBJECTS = frozenset({"u", "je", "jij", "ik", "we", "wij", "jullie"})
_NL_INNER = re.compile(r"(?i)\b(?:dat|omdat|want|maar|als|toen|die|wat|waar|hoe|of|terwijl|zodat|dus|te)\b|[,;:()?!]")
#: Past forms a moment often uses that the general verb list leaves out (it keeps to forms that are never nouns).
_NL_MORE_VERBS = frozenset({"herinnerde", "herinnert", "toonde", "toont", "legde", "legt", "gaf", "geeft", "nam", "neemt",
                            "bracht", "brengt", "hoorde", "hoort", "leerde", "leert", "lachte", "wees", "wijst",
                            "stuurde", "stuurt", "vroeg", "vraagt", "belde", "belt", "las", "leest", "kookt", "zwemt"})
_NL_NONFINITE = re.compile(r"(?i)^(?:[a-z]*ge[a-zà-ÿ]{2,}[dt]|[a-zà-ÿ]{3,}en)$")


def dutch_subordinate(clause: str) -> str | None:
    """"u kende mijn promotor goed en herinnerde zich mijn verdediging" → "u mijn promotor goed kende en zich
    mijn verdediging herinnerde": the clause as it follows "dat", each finite verb moved to the end. None
    when the clause is not simple enough to move safely (a particle, a participle, a clause inside)."""
    toks = clause.split()
    if len(toks) < 3 or toks[0].lower() not in _NL_SUBJECTS or _NL_INNER.search(clause):
        return None
    conjuncts: list[list[str]] = [[]]
    for i, tok in enumerate(toks[1:], start=1):
        if tok == "en" and i + 1 < len(toks) and _nl_finite(toks[i + 1]) and conjuncts[-1]:
            conjuncts.append([])
            continue
        conjuncts[-1].append(tok)
    parts: list[str] = []
    for conj in conjuncts:
        if len(conj) < 2 or not _nl_finite(conj[0]):
            return None
        finite, rest = conj[0], conj[1:]
        last = rest[-1].lower().strip(".")
        if finite.lower() in _NL_WITH_INFINITIVE and len(rest) >= 2 and re.fullmatch(r"[a-zà-ÿ]{2,}en", last) \
                and not any(_nl_finite(t) for t in rest[:-1]) and rest[-2].lower() not in _NL_NO_MOVE | {"met", "naar", "van"}:
            parts.append(" ".join([*rest[:-1], finite, rest[-1]]))  # "je liet de kast zien" → "je de kast liet zien"
            continue
        if last in _NL_NO_MOVE or _NL_NONFINITE.match(last) or any(
                has_any_verb(t, Language.NL) and not t[:1].isupper() and not t[:1].isdigit() for t in rest):
            return None
        parts.append(" ".join([*rest, finite]))
    return f"{toks[0]} " + " en ".join(parts)


def _nl_finite(word: str) -> bool:
    return word.lower() in _NL_MORE_VERBS or has_any_verb(word, Language.NL)
