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
import zlib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import chain

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
    """For each draft index, one hit naming the most similar draft for another contact (if >= 85 %).

    The most similar is the highest `fuzz.ratio` of the comparable texts; on a tie, the one that comes
    first. Up to `EXACT_UP_TO` drafts every pair is scored; a bigger batch scores only the candidate pairs
    that `candidates` finds, with the same ratio.
    """
    from rapidfuzz import fuzz, process

    names = frozenset(fold(w) for c in interview.contacts for w in c.name.split())
    texts = [comparable(d, names) for d in drafts]
    best: dict[int, tuple[float, int]] = {}
    for i, others in candidates(texts, [d.contact for d in drafts]):
        # The likeliest partners first: the best score so far is the cutoff for the next chunk, so most pairs
        # stop early. The cutoff is a little lower than the bar, since process.extract's cutoff loses exact
        # ties; the scores themselves are fuzz.ratio's, compared here.
        bar = THRESHOLD
        for group in (others[start:end] for start, end in _CHUNKS if start < len(others)):
            found = process.extract(texts[i], [texts[j] for j in group], scorer=fuzz.ratio,
                                    score_cutoff=bar - _MARGIN, limit=None)
            for _, score, position in found:
                j = group[position]
                held = best.get(i)
                if score >= THRESHOLD and (held is None or score > held[0] or (score == held[0] and j < held[1])):
                    best[i] = (score, j)
            bar = best[i][0] if i in best else THRESHOLD
    out: dict[int, list[Hit]] = {}
    for index, (score, other) in sorted(best.items()):
        contact = drafts[other].contact
        try:
            name = interview.contact(contact).name
        except KeyError:
            name = contact
        channel = drafts[other].channel
        out[index] = [Hit(values={"percent": int(score), "other": name, "channel": _CHANNEL_EN[channel.value],
                                  "bericht": _CHANNEL_NL[channel.value]})]
    return out


#: Up to this many drafts, every pair is compared (about 45,000 pairs, a tenth of a second); every real
#: interview's drafts fit. Beyond it, only candidate pairs are.
EXACT_UP_TO = 300
#: Texts shorter than this (in characters, after the greeting and names are left out) are compared with
#: every text within reach of their length.
SHORT = 400
#: Each draft's candidates are scored in chunks, the likeliest first, each chunk with the best score so far
#: (less _MARGIN) as its cutoff.
_MARGIN = 0.01
_CHUNKS = ((0, 4), (4, 32), (32, 256), (256, 1 << 62))
#: Locality-sensitive hashing of the word trigrams (repeats counted) of the longer texts: BANDS bands of ROWS
#: one-permutation MinHash values; two drafts are candidates when one band agrees. This is a filter by likelihood, not a
#: bound: pairs at 85 % (character ratio) of the generated batches share half their trigrams or more (at
#: least 0.48 of them, Jaccard); at a Jaccard of 0.45 the chance that no band agrees is about
#: (1 - 0.45**2) ** 48 < 1e-4, at 0.6 < 1e-9. A long text with a changed word every few words could share
#: fewer; tests/check/test_duplicate_batch.py compares the result with every pair's.
BANDS = 48
ROWS = 2
_BINS = BANDS * ROWS
_EMPTY = 1 << 40


def candidates(texts: Sequence[str], contacts: Sequence[str]) -> Iterator[tuple[int, list[int]]]:
    """Each draft with a non-empty text and the drafts (for another contact, non-empty) it is compared with,
    the likeliest first: every one up to `EXACT_UP_TO` drafts; beyond, every one within reach of its length
    when either text is shorter than `SHORT` characters (a few changed words change most of a short
    text's trigrams), and the longer ones that share a band of trigram MinHashes."""
    live = [i for i, text in enumerate(texts) if text]
    if len(live) <= EXACT_UP_TO:
        for i in live:
            others = [j for j in live if contacts[j] != contacts[i]]
            if others:
                yield i, others
        return
    by_length = sorted(live, key=lambda i: len(texts[i]))
    lengths = [len(texts[i]) for i in by_length]
    buckets: dict[tuple[int, ...], list[int]] = {}
    keys: dict[int, list[tuple[int, ...]]] = {}
    for i in live:
        if len(texts[i]) >= SHORT:
            signature = _signature(texts[i])
            keys[i] = [(band, *signature[band * ROWS:(band + 1) * ROWS]) for band in range(BANDS)]
            for key in keys[i]:
                buckets.setdefault(key, []).append(i)
    for i in live:
        size = len(texts[i])
        shared = Counter(chain.from_iterable(buckets[key] for key in keys.get(i, ())))
        others = [j for j, _ in shared.most_common() if contacts[j] != contacts[i]]
        # The ratio is at most 200 * shorter / (both lengths), so 85 % needs the longer at most 23/17 (1.35x)
        # the shorter; a whisker wider here, so rounding never drops a pair.
        low = bisect_left(lengths, size * 17 / 23 - 1)
        high = bisect_right(lengths, size * 23 / 17 + 1 if size < SHORT else min(size * 23 / 17 + 1, SHORT - 1))
        within = [j for j in by_length[low:high] if contacts[j] != contacts[i] and j not in shared]
        if within:
            others += sorted(within)
        if others:
            yield i, others


def _signature(text: str) -> list[int]:
    """One-permutation MinHash of the text's word trigrams, densified (an empty bin borrows the next one).

    A trigram that occurs again is a shingle again, with its count ("intake intake intake" twice is two
    shingles): the Jaccard index is then of the trigrams as a multiset, which a few edits change by a few
    elements, however repetitive the text. As a set, a text of one word repeated has one trigram, and a few
    words changed in it leave a near-identical text (ratio 95 %) that shares a fifth of its trigrams.
    """
    words = text.split(" ")
    seen: dict[str, int] = {}
    shingles = []
    for k in range(max(1, len(words) - 2)):
        trigram = " ".join(words[k:k + 3])
        count = seen[trigram] = seen.get(trigram, 0) + 1
        shingles.append(trigram if count == 1 else f"{trigram}\x00{count}")
    signature = [_EMPTY] * _BINS
    for shingle in shingles:
        value = zlib.crc32(shingle.encode("utf-8"))
        slot = value % _BINS
        if value < signature[slot]:
            signature[slot] = value
    if _EMPTY in signature:
        source, distance = -1, 0
        for k in range(2 * _BINS - 1, -1, -1):  # twice round, right to left: the next filled bin, circularly
            if signature[k % _BINS] < _EMPTY:  # a trigram's own value, not empty or borrowed
                source, distance = k % _BINS, 0
            else:
                distance += 1
                if source >= 0 and k < _BINS:
                    signature[k] = signature[source] + distance * _EMPTY
    return signature


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
