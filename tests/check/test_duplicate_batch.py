"""`duplicate` over big batches: candidates instead of every pair, with exactly the findings of every pair."""

from __future__ import annotations

import random
from collections.abc import Sequence
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from afterword.check.rule import Hit
from afterword.check.rules import duplicate
from afterword.check.rules.duplicate import THRESHOLD, comparable, duplicate_hits
from afterword.core.draftfile import parse_draft_text
from afterword.core.lang.names import fold
from afterword.core.model import Channel, Draft, Interview, Language
from afterword.core.notes import load_notes
from tests.check.cases import DRAFTS

EXTRAS = ["Thank you for your time and consideration.", "I look forward to hearing from you.",
          "I cut costs by 35 percent.", "It was a pleasure meeting you.", "I mentored seven engineers."]
DETAILS = ["I reread my notes from {day} {n} times.", "The {n}-page summary I mentioned is ready to share.",
           "On {day} I sketched {n} ideas for the intake form.", "Our talk ran {n} minutes over."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def all_pairs(interview: Interview, drafts: Sequence[Draft]) -> dict[int, list[Hit]]:
    """The rule as it was: every pair of drafts for different contacts, the first best one kept."""
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
    channels = {"email": ("email", "e-mailbericht"), "linkedin": ("LinkedIn", "LinkedIn-bericht"),
                "x": ("X", "X-bericht")}
    return {index: [Hit(values={"percent": int(score), "other": interview.contact(drafts[other].contact).name,
                                "channel": channels[drafts[other].channel.value][0],
                                "bericht": channels[drafts[other].channel.value][1]})]
            for index, (score, other) in sorted(best.items())}


def generated(interview: Interview, count: int, seed: int) -> list[Draft]:
    """English example drafts, varied (paragraphs shuffled, sentences added, numbers and days changed), for
    the interview's contacts; some are light edits of an earlier one, some short, some empty."""
    rng = random.Random(seed)
    starts = []
    for path in sorted((DRAFTS / "en").glob("*.txt")):
        channel = Channel.LINKEDIN if "linkedin" in path.name else Channel.X if "-x-" in path.name else Channel.EMAIL
        subject, body = parse_draft_text(path.read_text("utf-8"), channel)
        starts.append((channel, subject, body))
    contacts = [c.id for c in interview.contacts]
    out: list[Draft] = []
    for index in range(count):
        contact = contacts[index % len(contacts)]
        detail = rng.choice(DETAILS).format(n=rng.randint(2, 99), day=rng.choice(DAYS))
        roll = rng.random()
        if out and roll < 0.08:
            earlier = out[rng.randrange(len(out))]
            out.append(Draft(contact, earlier.channel, Language.EN, earlier.body + " " + detail, earlier.subject))
            continue
        if roll < 0.1:
            out.append(Draft(contact, Channel.X, Language.EN, "" if roll < 0.09 else "Hi", None))
            continue
        if roll < 0.2:
            out.append(Draft(contact, Channel.X, Language.EN, detail, None))
            continue
        channel, subject, body = starts[rng.randrange(len(starts))]
        paragraphs = body.split("\n\n")
        if len(paragraphs) > 2:
            middle = paragraphs[1:-1]
            rng.shuffle(middle)
            if rng.random() < 0.5:
                middle.append(" ".join(rng.sample(EXTRAS, rng.randint(1, 3))))
            paragraphs = [paragraphs[0], *middle, paragraphs[-1]]
        paragraphs.insert(max(1, len(paragraphs) - 1), detail)
        out.append(Draft(contact, channel, Language.EN, "\n\n".join(paragraphs), subject))
    return out


@pytest.fixture(scope="module")
def interview() -> Interview:
    return load_notes(DRAFTS / "notes" / "northwind-panel.toml")


@pytest.mark.parametrize(("count", "seed"), [(120, 1), (900, 2), (1300, 3)])
def test_same_hits_as_comparing_every_pair(interview: Interview, count: int, seed: int) -> None:
    drafts = generated(interview, count, seed)
    expected = all_pairs(interview, drafts)
    assert len(expected) > count // 4  # the set has real work for the rule
    assert duplicate_hits(interview, drafts) == expected


def test_big_batches_compare_far_fewer_pairs(interview: Interview) -> None:
    drafts = generated(interview, 1300, 3)
    assert len(drafts) > duplicate.EXACT_UP_TO
    names = frozenset(fold(w) for c in interview.contacts for w in c.name.split())
    texts = [comparable(d, names) for d in drafts]
    compared = sum(len(others) for _, others in duplicate.candidates(texts, [d.contact for d in drafts]))
    every = sum(1 for i in range(len(drafts)) for j in range(len(drafts))
                if texts[i] and texts[j] and drafts[i].contact != drafts[j].contact)
    assert compared < every / 2


def test_a_tie_names_the_draft_that_comes_first(interview: Interview) -> None:
    body = "Thank you for the conversation about intake forms; the 38 percent figure stayed with me."
    contacts = [c.id for c in interview.contacts]
    drafts = [Draft(contacts[0], Channel.EMAIL, Language.EN, body, "Intake"),
              Draft(contacts[1], Channel.EMAIL, Language.EN, body, "Intake"),
              Draft(contacts[2], Channel.EMAIL, Language.EN, body, "Intake")]
    hits = duplicate_hits(interview, drafts)
    assert hits == all_pairs(interview, drafts)
    assert hits[2][0].values["other"] == interview.contact(contacts[0]).name


def test_signature_is_the_same_in_every_process() -> None:
    # zlib.crc32, not hash(): which pairs are candidates must not depend on PYTHONHASHSEED
    assert duplicate._signature("thank you for the talk on friday")[:4] == \
        duplicate._signature("thank you for the talk on friday")[:4]


WORDS = ("intake", "form", "numbers", "team", "thank", "you", "for", "the", "talk", "about", "pipeline", "weeks",
         "data", "lag", "outage", "story", "hiring", "plan", "next", "step", "Friday", "Monday", "percent", "stayed",
         "with", "me", "I", "would", "glad", "to", "share", "dashboard", "built", "mentored", "engineers", "on")


@st.composite
def batches(draw: st.DrawFn) -> list[tuple[int, int, str]]:
    """(contact index, channel index, body) drafts: new texts of a few to a hundred words, and edits of earlier
    ones (words replaced, inserted, dropped, sentences moved), so near-duplicates are common, short and long."""
    first = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=80, max_size=160)))  # long: the MinHash path
    out: list[tuple[int, int, str]] = [(draw(st.integers(0, 4)), draw(st.integers(0, 2)), first)]
    for _ in range(draw(st.integers(1, 40))):
        contact, channel = draw(st.integers(0, 4)), draw(st.integers(0, 2))
        if draw(st.integers(0, 3)):
            words = out[draw(st.integers(0, len(out) - 1))][2].split(" ")
            for _ in range(draw(st.integers(0, 12))):
                at = draw(st.integers(0, len(words)))
                action = draw(st.sampled_from(["replace", "insert", "drop", "move"]))
                word = draw(st.sampled_from(WORDS))
                if action == "insert" or not words:
                    words.insert(at, word)
                elif action == "replace":
                    words[min(at, len(words) - 1)] = word
                elif action == "drop":
                    del words[min(at, len(words) - 1)]
                else:
                    cut = min(at, len(words) - 1)
                    words = [*words[cut:], ".", *words[:cut]]
            body = " ".join(words)
        else:
            body = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=draw(st.sampled_from(
                [5, 30, 120])))))
        out.append((contact, channel, body))
    return out


