"""Needs, strengths and themes made ready for a framing sentence ("the battery life of …", "I moved …")."""

from __future__ import annotations

import re
from functools import lru_cache

from afterword.compose.wording import (
    _QUOTES,
    Piece,
    _base,
    clean,
    is_title_case,
    lower_first,
    shorten,
    tokens,
    upper_first,
    words,
)
from afterword.core.lang.numbers import spelled
from afterword.core.lang.proper import proper_words
from afterword.core.model import Language


def role_in_sentence(role: str, lang: Language, proper: frozenset[str]) -> str:
    """The job title inside a sentence. Dutch writes titles in lower case ("de functie van projectleider
    digitalisering"); acronyms, words with digits and names keep their capitals. English keeps the title."""
    text = re.sub(r"\s*\([^()]*\)", "", clean(role)).replace(" & ", " and " if lang is Language.EN else " en ")
    text = re.sub(r",\s*\d+(?:[.,]\d+)?\s*(?:fte|FTE|uur|hours|u)\b.*$", "", text)  # "…, 0,8 fte"
    # "Senior Credit Risk Analyst - CRE", "Ward Manager – Ward 23", "Staff Engineer, Reliability", "Sous-chef
    # brasserie + banqueting": the title a person would say, without the posting's qualifiers.
    head = re.split(r"\s+[-–—+|/]\s+|,\s+", text, maxsplit=1)[0].strip()
    if head != text and len(head.split()) >= 1 and len(head) >= 4:
        text = head
    if lang is not Language.NL or (is_title_case(text) and len(text.split()) > 4):
        return text
    out = []
    for word in text.split():
        core = word.strip(_QUOTES + ".,;:!?)")
        keep = sum(c.isupper() for c in core) > 1 or any(c.isdigit() for c in core) or _base(core) in proper \
            or core.lower() in proper_words(lang)
        out.append(word if keep else word.lower())
    return " ".join(out)


@lru_cache(maxsize=4096)  # asked of the same theme and needs for every person and every shift of their email
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
    if lang is Language.NL and (first == "veel" or (first == "steeds" and toks[1] == "meer")):
        from afterword.compose.topic import _many

        return _many(phrase)  # "veel oudere huurders" → "de vele oudere huurders"
    if first in w.function_words or first in w.determiners or first in w.wh_words or first in w.adverbs:
        return phrase
    if any(ch.isdigit() for t in toks[:3] for ch in t) or first in _NOT_A_HEAD:
        return phrase  # "only 38 percent of …", "most of the …": no article
    if lang is Language.EN:
        if first.endswith("ing") or " of " not in f" {' '.join(toks[1:4])} ":
            return phrase
        return "the " + phrase
    from afterword.compose.topic import _nl_genitive

    linked = _nl_genitive(phrase)
    if linked != phrase:
        return linked  # "achterstand kantonvonnissen" → "de achterstand van kantonvonnissen"
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
    if _AS_ROLE.match(text):
        return Piece("i", text, original=text)  # "as falls champion, I did …", "als superuser … heb ik …"
    place = _PLACE_FIRST.match(text) if lang is Language.EN else None
    if place and (w.is_past(place.group("verb").lower()) or place.group("verb").lower() in w.present_first):
        # "at Hovione cut open deviations …" → "at Hovione I cut open deviations …"
        return Piece("i", f"{place.group('at').lower()} {place.group('where').strip()} I {place.group('verb').lower()} "
                          f"{place.group('rest')}", original=text)
    if low in w.third_to_first:
        return Piece("i", f"{me} {w.third_to_first[low]} {rest}".strip(), original=text)
    if lang is Language.NL and _dutch_participle_fragment(text) and low.endswith(("de", "te")) \
            and low not in w.past_irregular and not _dutch_past_stem(low):
        pass  # "belronde binnen 1 wk ingevoerd": a noun in -de, not a past tense; "ik heb …", below
    elif rest and (w.is_past(low) or low in w.present_first) and first[:1].isalpha() and not _acronym(first):
        return Piece("i", f"{me} {low} {rest}", original=text)
    if lang is Language.NL and _dutch_participle_fragment(text) and (first[:1].isdigit() or low in _COUNTS
                                                                     or low in ("een", "de", "het")):
        pass  # "12 jaar werkvoorbereider geweest" is something done: "ik ben … geweest", below
    elif low in w.noun_starts or first[:1].isdigit() or low.startswith(("my ", "mijn ")):
        return Piece("np", lower_first(text, proper), original=text)
    if lang is Language.NL and _dutch_participle_fragment(text):
        # "Als kwartiermaker … aardgasvrij gemaakt binnen vier jaar" → "ik heb als kwartiermaker … gemaakt …";
        # "zes jaar IC-verpleegkundige geweest" → "ik ben …" (a verb of being or becoming takes "zijn").
        return Piece("i", f"ik {dutch_aux(text)} {lower_first(text, proper)}", original=text)
    from afterword.compose.topic import has_any_verb

    if lang is Language.EN and _ROLE_ON.match(text) and not has_any_verb(text, lang):
        return Piece("i", f"I was {text}", original=text)  # "PM on three tours including Edinburgh twice"
    return Piece("raw", lower_first(text, proper), original=text)


