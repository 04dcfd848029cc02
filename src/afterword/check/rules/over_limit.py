"""The message is longer than the channel allows.

A LinkedIn connection note has 200 characters (free accounts; 300 with Premium, `--linkedin-limit 300`);
an X post 280 weighted characters, counted as X counts them: a link is 23, a wide (CJK) character or
an emoji is 2.

Why it matters:
LinkedIn refuses a note over the limit and X cuts the post: the part that gets lost is usually the
specific part at the end.

Example:
A 260-character connection note on a free LinkedIn account.

Fix:
Keep one specific point and the name; drop the thanks and the sign-off.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.rule import Hit, make_rule
from afterword.core.lang.xcount import weighted_length
from afterword.core.model import Channel, Severity


def check(ctx: Context) -> Iterator[Hit]:
    body = ctx.full_body
    if ctx.draft.channel is Channel.LINKEDIN:
        import unicodedata

        length = len(unicodedata.normalize("NFC", body[:100_000]))
        limit = ctx.linkedin_limit
        key = "linkedin"
    else:
        length = weighted_length(body)
        limit = Channel.X.note_limit()
        key = "x"
    if length > limit:
        start = min(limit, len(body)) if key == "linkedin" else _x_overflow(body, limit)
        while 0 < start < len(body) and not body[start - 1].isspace() and not body[start].isspace():
            start -= 1  # from the start of the word that no longer fits whole
        yield Hit(key, {"length": length, "limit": limit, "over": length - limit}, start=start, end=len(body))


def _x_overflow(body: str, limit: int) -> int:
    """The first character that no longer fits by X's count (emoji and CJK count 2, links 23)."""
    low, high = 0, len(body)
    while low < high:  # the longest prefix that fits
        middle = (low + high + 1) // 2
        if weighted_length(body[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    return low


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("LinkedIn weigert een bericht boven de grens en X kapt het af: het deel dat verdwijnt, is meestal het concrete deel aan het eind.",
          "Een uitnodiging van 260 tekens op een gratis LinkedIn-account.",
          "Houd één concreet punt en de naam; laat het bedankje en de afsluiting weg.")


RULE = make_rule(
    "over-limit", Severity.ERROR, frozenset({Channel.LINKEDIN, Channel.X}), __doc__,
    summary_nl=f"Het bericht is langer dan het kanaal toestaat (LinkedIn {Channel.LINKEDIN.limit()} tekens, "
               f"X {Channel.X.limit()} gewogen tekens).",
    en={"linkedin": "The note has {length} characters; LinkedIn allows {limit}. Cut {over}: keep one specific "
                    "point and the name, drop the thanks and the sign-off.",
        "x": "The post counts {length} characters the way X counts them (links 23, emoji 2); the limit is "
             "{limit}. Cut {over}."},
    nl={"linkedin": "Het bericht heeft {length} tekens; LinkedIn staat er {limit} toe. Schrap er {over}: houd "
                    "één concreet punt en de naam, laat het bedankje en de afsluiting weg.",
        "x": "Het bericht telt {length} tekens zoals X telt (links 23, emoji 2); de grens is {limit}. "
             "Schrap er {over}."},
    doc_nl=DOC_NL,
    check=check,
)
