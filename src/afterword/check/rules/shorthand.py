"""Notes-speak in a message: abbreviations, symbols used as words, laughter, contractions without their apostrophe.

Abbreviations (wk, wkn, yrs, approx, probs, w/, w/o, evt, pw, dgn, gem., "ca" without its full stop,
"re" for "about"), arrows and symbols standing for words (->, ~, +, &, =), laughter and emoticons (lol,
haha, xD, :) ) and English contractions typed without an apostrophe (dont, doesnt). The lexicon is the
one the composer writes out before it quotes a notes item, one data file per language. Company names
(Marks & Spencer, AT&T), C++, words in capitals (WK, ASAP) and dotted forms that are ordinary writing
(ca., bijv., incl.) are not notes-speak.

Why it matters:
Shorthand that was fine in the notes reads as careless in a message: the reader sees your notes, not
your words, and "wk" or "lol" in a follow-up to a hiring manager undoes the care of the rest.

Example:
"I led SMED at Dana, changeovers 75 -> 22 min on 3 presses (probs wk of 14th lol)."

Fix:
Write it out: "from 75 to 22 minutes", "probably the week of the 14th", and leave the laughter out.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.check.context import Context, NotesProfile
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.lang.shorthand import find_shorthand
from afterword.core.model import Severity

MAX_FINDINGS = 10


def check(ctx: Context) -> Iterator[Hit]:
    lang = ctx.text_language
    count = 0
    subject = (ctx.subject or "")[:1000]
    if subject[:3].lower() == "re:":
        subject = "   " + subject[3:]  # a reply marker, not "about" (subject-generic has its own view)
    own = _own_words(ctx.notes)
    for text, in_subject in ((subject, True), (ctx.body[:ctx.signature_start], False)):
        names = [span for w in own for span in _spans(w, text)]
        for spot in find_shorthand(text, lang):
            if any(s <= spot.start < e for s, e in names):
                continue  # "Relatiemanager vermogensfondsen & major donors" is their title, not notes-speak
            key = "drop" if spot.kind in ("abbreviation", "symbol") and spot.instead in ("", "?") else spot.kind
            yield Hit(key, {"text": spot.text, "instead": spot.instead}, start=spot.start, end=spot.end,
                      in_subject=in_subject)
            count += 1
            if count >= MAX_FINDINGS:
                return


def _own_words(notes: NotesProfile) -> tuple[str, ...]:
    """The company, the role and every title, each once: once per interview (a big panel repeats its titles)."""
    cached = notes.__dict__.get("_shorthand_own")
    if cached is None:
        iv = notes.interview
        cached = notes.__dict__["_shorthand_own"] = tuple(dict.fromkeys(
            w for w in (iv.company, iv.role, *(c.title or "" for c in iv.contacts)) if len(w) > 2))
    return cached  # type: ignore[no-any-return]


def _spans(word: str, text: str) -> Iterator[tuple[int, int]]:
    """Where `word` occurs in `text`, left to right, without overlap (as `re.finditer` of it escaped)."""
    start = text.find(word)
    while start >= 0:
        yield start, start + len(word)
        start = text.find(word, start + len(word))


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Afkortingen die in je notities prima waren, lezen in een bericht als slordig: de lezer ziet je "
          "aantekeningen in plaats van je woorden, en \"wkn\" of \"haha\" in een mail aan een leidinggevende doet "
          "de zorg van de rest teniet.",
          "\"U legde een belangrijk punt op tafel: wachttijd ortho 14 wkn, norm = 4 haha.\"",
          "Schrijf het uit: \"veertien weken\", \"de norm is vier\", en laat het lachen weg.")


RULE = make_rule(
    "shorthand", Severity.WARNING, ALL_CHANNELS, __doc__,
    summary_nl="Notitietaal in een bericht: afkortingen, tekens als woorden, lachen en emoticons.",
    en={"abbreviation": "\"{text}\" is notes shorthand. Write it out: \"{instead}\".",
        "drop": "\"{text}\" is notes shorthand. Leave it out or say it in full words.",
        "symbol": "\"{text}\" stands in for a word here. Write the word: \"{instead}\".",
        "laughter": "\"{text}\" is fine in a chat, not in a follow-up. Leave it out.",
        "contraction": "\"{text}\" needs its apostrophe: \"{instead}\"."},
    nl={"abbreviation": "\"{text}\" is notitietaal. Schrijf het uit: \"{instead}\".",
        "drop": "\"{text}\" is notitietaal. Laat het weg of schrijf het in hele woorden.",
        "symbol": "\"{text}\" staat hier voor een woord. Schrijf het woord: \"{instead}\".",
        "laughter": "\"{text}\" past in een chat, niet in een opvolgbericht. Laat het weg.",
        "contraction": "\"{text}\" heeft een apostrof nodig: \"{instead}\"."},
    doc_nl=DOC_NL,
    check=check,
)
