"""How a draft addresses its reader: Dutch u/uw versus je/jij/jouw, and the greeting's register."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from afterword.core.lang.tokens import Token, tokenise

FORMAL = frozenset({"u", "uw", "uzelf", "uwe"})
INFORMAL = frozenset({"je", "jij", "jou", "jouw", "jezelf", "jouwe"})
#: Fixed expressions where `je` means "one", not the reader ("je weet maar nooit", "zie je").
_GENERIC_JE = re.compile(
    r"(?i)\b(?:je weet maar nooit|zie je maar|weet je wel|je kunt wel stellen|je zou kunnen zeggen|"
    r"je zou zeggen|als je het mij vraagt|je ziet (?:vaak|steeds vaker|dat)|merk je|je merkt (?:vaak|dat))\b"
    r"|(?i:\b(?:pas |zodra |wanneer )?als je\b[^.?!\n]{0,100},\s*(?:zie|merk|weet|heb|krijg|kun|kan|snap|begrijp)\s+je\b)"
)


#: A quotation in straight or curly quotes: double quotes, ‘curly singles’, or 'straight singles' that open
#: after a space and close before one (so not the apostrophe in "zo'n", "'t" or "Maria's").
_QUOTED = re.compile(r"[\"“„«]([^\"”“„«»\n]{3,300})[\"”»]|‘([^‘’\n]{3,300})’|(?:(?<=[\s(:])|^)'([^'\n]{3,300})'(?=[\s.,;:!?)]|$)")


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Where the text quotes someone: words there are not the writer's own."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


@dataclass
class Address:
    """Pronouns addressing the reader in a Dutch text, with their tokens."""

    text: str

    @cached_property
    def _tokens(self) -> list[Token]:
        """The text's tokens outside quotations: in "Als u het niet kunt meten …" someone else speaks."""
        quoted = quotation_spans(self.text)
        return [t for t in tokenise(self.text) if not any(s <= t.start < e for s, e in quoted)]

    @cached_property
    def formal(self) -> list[Token]:
        out = []
        for token in self._tokens:
            if token.lower not in FORMAL:
                continue
            before = self.text[max(0, token.start - 3):token.start]
            if token.lower == "u" and (any(ch.isdigit() for ch in before) or self.text[token.end:token.end + 1] == "."):
                continue  # "10 u" (uur), "u." as an abbreviation
            out.append(token)
        return out

    @cached_property
    def informal(self) -> list[Token]:
        generic = [(m.start(), m.end()) for m in _GENERIC_JE.finditer(self.text)]
        return [t for t in self._tokens if t.lower in INFORMAL and not any(s <= t.start < e for s, e in generic)]
