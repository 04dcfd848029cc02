"""The greeting line of a draft ("Dear Ms. de Vries,", "Hoi Lisa,"): who it addresses, and how formally."""

from __future__ import annotations

import re
from dataclasses import dataclass

from afterword.core.lang.tokens import Token, tokenise

_OPENERS = (
    "good morning|good afternoon|good evening|goedemorgen|goedemiddag|goedenavond|goedendag|"
    "dear|hi|hello|hey|greetings|beste|geachte|hoi|hallo|hai|dag|lieve|hee|heey"
)
_GREETING = re.compile(rf"^[ \t]*(?P<word>{_OPENERS})(?![\w])[ \t,]*(?P<name>[^\n,!:;.?–—]{{0,80}}(?:\.[^\n,!:;?–—]{{0,60}})?)",
                       re.IGNORECASE)
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "heer", "mevrouw", "mevr",
                    "dhr", "meneer", "mw", "mvr", "drs", "ir", "ing"})
_FORMAL_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "heer", "mevrouw", "mevr", "dhr",
                            "meneer", "mw", "mvr", "drs", "ir", "sir", "madam"})
#: Addressees that are not names ("Dear all", "Hi team", "Beste allen").
GENERIC_ADDRESSEES = frozenset({
    "all", "team", "everyone", "there", "hiring", "manager", "committee", "panel", "sir", "madam", "or", "and",
    "allen", "iedereen", "heren", "dames", "en", "recruiter", "recruitment", "folks", "you", "colleagues",
    "collega", "collega's", "the", "hr", "selectiecommissie", "sollicitatiecommissie", "wie", "het", "to",
    "whom", "it", "may", "concern", "allemaal", "everybody", "mensen", "again", "opnieuw", "nogmaals", "both",
    "beiden", "teamleden", "members", "friends",
})
#: "Hello" is neutral in British business English; "Hi" and "Hoi" are not.
_INFORMAL_OPENERS = frozenset({"hi", "hey", "hoi", "hallo", "hai", "hee", "heey", "lieve"})


@dataclass(frozen=True)
class Greeting:
    opener: str  # lower case: "dear", "hoi", …
    start: int
    end: int  # end of the greeting line
    names: tuple[Token, ...]  # name words, offsets into the body
    title: str | None  # "ms", "heer", …
    register: str  # "formal", "informal" or "neutral"
    phrase_end: int = -1  # end of "Hoi Els," itself: in a one-line note the line goes on after it

    @property
    def phrase_stop(self) -> int:
        """Where the greeting itself ends: its phrase when known, else its line."""
        return self.phrase_end if self.phrase_end > self.start else self.end


def find_greeting(body: str) -> Greeting | None:
    """The greeting on the first non-empty line, if the draft opens with one."""
    offset = len(body) - len(body.lstrip())
    line_end = body.find("\n", offset)
    if line_end < 0:
        line_end = len(body)
    line = body[offset:line_end]
    match = _GREETING.match(line[:200])
    if not match:
        return None
    opener = " ".join(match.group("word").lower().split())
    name_start = offset + match.start("name")
    raw_name = match.group("name")
    # "Dear [Name]," is template text (placeholder reports it), not a name.
    tokens = [] if any(ch in raw_name for ch in "[{<_") else tokenise(raw_name)
    lowered = [t.lower.rstrip(".") for t in tokens]
    title: str | None = None
    index = 0
    while index < len(tokens):  # leading titles: "Ms.", "heer", "de heer", "mevrouw dr."
        if lowered[index] == "de" and index + 1 < len(tokens) and lowered[index + 1] == "heer":
            index += 1
        elif lowered[index] in TITLES:
            title = title or (lowered[index] if lowered[index] in _FORMAL_TITLES else None)
            index += 1
        else:
            break
    names: list[Token] = []
    for token, word in zip(tokens[index:], lowered[index:], strict=True):
        if word in ("and", "en", "&"):
            if names:
                names.append(Token(token.text, token.start + name_start, token.end + name_start))
            continue
        if word in GENERIC_ADDRESSEES and not token.text[:1].isupper():
            continue
        names.append(Token(token.text, token.start + name_start, token.end + name_start))
    while names and names[-1].lower in ("and", "en"):
        names.pop()
    if names and all(t.lower in GENERIC_ADDRESSEES for t in names):
        names = []
    register = _register(opener, title, names)
    phrase_end = offset + len(match.group().rstrip())
    if phrase_end < line_end and body[phrase_end] in ",!:":
        phrase_end += 1
    return Greeting(opener, offset, line_end, tuple(names), title, register, phrase_end)


def _register(opener: str, title: str | None, names: list[Token]) -> str:
    if opener == "geachte" or title is not None:
        return "formal"
    if opener in _INFORMAL_OPENERS:
        return "informal"
    lowered = [t.lower for t in names]
    if opener == "dear" and len(names) >= 2 and "and" not in lowered and "en" not in lowered:
        return "formal"  # "Dear Maria de Vries"
    return "neutral"