def _one_word_changed(word: str, count: int, other: str) -> str:
    words = [word] * count
    words[count // 2] = other
    return " ".join(words)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=batches())
@example(batch=[(0, 0, " ".join(["form"] * 100)), (1, 0, _one_word_changed("form", 100, "thank"))])
def test_candidates_find_what_every_pair_finds(interview: Interview, batch: list[tuple[int, int, str]]) -> None:
    # Every batch goes through the candidate path (EXACT_UP_TO at 0): the length window for short texts, the
    # MinHash bands of word trigrams for long ones. The bands are a filter by likelihood (duplicate.py): a pair
    # whose word trigrams (counted with repeats) overlap by half or more is found except with a chance under
    # 1e-6, and only such pairs are promised. Generated word salad with a dozen edits can reach 85 % by
    # characters while sharing only 40 % of its trigrams (hypothesis found such a batch); then a hit may name
    # another partner or none. Every hit that differs must come from a pair outside the promise, and every
    # hit the candidates give must be one comparing every pair would give or a lower one for the same draft.
    contacts = [c.id for c in interview.contacts]
    channels = list(Channel)
    drafts = [Draft(contacts[c], channels[ch], Language.EN, body, None) for c, ch, body in batch]
    with patch.object(duplicate, "EXACT_UP_TO", 0):
        found = duplicate_hits(interview, drafts)
    expected = all_pairs(interview, drafts)
    names = frozenset(fold(w) for c in interview.contacts for w in c.name.split())
    texts = [comparable(d, names) for d in drafts]
    for index, hits in expected.items():
        if found.get(index) == hits:
            continue
        partners = [j for j, d in enumerate(drafts) if d.contact != drafts[index].contact and texts[j]
                    and _score(texts[index], texts[j]) == int(str(hits[0].values["percent"]))]
        assert all(_trigram_overlap(texts[index], texts[j]) < 0.5 for j in partners), (index, hits, found.get(index))
        if index in found:
            assert int(str(found[index][0].values["percent"])) <= int(str(hits[0].values["percent"]))
    assert set(found) <= set(expected)


def _score(a: str, b: str) -> int:
    from rapidfuzz import fuzz

    return int(fuzz.ratio(a, b))


def _trigram_overlap(a: str, b: str) -> float:
    """The Jaccard index of the two texts' word trigrams counted with repeats (what the MinHash estimates)."""
    from collections import Counter

    def grams(text: str) -> Counter[str]:
        words = text.split(" ")
        return Counter(" ".join(words[k:k + 3]) for k in range(max(1, len(words) - 2)))
    first, second = grams(a), grams(b)
    return sum((first & second).values()) / max(1, sum((first | second).values()))


@pytest.mark.parametrize("word", ["intake", "form", "team", "thank", "data"])
def test_a_repetitive_text_with_one_word_changed_is_a_candidate(interview: Interview, word: str) -> None:
    # "form form form …" has one word trigram; with one word changed it has four, so as sets the two share a
    # quarter of their trigrams while the texts are 99 % the same. The shingles count repeats (a multiset),
    # so they share nearly all (issue 14: the property test found such a pair missed by the candidates).
    contacts = [c.id for c in interview.contacts]
    for count in (60, 80, 100):
        for other in WORDS:
            if other == word:
                continue
            drafts = [Draft(contacts[0], Channel.EMAIL, Language.EN, " ".join([word] * count), None),
                      Draft(contacts[1], Channel.EMAIL, Language.EN, _one_word_changed(word, count, other), None)]
            with patch.object(duplicate, "EXACT_UP_TO", 0):
                assert duplicate_hits(interview, drafts) == all_pairs(interview, drafts), (count, other)
