"""Private details (sleep, health, pregnancy, family, ridicule, complaints, pay, age, loss), per language.

One list (`data/<lang>/private.toml`) serves both sides: the composer never quotes a notes item that has
one, and the checker (`private-remark`) reports one quoted back in a message.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from afterword.core.model import Language

#: The reader's own (your daughter, je zoon, uw gezin): family words count in a message only after these.
_READER_OWN = {Language.EN: r"(?:your|you and your)", Language.NL: r"(?:je|jouw|uw|jullie)"}
#: Anyone's (tom's daughter, z'n vrouw): in notes, a family word that is also an ordinary word ("partner
#: pharmacies", "de man van de receptie") counts only after one of these.
_SOMEONES = {Language.EN: r"(?:\w+['’]s|his|her|their|your|my|our)(?:\s+\w+)?",
             Language.NL: r"(?:z['’]n|zijn|haar|hun|je|jouw|uw|mijn|d['’]r|\w+['’]s|\w+s)"}


@dataclass(frozen=True)
class PrivateSpot:
    start: int
    end: int
    topic: str  # sleep, health, pregnancy, family, ridicule, complaint, pay, age, loss
    text: str


def _phrase(line: str) -> str:
    if line.startswith("re:"):
        return line[3:]
    body = r"\s+".join(re.escape(w) for w in line.split()).replace("'", "['’]")
    return rf"(?<!\w){body}(?!\w)"


@cache
def _topics(lang: Language) -> dict[str, list[str]]:
    raw = tomllib.loads(resources.files("afterword.core.lang").joinpath(f"data/{lang}/private.toml").read_text("utf-8"))
    return {str(k): [str(x) for x in v] for k, v in raw.items()}


@cache
def _pattern(lang: Language, *, in_notes: bool) -> re.Pattern[str]:
    parts = []
    for topic, lines in _topics(lang).items():
        if topic == "family":
            words = "|".join(re.escape(w) for w in sorted(lines, key=len, reverse=True))
            if in_notes:
                strong = "|".join(re.escape(w) for w in sorted(_topics(lang).get("family_plain", []), key=len,
                                                                reverse=True))
                body = rf"(?<!\w){_SOMEONES[lang]}\s+(?:{words})(?!\w)"
                body += rf"|(?<!\w)(?:{strong})(?!\w)" if strong else ""
            else:
                body = rf"(?<!\w){_READER_OWN[lang]}\s+(?:{words})(?!\w)"
            parts.append(f"(?P<{topic}>{body})")
        elif topic == "family_plain":
            continue
        else:
            parts.append(f"(?P<{topic}>" + "|".join(_phrase(line) for line in lines) + ")")
    return re.compile("|".join(parts), re.IGNORECASE)


def find_private(text: str, lang: Language, *, in_notes: bool = False) -> list[PrivateSpot]:
    """The private details in `text`. In a message (`in_notes=False`) family words count only as the
    reader's own ("your daughter"); in notes any family word does ("tom's daughter starts uni")."""
    out = []
    for m in _pattern(lang, in_notes=in_notes).finditer(text):
        topic = m.lastgroup or "private"
        out.append(PrivateSpot(m.start(), m.end(), topic, m.group()))
    return out
