"""Which needs, strengths, moment and question go to *this* person, so each draft has its own substance."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from afterword.core.model import Contact, ContactRole, Interview, Moment, Need, Question, Strength

T = TypeVar("T")


@dataclass(frozen=True)
class Pair:
    """A need this person raised with the strength that answers it (either may be missing)."""

    need: Need | None
    strength: Strength | None


@dataclass(frozen=True)
class Selection:
    contact: Contact
    index: int
    pairs: tuple[Pair, ...]
    moment: Moment | None
    question: Question | None

    @property
    def primary(self) -> Pair | None:
        return self.pairs[0] if self.pairs else None


def select_all(interview: Interview, usable: Callable[[Contact, str], bool] | None = None,
               unsaid: Mapping[str, frozenset[str]] | None = None) -> dict[str, Selection]:
    """One selection per contact, made over the whole interview so that people who raised the
    same need get different strengths, leads, moments and questions where the notes allow.

    `usable(contact, text)` says whether a moment or question can be used in that contact's
    draft (e.g. it is in their language); unusable ones are left for someone else. `unsaid` gives, per contact,
    the needs they raised that the reading left out (too blunt or too rough to name to them): the strength
    written as the answer to such a need is still theirs, said without the need."""
    ok = usable or (lambda contact, text: True)
    left_out = unsaid or {}
    out: dict[str, Selection] = {}
    lead_needs: Counter[str] = Counter()
    used_strengths: Counter[tuple[str, int]] = Counter()
    used_moments: Counter[int] = Counter()
    used_questions: Counter[int] = Counter()
    used_free_strengths: Counter[int] = Counter()
    for index, contact in enumerate(interview.contacts):
        pairs = _pairs(interview, contact, lead_needs, used_strengths, used_free_strengths,
                       left_out.get(contact.id, frozenset()))
        if pairs and pairs[0].need is not None:
            lead_needs[pairs[0].need.id] += 1
        moment = _least_used(
            [(i, m) for i, m in enumerate(interview.moments) if contact.id in m.with_]
            or [(i, m) for i, m in enumerate(interview.moments) if not m.with_ and ok(contact, m.text)],
            used_moments,
        )
        # A question meant for nobody in particular goes to one person only: one question, one reader.
        asked_before = +used_questions
        # Their own question before one meant for several of them ("what is the plan with electric GSE?" for the
        # station director, not the budget question the hiring manager is asked too).
        own = sorted(((i, q) for i, q in enumerate(interview.questions) if contact.id in q.for_),
                     key=lambda pair: (used_questions[pair[0]], len(pair[1].for_), pair[0]))
        question = _least_used(
            own[:1]
            or [(i, q) for i, q in enumerate(interview.questions)
                if not q.for_ and not used_questions[i] and ok(contact, q.text) and _theirs_to_answer(contact, q.text)],
            used_questions,
        )
        if question is not None and contact.met_in_passing and asked_before[interview.questions.index(question)]:
            # Someone met in passing gets a lighter note: a question already put to a colleague is left
            # out rather than asked twice in near-identical messages.
            question = None
        out[contact.id] = Selection(contact, index, pairs, moment, question)
    return out


#: What a recruiter can answer: the process, not the work ("is there a date for the MES vendor decision" is not).
_PROCESS = re.compile(r"(?i)\b(?:process|procedure|timeline|next (?:step|round)|interview|assessment|case|start(?:ing)? date|"
                      r"bring|laptop|prepare|reference|contract|sollicitatie|vervolg|volgende (?:stap|ronde)|planning|"
                      r"meenemen|voorbereiden|startdatum|referentie|gesprek)")


def _theirs_to_answer(contact: Contact, text: str) -> bool:
    """A question meant for nobody in particular goes to someone who can answer it: a recruiter only gets
    one about the process."""
    return contact.effective_role is not ContactRole.RECRUITER or bool(_PROCESS.search(text))


def _least_used(items: list[tuple[int, T]], used: Counter[int]) -> T | None:
    if not items:
        return None
    index, item = min(items, key=lambda pair: (used[pair[0]], pair[0]))
    used[index] += 1
    return item


def _pairs(interview: Interview, contact: Contact, lead_needs: Counter[str],
           used_strengths: Counter[tuple[str, int]], used_free: Counter[int],
           unsaid: frozenset[str] = frozenset()) -> tuple[Pair, ...]:
    needs = interview.needs_raised_by(contact.id)
    if not needs and unsaid:
        # Their need was too blunt to name to them ("vrijdag 3 groepen dicht, ouders woest"), but the strength
        # written as its answer is the best thing the candidate has for them: said on its own.
        from afterword.compose.topic import has_any_verb

        # (a claim with its verb: "TPN validation but only neonatal not adult" is a limit noted for oneself)
        answering = [(i, s) for i, s in enumerate(interview.strengths) if unsaid & set(s.answers)
                     and has_any_verb(s.text, interview.effective_language)]
        strength = _least_used(answering, used_free)
        if strength is not None:
            return (Pair(None, strength),)
    if not needs:
        # Nobody's need to answer: a strength that answers no need in particular, rotating over the
        # people so that two of them do not get the same one. A strength written as the answer to a
        # colleague's need is not pitched to someone who never raised it (the external assessor does not
        # need to hear about PhD supervision because the head of school asked about it).
        free = [(i, s) for i, s in enumerate(interview.strengths) if not s.answers]
        strength = _least_used(free, used_free)
        return (Pair(None, strength),) if strength is not None else ()
    chosen: dict[str, Pair] = {}
    mine: set[int] = set()
    # Needs with fewer answering strengths choose first, so one strength is not used twice in a draft.
    for need in sorted(needs, key=lambda n: len(interview.strengths_for(n.id))):
        options = [(i, s) for i, s in enumerate(interview.strengths) if need.id in s.answers]
        if options:
            # A strength not yet used in this person's draft, then the one least used for this need.
            i, strength = min(options, key=lambda pair: (pair[0] in mine, used_strengths[(need.id, pair[0])], pair[0]))
            mine.add(i)
            used_strengths[(need.id, i)] += 1
            chosen[need.id] = Pair(need, strength)
        else:
            chosen[need.id] = Pair(need, None)
    pairs = [chosen[n.id] for n in needs]
    order = {id(p): n for n, p in enumerate(pairs)}
    # Lead with a need the candidate can answer, one no one before has led with if possible; then notes order.
    pairs.sort(key=lambda p: (p.strength is None, lead_needs[p.need.id] if p.need else 0, order[id(p)]))
    return tuple(pairs[:2])
