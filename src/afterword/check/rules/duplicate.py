"""The draft is 85 % or more similar to a draft for another contact of the same interview.

Checked when several drafts are checked together (`check --drafts`, the web editor, the database).
Greetings and people's names are left out of the comparison, so changing only the name does not help.

Why it matters:
People who interviewed you together compare notes, and forward messages. Two near-identical
follow-ups tell both readers that neither was written for them.

Example:
The emails to Maria and to Tom differ only in "Hi Maria," and "Hi Tom,".

Fix:
Give each person their own substance: the need they raised, the moment you shared, their question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from afterword.check.greeting import find_greeting
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.lang.names import fold_cached as fold
from afterword.core.model import Draft, Interview, Severity

THRESHOLD = 85.0
_NON_WORD = re.compile(r"[^\w]+")


def comparable(draft: Draft, names: frozenset[str]) -> str:
    body = draft.body[:5000]
    greeting = find_greeting(body)
    if greeting is not None:
        body = body[greeting.end:]
    words = [w for w in _NON_WORD.split(fold(body)) if w and w not in names]
    return " ".join(words)


_CHANNEL_EN = {"email": "email", "linkedin": "LinkedIn", "x": "X"}
_CHANNEL_NL = {"email": "e-mailbericht", "linkedin": "LinkedIn-bericht", "x": "X-bericht"}


def duplicate_hits(interview: Interview, drafts: Sequence[Draft]) -> dict[int, list[Hit]]:
    """For each draft index, one hit naming the most similar draft for another contact (if >= 85 %)."""
    from rapidfuzz import fuzz

    names = frozenset(fold(w) for c in interview.contacts for w in c.name.split())
    texts = [comparable(d, names) for d in drafts]
    best: dict[int, tuple[float, int]] = {}
    for i in range(len(drafts)):
        for j in range(i + 1, len(drafts)):
            if drafts[i].contact == drafts[j].contact or not texts[i] or not texts[j]:
                continue
            score = fuzz.ratio(texts[i], texts[j], score_cutoff=THRESHOLD)
            if score >= THRESHOLD:
                for a, b in ((i, j), (j, i)):
                    if score > best.get(a, (0.0, -1))[0]:
                        best[a] = (score, b)
    out: dict[int, list[Hit]] = {}
    for index, (score, other) in best.items():
        contact = drafts[other].contact
        try:
            name = interview.contact(contact).name
        except KeyError:
            name = contact
        channel = drafts[other].channel
        out[index] = [Hit(values={"percent": int(score), "other": name, "channel": _CHANNEL_EN[channel.value],
                                  "bericht": _CHANNEL_NL[channel.value]})]
    return out


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Wie je samen sprak, vergelijkt aantekeningen en stuurt berichten door. Twee bijna gelijke opvolgingen vertellen beide lezers dat geen van beide voor hen geschreven is.",
          "De e-mails aan Anneke en Joost verschillen alleen in \"Geachte mevrouw Van der Meer,\" en \"Beste Joost,\".",
          "Geef ieder een eigen inhoud: de behoefte die die persoon noemde, het gedeelde moment, een eigen vraag.")


RULE = make_rule(
    "duplicate", Severity.WARNING, ALL_CHANNELS, __doc__,
    summary_nl="Het bericht lijkt voor 85 % of meer op een bericht aan een andere contactpersoon van hetzelfde gesprek.",
    en={"default": "This is {percent}% the same as your {channel} message to {other}. Give each person their own "
                   "substance: the need they raised, the moment you shared, their question."},
    nl={"default": "Dit is voor {percent}% hetzelfde als je {bericht} aan {other}. Geef ieder een eigen "
                   "inhoud: de behoefte die die persoon noemde, jullie gedeelde moment, een eigen vraag."},
    doc_nl=DOC_NL,
    check=None,
)
