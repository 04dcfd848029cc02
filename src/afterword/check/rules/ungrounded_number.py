"""A number, percentage or amount in the draft appears nowhere in the notes.

Numbers are normalised before comparing, so "23 percent", "23%", "drieëntwintig procent" and
"twenty-three percent" are the same claim, "six hours" matches "6 hours" and "one in five" matches
"1 in 5" or "20%". Dates, times, phone numbers, web addresses, ordinals, `one`/`een` used as a
word ("the one you mentioned"), "100%" as a figure of speech and anything in the signature (after the
closing) are not claims; the year of the interview and the next are allowed. A small number written
as a word counts only before something countable ("ten engineers", not "two questions").

Why it matters:
A follow-up is read as a record of what you said. A figure that was never said (or was said
differently) is a claim the reader may check, and a wrong one costs more than it adds.

Example:
"I cut warehouse spend by 60 percent" when the notes say 40 percent.

Fix:
Use the figure exactly as it is in the notes, or leave the number out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from afterword.check.context import Context, key
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.lang.names import fold_cached as fold
from afterword.core.lang.numbers import find_numbers
from afterword.core.model import Severity

MAX_FINDINGS = 10
#: "100%" / "honderd procent" as a figure of speech ("I'm 100% committed"), not a claim.
_INTENSIFIER = re.compile(r"(?i)(?:100|a hundred|one hundred|honderd)\s?(?:%|percent|per cent|procent)")


def check(ctx: Context) -> Iterator[Hit]:
    known = ctx.notes.number_keys
    count = 0
    notes = ctx.notes
    item_keys = frozenset().union(*(item.keys for item in notes.items))
    lang = ctx.text_language

    def counts_thing(word: str) -> bool:
        return fold(word) in notes.words or key(word, lang) in item_keys

    places = [((ctx.subject or "")[:1000], True), (ctx.body[:ctx.signature_start], False)]
    for text, in_subject in places:
        for mention in find_numbers(text, counts_thing=counts_thing):
            if mention.keys & known or _INTENSIFIER.fullmatch(mention.text):
                continue
            yield Hit(values={"text": mention.text}, start=mention.start, end=mention.end, in_subject=in_subject)
            count += 1
            if count >= MAX_FINDINGS:
                return


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Een opvolging wordt gelezen als verslag van wat je zei. Een cijfer dat nooit (of anders) is gezegd, is een bewering die de lezer kan nagaan, en een fout cijfer kost meer dan het oplevert.",
          "\"De ongeplande uitval daalde met 45 procent\" terwijl de notities 30 procent zeggen.",
          "Gebruik het cijfer precies zoals het in de notities staat, of laat het weg.")


RULE = make_rule(
    "ungrounded-number", Severity.WARNING, ALL_CHANNELS, __doc__,
    summary_nl="Een getal, percentage of bedrag in het bericht staat nergens in de notities.",
    en={"default": "\"{text}\" is not in your notes. Check the figure and write it as it is in the notes, or "
                   "leave it out."},
    nl={"default": "\"{text}\" staat niet in je notities. Controleer het getal en schrijf het zoals het in de "
                   "notities staat, of laat het weg."},
    doc_nl=DOC_NL,
    check=check,
)
