"""The question meant for this person, ready to ask, in their register (Dutch u/uw or je/jij/jouw)."""

from __future__ import annotations

import re

from afterword.compose.wording import clean, upper_first, words
from afterword.core.model import Formality, Language

_TODO = re.compile(r"(?i)^(?:ask|check|find out|follow up|chase|remember|vragen|vraag|nog vragen|navragen|checken|"
                   r"uitzoeken|nagaan)\b")


def question_text(text: str, lang: Language, formality: Formality) -> str | None:
    """The question ready to ask in the reader's register, or None when it is not a question."""
    q = clean(text, keep_question=True)
    if q.count("?") > 1 or not q:
        return None
    if _TODO.match(q):
        return None  # "ask ben about pairing?", "nog vragen naar inwerktraject?": a note to self, not a question
    if not q.endswith("?"):
        if "?" in q or q.split(" ", 1)[0].lower() not in words(lang).question_starts:
            return None
        q += "?"
    label = re.match(r"^[^\W\d][\w'’ -]{1,30}:\s+(?=\w)", q)
    if label and q[label.end():].split(" ", 1)[0].lower() in words(lang).question_starts:
        q = q[label.end():]  # "inwerktraject: is er een vaste buddy?" → "is er een vaste buddy?"
    head, sep, tail = q.partition(", ")
    if sep and tail.split(" ", 1)[0].lower() in words(lang).question_starts and len(head.split()) >= 4:
        q = head + "?"  # "Wie wordt eigenaar …, kan dat bij mij liggen?": one question at a time
    return upper_first(_dutch_register(q, formality) if lang is Language.NL else _english_auxiliary(q))


#: "how you measure success …?": an English question typed without its "do" (notes, or a German or Dutch word order).
_NO_DO = re.compile(r"(?i)^(how|what|when|where|why|(?:which|what)\s+(?!(?:do|does|did|would|will|can|could|should|is|are|was|"
                    r"were|have|has|had|shall|may|might|must)\b)\w+)\s+(you|we|they|I)\s+([a-z]+)\b")
_AUXILIARIES = frozenset({"do", "did", "does", "are", "were", "was", "is", "have", "has", "had", "can", "could", "will",
                          "would", "should", "shall", "may", "might", "must", "don't", "didn't"})


def _english_auxiliary(q: str) -> str:
    """"how you measure success …?" → "how do you measure success …?"; a question with its auxiliary is left alone."""
    m = _NO_DO.match(q)
    verb = m.group(3).lower() if m is not None else ""
    if m is None or verb in _AUXILIARIES or verb.endswith("ing") or (verb.endswith("ed") and not verb.endswith("eed")):
        return q
    return f"{q[:m.start(2)]}do {q[m.start(2):]}"


_INFORMAL_TO_FORMAL = {"kan": "kunt", "kun": "kunt", "zal": "zult", "heb": "hebt", "ben": "bent", "wil": "wilt"}
_FORMAL_TO_INFORMAL = {"kunt": "kun", "zult": "zal", "hebt": "heb", "heeft": "heb", "bent": "ben", "wilt": "wil",
                       "gaat": "ga", "ziet": "zie", "doet": "doe", "denkt": "denk", "vindt": "vind", "komt": "kom",
                       "verwacht": "verwacht", "zou": "zou", "staat": "sta", "slaat": "sla"}


#: A verb form that loses its -t before "je" ("verdeelt u" → "verdeel je"): a consonant before the t that is not
#: part of the stem's own t ("wacht", "kost" keep it; a vowel before t, "laat", "moet", is the stem).
_INVERTED_T = re.compile(r"^[a-zà-ÿ]{2,}[bdfgklmnprvwz]t$")


def _dutch_register(q: str, formality: Formality) -> str:
    """Swap je/jij/jouw and u/uw (with the verb before them) so a question fits the reader."""
    out = q.split(" ")
    low = [t.lower().strip("?,.") for t in out]
    formal = formality is Formality.FORMAL
    for i, tok in enumerate(low):
        tail = out[i][len(tok):] if out[i].lower().startswith(tok) else ""
        new: str | None = None
        if formal and tok in ("je", "jij", "jou"):
            new = "u"
            if i > 0 and low[i - 1].isalpha():
                verb = low[i - 1]
                fixed = _INFORMAL_TO_FORMAL.get(verb) or (verb if verb.endswith(("t", "u")) else verb + "t")
                out[i - 1] = _same_case(out[i - 1], fixed)
        elif formal and tok == "jouw":
            new = "uw"
        elif formal and tok in ("ge", "gij"):
            new = "u"  # Flemish "hoe wilt ge …" to someone written to with u: "hoe wilt u …"
            if i > 0 and low[i - 1] == "zijt":
                out[i - 1] = _same_case(out[i - 1], "bent")
        elif not formal and tok in ("u", "ge", "gij"):
            new = "je"
            if i > 0 and low[i - 1] == "zijt":
                out[i - 1] = _same_case(out[i - 1], "ben")
            elif i > 0 and low[i - 1] in _FORMAL_TO_INFORMAL:
                out[i - 1] = _same_case(out[i - 1], _FORMAL_TO_INFORMAL[low[i - 1]])
            elif i > 0 and _INVERTED_T.search(low[i - 1]) and (i < 2 or low[i - 2] not in ("dat", "of", "als")):
                out[i - 1] = _same_case(out[i - 1], low[i - 1][:-1])  # "verdeelt u" → "verdeel je", not "verdeelt je"
        elif not formal and tok == "uw":
            new = "je"
        if new is not None:
            out[i] = _same_case(out[i], new) + tail
    return " ".join(out)


def _same_case(original: str, new: str) -> str:
    return new[:1].upper() + new[1:] if original[:1].isupper() else new
