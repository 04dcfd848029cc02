"""A word that is in neither the language's dictionary nor the notes (a likely typo), or a Dutch article that
does not fit its noun ("het planning", "de bedrijf").

The dictionaries are pyspellchecker's English and Dutch word lists. Names, organisations and every word of
the notes are known; so are words in capitals, words with digits, Dutch compounds whose parts are words
("netcongestieprobleem"), hyphenated words, web and mail addresses. A rare spelling one letter from a far
more common word ("eigelijk") counts as a slip. A suggestion, never an error: a dictionary does not know
every word.

Why it matters:
A typo in a two-paragraph message is noticed, and in a message meant to show care it costs more than
its size.

Example:
"I would definately recieve that as good news." / "Het planning loopt via drie spreadsheets."

Fix:
Correct the word ("definitely", "receive"; "de planning"), or keep it if it is a term the dictionary does
not know.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from afterword.check.context import Context
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.lang.names import fold_cached as fold
from afterword.core.lang.spelling import words
from afterword.core.model import Language, Severity

MAX_FINDINGS = 8
_ADDRESS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\S+\.(?:com|nl|org|be|io|example)\S*|@\w+|#\w+")
#: What a word may hold inside besides letters, taken out before asking whether it is all letters.
_INNER = str.maketrans("", "", "-'’")
#: What every match of _ADDRESS holds: a text with none of these is not scanned.
_ADDRESS_PIECES = ("@", "://", "www.", "#", ".com", ".nl", ".org", ".be", ".io", ".example")


@dataclass(frozen=True)
class _Articles:
    de_endings: tuple[str, ...]
    het_words: frozenset[str]
    exceptions: frozenset[str]


@cache
def _articles() -> _Articles:
    text = resources.files("afterword.core.lang").joinpath("data/nl/articles.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return _Articles(tuple(data["de_endings"]), frozenset(data["het_words"]),
                     frozenset(e.split()[-1] for e in data["het_exceptions"]))


def _wrong_article(article: str, noun: str) -> str | None:
    """The right article when `article noun` is plainly wrong, else None."""
    data = _articles()
    low = noun.lower()
    het_words = data.het_words
    if article == "het" and low not in data.exceptions and low not in het_words and len(low) > 4 \
            and low.endswith(data.de_endings):
        return "de"
    if article == "de" and (low in het_words or (low.endswith("tje") and len(low) > 5)):
        return "het"
    return None


def check(ctx: Context) -> Iterator[Hit]:
    lang = ctx.text_language
    body = ctx.body[:ctx.signature_start]
    skip_to = ctx.after_greeting
    addresses = [(m.start(), m.end()) for m in _ADDRESS.finditer(body)] if any(
        piece in body for piece in _ADDRESS_PIECES) else []
    known = ctx.notes.known_words
    candidates: list[tuple[int, int, str]] = []
    tokens = [t for t in ctx.tokens if skip_to <= t.start < len(body)]
    count = 0
    for index, token in enumerate(tokens):
        text = token.text
        if addresses and any(s <= token.start < e for s, e in addresses):
            continue
        if lang is Language.NL and token.lower in ("het", "de") and index + 1 < len(tokens):
            noun = tokens[index + 1]
            if noun.start - token.end == 1 and noun.text.islower() and noun.text.isalpha():
                right = _wrong_article(token.lower, noun.text)
                if right and count < MAX_FINDINGS:
                    count += 1
                    yield Hit("article", {"text": f"{token.text} {noun.text}", "instead": f"{right} {noun.text}"},
                              start=token.start, end=noun.end)
        if len(text) < 3 or not (text.isalpha() or text.translate(_INNER).isalpha()):
            continue
        if text[:1].isupper() and not ctx.starts_sentence(token.start):
            continue  # a name or a term
        rest = text[1:]
        if (rest != rest.lower() if rest.isascii() else any(ch.isupper() for ch in rest)) or fold(
                text) in known or token.lower in known:
            continue
        if body[token.end:token.end + 1] == "." and len(text) <= 5 and body[token.end + 1:token.end + 3].strip():
            continue  # an abbreviation with its full stop: "etc.", "bijv.", "approx." is shorthand's business
        candidates.append((token.start, token.end, text))
    if not candidates:
        return
    dictionary = words(lang)
    lowered = [t.lower().replace("’", "'") for _, _, t in candidates]
    unknown = set(dictionary.unknown(w.split("'")[0] if w.endswith("'s") else w for w in lowered))
    slips = dictionary.slips(w for w in lowered if w not in unknown)
    reported: set[str] = set()
    for (start, end, text), low in zip(candidates, lowered, strict=True):
        word = low.split("'")[0] if low.endswith("'s") else low
        if word in reported or (word not in unknown and word not in slips):
            continue
        reported.add(word)
        instead = slips.get(word) or dictionary.suggestion(word)
        yield Hit("suggest" if instead else "default", {"text": text, "instead": instead}, start=start, end=end)
        count += 1
        if count >= MAX_FINDINGS:
            return


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Een tikfout in een bericht van twee alinea's valt op, en in een bericht dat zorg moet tonen kost hij "
          "meer dan zijn grootte.",
          "\"Dat vond ik eigelijk heel interresant.\" / \"Het planning loopt via drie spreadsheets.\"",
          "Verbeter het woord (\"eigenlijk\", \"interessant\"; \"de planning\"), of laat het staan als het een "
          "vakterm is die het woordenboek niet kent.")


RULE = make_rule(
    "spelling", Severity.SUGGESTION, ALL_CHANNELS, __doc__,
    summary_nl="Een woord dat niet in het woordenboek en niet in de notities staat, of een lidwoord dat niet "
               "bij het zelfstandig naamwoord past.",
    en={"default": "\"{text}\" is not in the dictionary. Check the spelling, or keep it if it is a term.",
        "suggest": "\"{text}\" looks misspelled. Did you mean \"{instead}\"?",
        "article": "\"{text}\": this noun takes another article. Write \"{instead}\"."},
    nl={"default": "\"{text}\" staat niet in het woordenboek. Controleer de spelling, of laat het staan als het "
                   "een vakterm is.",
        "suggest": "\"{text}\" lijkt verkeerd gespeld. Bedoel je \"{instead}\"?",
        "article": "\"{text}\": dit woord heeft een ander lidwoord. Schrijf \"{instead}\"."},
    doc_nl=DOC_NL,
    check=check,
)