#: A role typed before where it was held, with no verb: "PM on three tours", "team lead at Arriva".
_ROLE_ON = re.compile(r"^(?:[A-Z]{2,4}|(?:[a-z-]+\s)?(?:lead|manager|coordinator|supervisor|officer|champion|rep))"
                      r"\s+(?:on|at|for|with)\s+\S")


#: A strength that opens with where it happened: "at Hovione cut …", "while at Monzo led …".
_PLACE_FIRST = re.compile(r"^(?P<at>(?:while\s+)?(?:at|with|for|in))\s+(?P<where>(?:[A-Z0-9][\w&.'’-]*\s+){1,4}?)"
                          r"(?P<verb>[a-z]+)\s+(?P<rest>\S.*)$", re.IGNORECASE)


_AS_ROLE = re.compile(r"(?i)^(?:as\s[^,]{2,80},\sI\s|als\s[^,]{2,80}?\s(?:heb|ben)\sik\s)")


def dutch_aux(text: str) -> str:
    """"ben" or "heb" for a Dutch deed typed without its subject: by the participle of its first clause
    ("Wzd-aandachtsvelder geweest en 30 dossiers … gebracht" → "ben"), else the last words."""
    clause = [t.strip(".,;:()").lower() for t in re.split(r"[,;]|\s(?:en|and)\s", text, maxsplit=1)[0].split()]
    first = next((t for t in clause if t in _WITH_ZIJN or (_PARTICIPLE.match(t) and t not in _NOT_PARTICIPLES)), None)
    if first is not None:
        return "ben" if first in _WITH_ZIJN else "heb"
    toks = {t.strip(".,;:()").lower() for t in text.split()[-4:]}
    return "ben" if toks & _WITH_ZIJN else "heb"


def _dutch_past_stem(word: str) -> bool:
    """"notuleerde", "werkte", "leidde": a past tense in -de/-te of a verb whose stem is a verb in -en ("notuleren")."""
    from afterword.core.lang.spelling import words as dictionary

    stem = word[:-2]
    if len(stem) < 3:
        return False
    forms = {stem + "en", re.sub(r"([aeou])\1([^aeiou])$", r"\1\2", stem) + "en"}  # "notuleer" → "notuleren"
    return any(not dictionary(Language.NL).unknown([form]) for form in forms if form != word)


def zijn_participle(word: str) -> bool:
    """A Dutch participle that takes "zijn" ("geweest", "begonnen"), not "hebben"."""
    return word.lower() in _WITH_ZIJN


def _acronym(word: str) -> bool:
    """"SMED", "KYC", "OTP": a word in capitals is a name or an abbreviation, never a verb ("I smed")."""
    return len(word) > 1 and word.isupper()


