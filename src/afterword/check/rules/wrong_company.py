"""The draft names another organisation the candidate is talking to, a classic copy-paste slip.

The other organisations are those of other interviews in the database, or given with
`--other-company`. A name is matched as a whole word, with or without a legal suffix
(B.V., N.V., Inc., Ltd, GmbH), and by its first word alone when that is distinctive ("Globex" for
"Globex Freight"). An organisation the notes of this interview mention themselves ("we both worked at
Rijkswaterstaat") is not a slip.

Why it matters:
Thanking Acme for a conversation you had at Globex tells the reader you are reusing a text for
several employers. Few slips end a candidacy faster.

Example:
"I would love to help Globex Freight grow its data team" in a follow-up to Acme Logistics.

Fix:
Replace the other organisation's name with this one's, and reread the sentence around it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from afterword.check.context import Context, is_content
from afterword.check.kinds import word_set
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.lang.names import fold_cached as fold
from afterword.core.model import Language, Severity

_SUFFIX = re.compile(r"[\s,]+(?:b\.?v\.?|n\.?v\.?|inc\.?|ltd\.?|llc|gmbh|plc|ag|s\.?a\.?|co\.?)$", re.I)


@functools.lru_cache(maxsize=8192)
def name_patterns(company: str, known: frozenset[str] = frozenset()) -> list[re.Pattern[str]]:
    """The full name, the name without legal suffix, and its first word alone when that word is
    distinctive ("Globex" for "Globex Freight B.V."): four letters or more, capitalised as written,
    not an ordinary word and not a word of this interview's notes."""
    names = {company.strip(), _SUFFIX.sub("", company.strip())}
    patterns = [re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in n.split()) + r"(?!\w)", re.I)
                for n in names if len(n) >= 2]
    words = _SUFFIX.sub("", company.strip()).split()
    if len(words) > 1:
        first = words[0]
        if (len(first) >= 4 and first[:1].isupper() and is_content(first) and fold(first) not in known
                and first.lower() not in _org_words()):  # not "Gemeente", "Waterschap", "University"
            patterns.append(re.compile(r"(?<![\w-])" + re.escape(first) + r"(?![\w-])"))
    return patterns


_WORD = re.compile(r"\w+")


@functools.cache
def _org_words() -> frozenset[str]:
    return word_set(Language.EN, "org_words") | word_set(Language.NL, "org_words")


def _runs(text: str) -> set[str]:
    """Lower-cased word-character runs, as `re.I` would compare them."""
    return set(_WORD.findall(text.lower())) | set(_WORD.findall(text.casefold()))


def check(ctx: Context) -> Iterator[Hit]:
    own = fold(ctx.interview.company)
    # Every pattern needs the company's first word as a whole word of the draft: a cheap test that
    # skips almost all of thousands of stored companies before any regex is built or run.
    present = _runs(f"{ctx.subject or ''} {ctx.body}")
    for other in ctx.other_companies:
        other = other.strip()
        if not other or not all(run in present for run in _WORD.findall(other.split()[0].lower())):
            continue
        if fold(other) == own or fold(_SUFFIX.sub("", other)) in own:
            continue
        named = [fold(w) for w in _WORD.findall(_SUFFIX.sub("", other))]
        if named and all(w in ctx.notes.words for w in named):
            continue  # the notes speak of it ("we both worked at Rijkswaterstaat"): not a copy-paste slip
        for text, in_subject in ((ctx.subject or "", True), (ctx.body, False)):
            for pattern in name_patterns(other, ctx.notes.known_words):
                match = pattern.search(text)
                if match:
                    yield Hit(values={"other": match.group(), "company": ctx.interview.company},
                              start=match.start(), end=match.end(), in_subject=in_subject)
                    break


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Een organisatie bedanken voor een gesprek dat je bij een andere had, verraadt dat je één tekst voor meerdere werkgevers gebruikt.",
          "\"Die aanpak werk ik graag uit voor het Hoogheemraadschap van Delfland\" in een opvolging aan Rijnland.",
          "Vervang de naam van de andere organisatie door deze, en lees de zin eromheen opnieuw.")


RULE = make_rule(
    "wrong-company", Severity.ERROR, ALL_CHANNELS, __doc__,
    summary_nl="Het bericht noemt een andere organisatie waar de kandidaat mee in gesprek is: een kopieerfout.",
    en={"default": "\"{other}\" is another organisation you are talking to; this message goes to {company}. "
                   "Replace it with {company} and reread the sentence."},
    nl={"default": "\"{other}\" is een andere organisatie waar je mee in gesprek bent; dit bericht gaat naar "
                   "{company}. Vervang het door {company} en lees de zin opnieuw."},
    doc_nl=DOC_NL,
    check=check,
)
