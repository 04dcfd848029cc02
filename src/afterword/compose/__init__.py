"""Compose: turn an Interview into one specific Draft per contact and channel."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from afterword.compose.build import email, short_note
from afterword.compose.checkin import check_in
from afterword.compose.door_open import door_open
from afterword.compose.person import Person, next_step_news
from afterword.compose.reading import Reading, Rough, read_notes, salutations
from afterword.compose.render import voice
from afterword.compose.select import select_all
from afterword.compose.wording import phrase_language, proper_words
from afterword.core.errors import InputError
from afterword.core.lang.xcount import weighted_length as x_length
from afterword.core.model import Channel, Contact, Draft, Interview

__all__ = ["Reading", "Rough", "SubjectTest", "compose", "compose_check_in", "compose_door_open", "read_notes", "x_length"]

#: The checker's question "does this subject belong to this conversation?", handed in by the service.
SubjectTest = Callable[[Interview, str], bool]


def compose(interview: Interview, *, contacts: Sequence[str] | None = None,
            channels: Sequence[Channel] | None = None, template_dir: Path | None = None,
            linkedin_limit: int = Channel.LINKEDIN.note_limit(), specific: SubjectTest | None = None) -> list[Draft]:
    """A draft for every contact (in notes order) and every channel they have an address for
    (email, linkedin, x), or only the `contacts` and `channels` asked for.

    Choices are made over the whole interview, so a person's draft is the same whether or not
    the others are drafted too. `specific(interview, subject)` is the checker's test for a subject
    that belongs to this conversation; subjects it rejects are passed over. Raises InputError for an
    unknown contact id."""
    known = [c.id for c in interview.contacts]
    if contacts is not None:
        unknown = [c for c in contacts if c not in known]
        if unknown:
            raise InputError(
                f"unknown contact `{unknown[0]}`; the notes have: {', '.join(known) or 'no contacts'}",
                key="--contact",
            )
    reading = read_notes(interview)  # only what reads well to the person is quoted
    unquoted = _unquoted(interview, reading)
    results = {need: result for index, result in reading.results.items()
               for need in interview.strengths[index].answers}
    typed_next_step = interview.next_step
    news = next_step_news(interview, typed_next_step)  # once per interview, not once per person
    discreet = frozenset(c for r in reading.rough if r.field == "moments" and r.reason == "private"
                         for c in interview.moments[r.index].with_)
    polite = salutations(interview)
    topics = frozenset(interview.needs[r.index].id for r in reading.rough if r.field == "needs" and r.reason == "topic")
    unsaid = _unsaid(interview, reading.interview)
    interview = reading.interview
    wanted_contacts = set(contacts) if contacts is not None else set(known)
    wanted_channels = tuple(channels) if channels is not None else tuple(Channel)
    v = voice(template_dir)
    proper = proper_words(interview)
    selections = select_all(interview, _usable(interview), unsaid)
    drafts: list[Draft] = []
    subjects: set[str] = set()
    emails = _Said()  # the sentences of every email so far
    for contact in interview.contacts:
        person = Person(interview, contact, selections[contact.id], v, proper, unquoted, results,
                        theme_topic=reading.theme_topic or "", next_step_typed=typed_next_step,
                        discreet=discreet, news=news, polite=polite, topics=topics)
        linkedin_note = ""
        for channel in Channel:
            if not contact.address(channel):
                continue
            # Subjects are handed out over everyone, so a person's subject does not depend on the filter.
            if channel is Channel.EMAIL:
                draft = _own_email(person, subjects, (lambda s: specific(interview, s)) if specific else None, emails)
                emails.add(_sentences(draft.body))
            elif channel is Channel.LINKEDIN:  # made whatever the filter: the X message steers clear of it
                draft = short_note(person, channel, linkedin_limit, follows=bool(contact.address(Channel.EMAIL)))
                linkedin_note = draft.body
            elif contact.id not in wanted_contacts or channel not in wanted_channels:
                continue
            else:
                draft = short_note(person, channel, channel.note_limit(), follows=bool(
                    contact.address(Channel.EMAIL) or contact.address(Channel.LINKEDIN)),
                    avoid=linkedin_note if contact.address(Channel.LINKEDIN) else "")
            if contact.id in wanted_contacts and channel in wanted_channels:
                drafts.append(draft)
    return drafts


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


def _sentences(body: str) -> set[str]:
    """The sentences of an email that could repeat in a colleague's (greeting and signature aside)."""
    return {s.strip() for s in _SENTENCE.findall(body) if len(s.split()) >= 5}