_COUNTS = frozenset(spelled(n, "nl") for n in range(1, 13))

#: Dutch participles that take "zijn", not "hebben".
_WITH_ZIJN = frozenset({"geweest", "gegaan", "gekomen", "geworden", "gebleven", "gegroeid", "gestegen", "gedaald",
                        "begonnen", "overgestapt", "verhuisd", "gestopt", "teruggekeerd", "ontstaan", "doorgegroeid",
                        "opgegroeid", "afgestudeerd", "gepromoveerd", "vertrokken", "verschenen"})


_SEPARABLE = ("op", "in", "uit", "aan", "af", "mee", "neer", "samen", "door", "over", "om", "terug", "weg", "voor",
              "na", "toe", "vast", "los", "binnen", "buiten", "bij")


_NOT_PARTICIPLES = frozenset({"gebied", "geld", "gewicht", "gezicht", "gerecht", "gedicht", "gezond"})


#: Strong participles in -en ("geschreven", "aangenomen", "geworven"), after an optional separable prefix.
_STRONG = ("schreven|geven|daan|zien|lezen|vonden|wonnen|worven|bleven|kregen|nomen|sproken|trokken|dragen|staan|"
           "gaan|komen|holpen|sloten|bonden|broken|dreven|heven|laten|lopen|roepen|slagen|sneden|togen|vochten|"
           "wezen|wogen|houden|zet|weten|vangen|hangen|brand|stegen|dalen|wassen|groeid|bogen|zworen|hesen")
_PARTICIPLE = re.compile(r"^(?:" + "|".join(_SEPARABLE) + r")?(?:ge[a-zà-ÿ]{2,}[td]|ge(?:" + _STRONG + r")|"
                         r"begonnen|verworven|ontvangen|ontworpen|ondertekend|verkregen|vertrokken|verschenen)$")


def _dutch_participle_fragment(text: str) -> bool:
    """A notes fragment without a subject that ends on a past participle ("… aardgasvrij gemaakt binnen vier
    jaar"): it reads as a sentence once "ik heb" goes in front."""
    toks = [t.strip(".,;:()").lower() for t in text.split()]
    if not toks or toks[0] in ("ik", "wij", "we", "mijn") or any(
            t in ("heb", "had", "ben", "was") and (i == 0 or toks[i - 1] != "en") for i, t in enumerate(toks)):
        return False  # (a second deed joined as "… geweest en heb … gebracht" is still a fragment without "ik")
    clause = [t.strip(".,;:()").lower() for t in re.split(r"[,;]", text, maxsplit=1)[0].split()]
    # "excel-planning omgezet naar 1 Power BI, …": the participle of the first clause, or one of the last words;
    # a participle followed by a noun is an adjective ("gebroken diensten", "al ingeschreven deeltijdopleiding")
    for seq in (clause, toks[-4:]):
        for i, t in enumerate(seq):
            if _PARTICIPLE.match(t) and not t.endswith("heid") and t not in _NOT_PARTICIPLES \
                    and (i == len(seq) - 1 or seq[i + 1] in _AFTER_PARTICIPLE or seq[i + 1][:1].isdigit()):
                return True
    return False


#: What may follow a participle at the end of a Dutch deed: a preposition, a conjunction, an adverb.
_AFTER_PARTICIPLE = frozenset({"voor", "bij", "in", "op", "met", "naar", "binnen", "samen", "via", "tot", "na", "zonder",
                               "door", "aan", "over", "tegen", "uit", "van", "om", "tijdens", "sinds", "vanaf", "en",
                               "als", "zodat", "waardoor", "waarmee", "omdat", "per", "onder", "rond", "tussen",
                               "maar", "of", "dus", "ook", "zelf", "toen", "daar", "-", "->", "+", "&", "(",
                               "i.p.v.", "ipv", "incl.", "inclusief", "in plaats"})


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
