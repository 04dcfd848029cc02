"""Outside the greeting, the message talks about its own reader by name or as he/she/ze/zij.

"kevin heeft zelf de macro's gebouwd" in an email to Kevin, "I was glad Grace said she would …" to
Grace. The reader's name as a form of address ("Thanks again, Grace.", "Tom, one more thing: …") is
fine. A he or she counts when no one else in that sentence or the one before could be meant (a
colleague, a name, "your manager"); Dutch "ze" and "zij" count only with a singular verb, since they are
also "they".

Why it matters:
Notes are written about people; a message is written to them. Talking about the reader as if they were
not there reads as notes pasted in, or as a message meant for someone else.

Example:
"tom supports Leeds Utd, so he will know what a painful season feels like." to Tom.

Fix:
Turn it to the reader: "you support Leeds United", "your story about …".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from afterword.check.context import Context, NotesProfile
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.lang.lemmas import stopwords
from afterword.core.lang.names import fold_cached as fold
from afterword.core.lang.names import split_name, strip_titles
from afterword.core.lang.tokens import Token
from afterword.core.model import Language, Severity

#: Given names that are also ordinary words: only their capitalised form is the name.
_WORDLIKE = frozenset({"will", "mark", "bill", "rob", "may", "joy", "hope", "guy", "frank", "dawn", "rose", "grant",
                       "sky", "max", "jack", "pat", "bob", "kim", "ben", "jan", "piet", "mies", "roos", "hoop",
                       "job", "bart", "wil", "lot", "ruben", "dean", "chase", "faith", "grace", "june", "art"})
_PRONOUNS = {Language.EN: frozenset({"he", "she", "him", "his", "her", "hers", "himself", "herself"}),
             Language.NL: frozenset({"hij", "ze", "zij"})}
#: Dutch hij/ze/zij also stand for things ("een pomp … voordat hij stilstaat") and for "they": only beside a
#: verb that a person does (singular) is it a person.
_NL_PERSON_VERBS = frozenset({"zei", "vertelde", "vroeg", "noemde", "legde", "gaf", "liet", "vindt", "vond", "denkt",
                              "dacht", "wil", "wilde", "hoopt", "hoopte", "weet", "wist", "werkt", "woont", "bouwde",
                              "maakte", "schreef", "leidde", "begon", "studeert", "heette", "sprak", "lachte",
                              "merkte", "supportert", "fietst", "speelt", "houdt", "hield", "kent", "kende", "beheert"})
#: Words that name a person a he/she may point back to (a colleague, a child, a manager).
_PERSONS = frozenset({
    "colleague", "manager", "boss", "director", "head", "lead", "ceo", "cto", "cfo", "coo", "vp", "founder", "chair",
    "recruiter", "daughter", "son", "wife", "husband", "partner", "mother", "father", "mum", "mom", "dad", "friend",
    "customer", "client", "patient", "student", "teacher", "nurse", "doctor", "engineer", "developer", "designer",
    "analyst", "predecessor", "successor", "mentor", "professor", "tenant", "resident", "child", "kid", "baby",
    "sister", "brother", "team", "member", "someone", "person", "woman", "man", "girl", "boy", "grandmother",
    "collega", "leidinggevende", "directeur", "baas", "voorzitter", "dochter", "zoon", "vrouw", "moeder", "vader",
    "vriend", "vriendin", "klant", "patiënt", "leerling", "docent", "leraar", "juf", "meester",
    "verpleegkundige", "arts", "dokter", "voorganger", "opvolger", "hoogleraar", "bewoner", "huurder",
    "kind", "broer", "zus", "iemand", "persoon", "wethouder", "burgemeester", "bestuurder", "teamleider",
    "oma", "opa", "chauffeur", "monteur", "medewerker", "planner", "oprichter",
})


def _name_words(ctx: Context) -> tuple[set[str], frozenset[str]]:
    """The folded words that name the reader (given name, nickname, surname core), and those of anyone else."""
    parts = split_name(strip_titles(ctx.contact.name))
    mine = {fold(w) for w in (parts.given, parts.core) if w and " " not in w and len(w) >= 2}
    nick = re.search(r"[\"“‘(]([^\"”’()]{2,20})[\"”’)]", ctx.contact.name)
    if nick:
        mine.add(fold(nick.group(1).strip()))
    others = _others(ctx.notes, ctx.contact.id)
    return mine - others, others


def _others(notes: NotesProfile, contact_id: str) -> frozenset[str]:
    """The folded given names and surname cores of everyone but this contact: every contact's words less
    those only this contact's id carries, found once per interview (a big panel's names are not split again
    for every draft)."""
    cached = notes.__dict__.get("_third_person_names")
    if cached is None:
        holders: dict[str, set[str]] = {}
        for c in notes.interview.contacts:
            other = split_name(strip_titles(c.name))
            for word in {fold(w) for w in (other.given, other.core) if w}:
                holders.setdefault(word, set()).add(c.id)
        alone: dict[str, set[str]] = {}
        for word, ids in holders.items():
            if len(ids) == 1:
                alone.setdefault(next(iter(ids)), set()).add(word)
        cached = notes.__dict__["_third_person_names"] = (frozenset(holders), alone)
    everyone, alone = cached
    return everyone - alone.get(contact_id, set())  # type: ignore[no-any-return]


def check(ctx: Context) -> Iterator[Hit]:
    lang = ctx.text_language
    body_end = ctx.signature_start
    skip_to = ctx.after_greeting
    mine, others = _name_words(ctx)
    given = fold(split_name(strip_titles(ctx.contact.name)).given)
    tokens = [t for t in ctx.tokens if skip_to <= t.start < body_end]
    reported = 0
    company_words = ctx.notes.company_words
    common = stopwords(lang)
    named = mine | _short_forms(given)
    pronouns = _PRONOUNS[lang]
    for index, token in enumerate(tokens):
        folded = fold(token.text)
        if folded not in named and token.lower not in pronouns:
            continue  # neither a hit by name nor by pronoun is possible: the checks below need one of these
        plain_word = folded in company_words or (token.lower in common and (
            not token.text[:1].isupper() or ctx.starts_sentence(token.start)))  # "Van der Wal" the company, "Een"
        if not plain_word and (folded in mine or _short_form(folded, given)) and _is_name(token, lang) \
                and not _vocative(ctx.body, token):
            yield Hit("name", {"text": token.text}, start=token.start, end=token.end)
            reported += 1
        elif token.lower in _PRONOUNS[lang] and _about_reader(ctx, tokens, index, others, lang, mine):
            yield Hit("pronoun", {"text": token.text}, start=token.start, end=token.end)
            reported += 1
        if reported >= 5:
            return


@lru_cache(maxsize=256)
def _short_forms(given: str) -> frozenset[str]:
    """Every word `_short_form` says is the reader's given name by another form: the nickname list's partners and
    the given name's starts of three letters or more."""
    from afterword.check.rules.wrong_name import _nicknames

    partners = {a if b == given else b for a, b in _nicknames() if given in (a, b)}
    starts = {given[:k] for k in range(3, len(given))}
    return frozenset(w for w in partners | starts if _short_form(w, given))