class _Said:
    """The sentences of the emails so far, with the emails each sentence is in: how many sentences a new email
    shares with the colleague's it shares most with is counted over the emails that share one, not by
    comparing with every email (a big panel's last emails would be compared with a thousand)."""

    def __init__(self) -> None:
        self.emails = 0
        self.holders: dict[str, list[int]] = {}

    def add(self, sentences: set[str]) -> None:
        for sentence in sentences:
            self.holders.setdefault(sentence, []).append(self.emails)
        self.emails += 1

    def most_shared(self, sentences: set[str]) -> int:
        counts: Counter[int] = Counter()
        for sentence in sentences:
            counts.update(self.holders.get(sentence, ()))
        return max(counts.values(), default=0)


def _own_email(person: Person, subjects: set[str], specific: Callable[[str], bool] | None,
               others: _Said) -> Draft:
    """The email, with its phrases moved along until it shares at most one sentence with any colleague's:
    recipients compare notes."""
    best: Draft | None = None
    best_score: tuple[int, int] = (0, 0)
    best_taken: set[str] = set()
    for shift in (0, 1, 2, 3, 5, 7):
        person.shift = shift
        taken = set(subjects)
        draft = email(person, taken, specific)
        mine = _sentences(draft.body)
        overlap = others.most_shared(mine)
        score = (max(overlap - 1, 0), _stock_repeats(draft.body))  # sharing first, then a phrase said twice
        if best is None or score < best_score:
            best, best_score, best_taken = draft, score, taken
        if score == (0, 0):
            break
    person.shift = 0
    assert best is not None
    subjects.clear()
    subjects.update(best_taken)
    return best


_STOCK = ("stayed with me", "on my mind", "welcome the chance", "keep coming back", "keep thinking", "bijgebleven",
          "houdt me", "bleef bij me hangen", "aan het denken", "one question", "één vraag", "sindsdien",
          "since we spoke", "on my mind since", "dank voor uw tijd", "dank voor je tijd", "thank you for your time",
          "u vertelde", "je vertelde", "you told me")


def _stock_repeats(body: str) -> int:
    """Stock phrases said twice in one email ("… stayed with me. … has stayed with me")."""
    low = body.lower()
    return sum(low.count(p) - 1 for p in _STOCK if low.count(p) > 1)


def _unquoted(interview: Interview, reading: Reading) -> frozenset[str]:
    """Needs a strength in the notes answers, where that strength was too rough to quote."""
    out: set[str] = set()
    for item in reading.rough:
        if item.field == "strengths" and item.reason != "private":
            out.update(interview.strengths[item.index].answers)
    return frozenset(out)


def _unsaid(typed: Interview, read: Interview) -> dict[str, frozenset[str]]:
    """Per contact, the needs they raised that the reading left out (too blunt or too rough to name)."""
    kept = {n.id for n in read.needs}
    out: dict[str, set[str]] = {}
    for need in typed.needs:
        if need.id not in kept:
            for contact in need.raised_by:
                out.setdefault(contact, set()).add(need.id)
    return {c: frozenset(ids) for c, ids in out.items()}


def _usable(interview: Interview) -> Callable[[Contact, str], bool]:
    names = interview.contact_names

    def usable(contact: Contact, text: str) -> bool:
        found = phrase_language(text, None, names)
        return found is None or found is interview.language_of(contact)

    return usable


def compose_check_in(interview: Interview, contact_id: str, *, template_dir: Path | None = None) -> Draft:
    """A courteous check-in email for when the next step's date passed without news."""
    return check_in(_person(interview, contact_id, template_dir))


def compose_door_open(interview: Interview, contact_id: str, *, template_dir: Path | None = None) -> Draft:
    """The reply to a rejection: thanks, no second attempt, and the door kept open (in their language and register)."""
    return door_open(_person(interview, contact_id, template_dir))


def _person(interview: Interview, contact_id: str, template_dir: Path | None) -> Person:
    try:
        contact = interview.contact(contact_id)
    except KeyError:
        known = ", ".join(c.id for c in interview.contacts) or "no contacts"
        raise InputError(f"unknown contact `{contact_id}`; the notes have: {known}", key="--contact") from None
    polite = salutations(interview, [contact])
    read = read_notes(interview).interview
    return Person(read, contact, select_all(read, _usable(read), _unsaid(interview, read))[contact_id],
                  voice(template_dir), proper_words(read), polite=polite)
