"""Does a tidied notes item read as something to say to someone? The last gate before it is quoted.

Tidying writes out the shorthand it knows; what is left can still be notes: a word a reader would not
know in lower case ("ortho", "collab"), marks that only notes use ("14/31", "4+", "risico x kosten",
"a - b"), or a strength that is a row of nouns rather than something the candidate did. Such an item is
not pasted into a sentence: the composer names what it is about, or leaves it out, and `draft` tells the
user how to write it so it can be quoted.
"""

from __future__ import annotations

import re

from afterword.core.model import Language

#: Marks that belong to notes, not to a sentence said to someone.
_MARKS = re.compile(
    r"\d+/\d+"  # 14/31, 1/3
    r"|\d\s?\+(?!\d)"  # 4+, 50+
    r"|(?<=\w)\s[x×]\s(?=\w)"  # risico x kosten
    r"|\s-\s"  # a - b, as a joiner
    r"|(?<=[a-zà-ÿ]{2})/(?=[a-zà-ÿ]{2})(?!or\b|of\b)"  # grade/course (not and/or, en/of, LC-MS/MS)
    r"|(?<=[a-zà-ÿ])/\s|\s/(?=[a-zà-ÿ])"  # "maatje/ coach"
    r"|(?<![\w<])<=?\s?\d|(?<![\w<\"'])>=?\s?\w"  # >6 maanden (">zes" once counted out), < 5
    r"|[=#@*|\\^]|(?<!\w)\+|\+(?!\w)|\s&\s|\.\.\.|…"
    r"|\?\s*\S.*\?"  # two questions typed as one
)
_TEMPLATE = re.compile(r"\{[{%].*?[}%]\}|<[^<>]*>")  # template syntax and tags are quoted literally, not read
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: A question as written: a question mark at the end.
_VOCATIVE = re.compile(r"^(?P<name>[A-ZÀ-Þ][\w'’-]+)\s*(?:-|–|—|,|:)\s+(?=\S)")


def marks(text: str) -> str | None:
    """The first notes-only mark in the text, or None."""
    found = _MARKS.search(_TEMPLATE.sub(" ", text))  # markup in notes is quoted as typed (and escaped), not read
    return found.group().strip() or found.group() if found else None


def unknown_words(text: str, lang: Language, known: frozenset[str] = frozenset()) -> list[str]:
    """Short lower-case words that neither the language's word list nor the notes' own names know ("ortho",
    "collab", "intl"): the shape of an abbreviation. Words with a capital are names or acronyms and are the
    notes' own business."""
    from afterword.core.lang.spelling import words

    candidates: list[str] = []
    for token in _WORD.findall(_TEMPLATE.sub(" ", text)):
        core = re.sub(r"['’]s$", "", token).strip("'’-")
        if not core or core != core.lower() or core in known or len(core) < 2 or len(core) > 6:
            continue  # a long word the list lacks is a compound or a term ("cloudkosten"), not notes-speak
        if not core.isascii() or "-" in core or core.endswith(("ed", "ing")):
            continue  # "vóór", "in-app", "mained": written on purpose
        candidates.append(core)
    if not candidates:
        return []
    return words(lang).unknown(candidates)


#: Register a candidate uses with friends, not with an interviewer ("not screwing up the launch").
_SLANG = {
    Language.EN: re.compile(r"(?i)\b(?:screw(?:ed|ing|s)? up|tank(?:ed|ing|s)?|whing(?:e|ed|ing)|moan(?:ed|ing)?|"
                            r"gonna|wanna|kinda|sorta|crap(?:py)?|sucks?|sucked|shit|damn|bloody|dodgy|knackered|"
                            r"freaking|awesome|cool|super keen|mate|guys?|stuff)\b"),
    Language.NL: re.compile(r"(?i)\b(?:verkloten|verkloot|balen|baalde|gezeik|zeiken|shit|kut|klote|gaaf|vet|"
                            r"lullig|gedoe|ambetant|gasten|kerels|sowieso|ff|effe|boeit|zooi|rommeltje|wreed|efkes|plezant|goesting)\b"),
}


def slang(text: str, lang: Language) -> str | None:
    """The first word of a casual register in the text, or None."""
    found = _SLANG[lang].search(text)
    return found.group() if found else None


def without_vocative(question: str, names: frozenset[str]) -> str:
    """"Ingrid - up for collab on …?" → "up for collab on …?": the reader's name in front is notes."""
    m = _VOCATIVE.match(question)
    if m and m.group("name").lower() in names:
        rest = question[m.end():]
        return rest[:1].upper() + rest[1:]
    return question