@lru_cache(maxsize=65536)
def _short_form(word: str, given: str) -> bool:
    """Tom for Thomas, Dave for David: the reader by the name they go by (a nickname list, or the start
    of the given name)."""
    from afterword.check.rules.wrong_name import _nicknames

    if len(word) < 3 or word == given:
        return False
    pairs = _nicknames()
    return (word, given) in pairs or (given, word) in pairs or (len(word) < len(given) and given.startswith(word))


def _is_name(token: Token, lang: Language) -> bool:
    if token.text[:1].isupper():
        return True
    low = token.lower
    return low not in _WORDLIKE and low not in stopwords(lang) and len(low) >= 3


def _vocative(body: str, token: Token) -> bool:
    """"Thanks again, Grace." / "Grace, one more thing": the name as a form of address."""
    before = body[max(0, token.start - 3):token.start].rstrip(" ")
    after = body[token.end:token.end + 2]
    if body[token.end:token.end + 2] in ("'s", "’s"):
        return False
    opens = not before or before[-1:] in ",.!?:;\n—–("
    closes = after[:1] in (",", ".", "!", "?", ":", ";", "—", "–", ")", "") or after[:1] == "\n"
    return opens and closes


def _about_reader(ctx: Context, tokens: list[Token], index: int, others: frozenset[str], lang: Language,
                  mine: set[str]) -> bool:
    """A he/she with no one else in this sentence or the one before to point back to."""
    token = tokens[index]
    if lang is Language.NL:
        after = [t.lower for t in tokens[index + 1:index + 3]]
        before = tokens[index - 1].lower if index else ""
        if not (set(after) & _NL_PERSON_VERBS) and before not in _NL_PERSON_VERBS:
            return False  # a thing, or "they"
    sentences = ctx.sentences
    here = next((i for i, s in enumerate(sentences) if s.start <= token.start < s.end), 0)
    window_start = sentences[max(0, here - 1)].start if sentences else 0
    for other in ctx.tokens_in(window_start, token.start):
        low = other.lower
        if low in _PERSONS or fold(other.text) in others:
            return False
        if other.text[:1].isupper() and fold(other.text) not in ctx.notes.company_words and low not in ("i", "ik") \
                and not (ctx.starts_sentence(other.start) and any(low in stopwords(x) for x in Language)) \
                and fold(other.text) not in mine:
            return False  # someone named: "Priya said she …", "Dave told me he …"
    return True


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Notities gaan over mensen; een bericht is aan hen gericht. Over de lezer praten alsof die er niet bij is, "
          "leest als geplakte notities, of als een bericht voor iemand anders.",
          "\"kevin heeft zelf de macro's gebouwd\" in een mail aan Kevin.",
          "Richt het tot de lezer: \"je hebt zelf de macro's gebouwd\", \"uw verhaal over …\".")


RULE = make_rule(
    "third-person-reader", Severity.WARNING, ALL_CHANNELS, __doc__,
    summary_nl="Buiten de aanhef praat het bericht over de eigen lezer, met naam of als hij/zij/ze.",
    en={"name": "\"{text}\" is the reader of this message: speak to them (you, your) rather than about them.",
        "pronoun": "\"{text}\" seems to be the reader of this message: speak to them (you, your) rather than "
                   "about them."},
    nl={"name": "\"{text}\" is de lezer van dit bericht: spreek die persoon aan (je/u, jouw/uw) in plaats van "
                "over hem of haar te praten.",
        "pronoun": "\"{text}\" lijkt de lezer van dit bericht: spreek die persoon aan (je/u, jouw/uw) in plaats "
                   "van over hem of haar te praten."},
    doc_nl=DOC_NL,
    check=check,
)
