"""Frozen model values that flow through compose, check and plan."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache, cached_property

DEFAULT_DURATION = timedelta(minutes=60)
FOLLOW_UP_WINDOW = timedelta(hours=24)


class Channel(enum.StrEnum):
    """A way to reach a contact; order is the order drafts are shown in."""

    EMAIL = "email"
    LINKEDIN = "linkedin"
    X = "x"

    def limit(self, *, premium: bool = False) -> int | None:
        """The most characters one message may have here, or None when there is no limit (email).

        A LinkedIn connection note has 200 characters on a free account and 300 on Premium; an X post
        280 weighted characters (counted by `core.lang.xcount`). This is the one place these numbers live."""
        if self is Channel.LINKEDIN:
            return 300 if premium else 200
        if self is Channel.X:
            return 280
        return None

    def note_limit(self, *, premium: bool = False) -> int:
        """`limit` for a channel of short notes (LinkedIn, X); a ValueError for a channel without one."""
        limit = self.limit(premium=premium)
        if limit is None:
            raise ValueError(f"{self.value} has no character limit")
        return limit


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"


class Formality(enum.StrEnum):
    FORMAL = "formal"
    INFORMAL = "informal"


class Language(enum.StrEnum):
    EN = "en"
    NL = "nl"


class TouchpointStatus(enum.StrEnum):
    """Where the follow-up for one contact on one channel stands."""

    DRAFTED = "drafted"
    EDITED = "edited"
    SCHEDULED = "scheduled"
    SENT = "sent"
    REPLIED = "replied"
    SKIPPED = "skipped"

    @property
    def is_done(self) -> bool:
        """Nothing more is owed on this touchpoint."""
        return self in (TouchpointStatus.SENT, TouchpointStatus.REPLIED, TouchpointStatus.SKIPPED)


class Outcome(enum.StrEnum):
    """How an interview ended, as the organisation let the candidate know (issue 12, point 4)."""

    NEXT_ROUND = "next-round"
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    def label(self, language: Language) -> str:
        return _OUTCOME_LABELS[language][self]


class ContactRole(enum.StrEnum):
    HIRING_MANAGER = "hiring-manager"
    INTERVIEWER = "interviewer"
    RECRUITER = "recruiter"
    EXECUTIVE = "executive"
    TEAM_MEMBER = "team-member"
    OTHER = "other"


_OUTCOME_LABELS = {
    Language.EN: {Outcome.NEXT_ROUND: "next round", Outcome.OFFER: "offer", Outcome.REJECTED: "rejected",
                  Outcome.WITHDRAWN: "withdrawn"},
    Language.NL: {Outcome.NEXT_ROUND: "volgende ronde", Outcome.OFFER: "aanbod", Outcome.REJECTED: "afgewezen",
                  Outcome.WITHDRAWN: "teruggetrokken"},
}


#: Places of meeting that count as "in the interview room"; anything else is met in passing.
#: `met` values that mean the interview itself (in English and Dutch, as people write them), not a meeting in passing.
IN_ROOM_MET = frozenset({
    "panel", "video", "phone", "interview", "one-on-one", "group", "assessment", "video call", "videocall",
    "phone call", "call", "teams", "zoom", "online", "telefoon", "telefonisch", "telefoongesprek", "videogesprek",
    "gesprek", "sollicitatiegesprek", "panelgesprek", "groepsgesprek",
})


#: Words in a free-text `met` that place someone in the interview itself ("panel (vz)", "1:1 + floor tour").
IN_ROOM_WORDS = (
    "panel", "interview", "1:1", "1-1", "1-op-1", "1 op 1", "one-on-one", "one to one", "video", "phone",
    "phone call", "video call", "zoom call", "teams call", "intro call", "screening call", "call with", "casus",
    "case study", "uur lang", "hours", "hrs", "sessie", "session", "werksessie", "gesprek van",
    "teams", "zoom", "meet", "case", "presentation", "presentatie", "assessment", "gesprek", "vz", "chair",
    "voorzitter", "pairing", "pair", "system design", "onsite", "on-site", "technical", "tech round", "screen",
    "screening", "commissie", "sollicitatie", "demo", "les", "lesson", "whiteboard", "round", "ronde",
    "interviewer", "hiring", "camera", "jury", "hele middag", "hele avond", "hele dag", "all afternoon", "all day",
    "whole afternoon", "whole day", "telefoon", "telefonisch", "gebeld", "belde", "videocall", "arbeidsvw",
    "arbeidsvoorwaarden", "1e", "2e", "first round", "second round", "final", "loop", "the call", "into the call",
    "joined", "sat in", "schoof aan", "sloot aan", "het gesprek", "in de call",
)
#: Words that place someone outside it: met in passing.
#: Places an interview may be held in ("kantine, aan de stamtafel", "keuken, hele middag"): for someone whose role is
#: to interview, they do not say the meeting was outside the interview.
VENUE_WORDS = frozenset({"kantine", "canteen", "kitchen", "keuken", "hal", "hall"})

#: Words that plainly make a meeting brief, whoever it was with.
BRIEF_WORDS = (
    "said hi", "in passing", "lift", "elevator", "hallway", "corridor", "gang", "handshake", "hand geschud", "handje",
    "waved", "popped in", "liep binnen", "kwam even", "even gesproken", "kort gesproken", "bij de lift",
)

PASSING_WORDS = (
    "lobby", "lunch", "lift", "elevator", "corridor", "hallway", "gang", "reception", "receptie", "coffee machine",
    "koffieautomaat", "said hi", "in passing", "walked me", "liep mee", "deed open", "opened the door", "smoking",
    "rookplek", "kantine", "canteen", "car park", "parking", "parkeerplaats", "tour", "rondleiding", "showed me round",
    "kitchen", "keuken", "drinks", "borrel", "entrance", "ingang", "trap", "stairs", "bus", "train", "station",
    "brought coffee", "bracht koffie", "brought water", "koffie", "coffee", "tea", "thee", "hal", "hall", "bij de deur",
)

#: The passing words that are not a venue: lunch, the lobby, a tour, coffee.
#: Words in `met` that place the meeting before the interview day (both languages).
BEFORE_WORDS = (
    "before", "beforehand", "b4", "bfore", "ahead", "the day before", "week before", "last week", "prior", "pre-screen", "prescreen", "phone screen", "screening", "intro call",
    "intake", "vooraf", "van tevoren", "telefonisch vooraf", "vorige week", "eerder", "voorgesprek", "kennismakingsgesprek",
)


SOCIAL_WORDS = tuple(w for w in PASSING_WORDS if w not in VENUE_WORDS)


def _has_word(text: str, words: tuple[str, ...]) -> bool:
    return _any_word(words).search(text) is not None


@cache
def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the whole list (a pattern per word overflowed the regex cache: 500 compiles a draft)."""
    return re.compile("|".join(rf"(?<![\w]){re.escape(w)}(?![\w])" for w in words))


@dataclass(frozen=True)
class Candidate:
    name: str
    email: str | None = None
    phone: str | None = None
    linkedin: str | None = None


@dataclass(frozen=True)
class Contact:
    """Someone met who may get a follow-up. Optional fields keep what the notes said."""

    id: str
    name: str
    title: str | None = None
    role: ContactRole | None = None
    met: str | None = None
    email: str | None = None
    linkedin: str | None = None
    x: str | None = None
    language: Language | None = None
    formality: Formality | None = None
    gave_contact: bool | None = None
    salutation: str | None = None  # how to greet them, as the user knows it: "Mr Chen", "mevrouw Van der Meer"
    x_dm: bool | None = None  # their X direct messages are open to the candidate (the notes say so)

    @property
    def effective_role(self) -> ContactRole:
        return self.role or ContactRole.INTERVIEWER

    @property
    def effective_formality(self) -> Formality:
        if self.formality is not None:
            return self.formality
        return Formality.FORMAL if self.effective_role is ContactRole.EXECUTIVE else Formality.INFORMAL

    @property
    def gave_contact_details(self) -> bool:
        if self.gave_contact is not None:
            return self.gave_contact
        return bool(self.email or self.linkedin)

    @property
    def channels(self) -> tuple[Channel, ...]:
        """The channels with an address, in the order email, linkedin, x."""
        return tuple(ch for ch in Channel if self.address(ch))

    def address(self, channel: Channel) -> str | None:
        if channel is Channel.EMAIL:
            return self.email
        if channel is Channel.LINKEDIN:
            return self.linkedin
        return self.x

    @property
    def x_handle(self) -> str | None:
        """The X handle without a leading `@`."""
        return self.x.lstrip("@") if self.x else None

    @property
    def met_in_passing(self) -> bool:
        """Met outside the interview room (lobby, lunch, a tour, the corridor), not interviewed by them.

        A free-text `met` is read by its words in both languages: anything that places them in the interview
        ("panel (vz)", "1:1 + floor tour", "panel + coffee after") wins. When `met` names neither, the role
        decides: hiring managers, interviewers and recruiters were in the interview."""
        met = " ".join(re.sub(r"\([^)]*\)|\[[^\]]*\]|'[^']*'|\"[^\"]*\"", " ", (self.met or "").lower()).split())
        if not met or met in IN_ROOM_MET or _has_word(met, IN_ROOM_WORDS):
            return False
        interviewing = self.effective_role in (ContactRole.HIRING_MANAGER, ContactRole.INTERVIEWER, ContactRole.RECRUITER)
        if interviewing:
            # Where they met ("kantine", "keuken", "lobby") does not say they did not interview: only a plainly
            # brief meeting does ("said hi in the lift", "5 min in de gang"). Readers of drafts that thanked a
            # hiring manager for "a brief chat" after a whole afternoon in the kitchen saw the machine.
            return _has_word(met, BRIEF_WORDS) or _has_word(met, SOCIAL_WORDS) \
                or bool(re.search(r"\b\d+\s*min\b", met))
        return True  # anyone else named with neither: met around the interview (the words in PASSING_WORDS)


    @property
    def spoke_before(self) -> bool:
        """Spoken to before the interview and not in it ("phone screen last week", "intro call", "belde vooraf"):
        a recruiter like that arranged the day; they were not at the conversation."""
        met = " ".join((self.met or "").lower().split())
        return _has_word(met, BEFORE_WORDS) and not _has_word(met, ("panel", "interview", "jury", "1:1", "1-1",
                                                                    "in the room", "gesprek van", "case"))


@dataclass(frozen=True)
class Need:
    id: str
    text: str
    raised_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Strength:
    text: str
    answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Moment:
    text: str
    with_: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    text: str
    for_: tuple[str, ...] = ()


@dataclass(frozen=True)
class Interview:
    """One interview as the notes describe it (format 1), flattened.

    `start` and `end` are aware datetimes. When the notes give `timezone`, they carry
    that ZoneInfo; otherwise the fixed offset written in the notes.
    """

    candidate: Candidate
    company: str
    role: str
    start: datetime
    end: datetime | None = None
    timezone: str | None = None
    kind: str | None = None
    language: Language | None = None
    theme: str | None = None
    next_step: str | None = None
    company_linkedin: str | None = None  # the organisation's LinkedIn page, to follow
    company_x: str | None = None  # the organisation's X handle, to follow
    contacts: tuple[Contact, ...] = ()
    needs: tuple[Need, ...] = ()
    strengths: tuple[Strength, ...] = ()
    moments: tuple[Moment, ...] = ()
    questions: tuple[Question, ...] = ()

    @property
    def effective_end(self) -> datetime:
        return self.end if self.end is not None else add_absolute(self.start, DEFAULT_DURATION)

    @property
    def deadline(self) -> datetime:
        """End + 24 hours of real (absolute) time, shown in the interview's zone."""
        return add_absolute(self.effective_end, FOLLOW_UP_WINDOW)

    @property
    def effective_language(self) -> Language:
        return self.language or Language.EN

    def language_of(self, contact: Contact) -> Language:
        return contact.language or self.effective_language

    @cached_property
    def contact_names(self) -> tuple[str, ...]:
        """Every contact's name, in notes order (kept: a panel's names are asked for with every phrase)."""
        return tuple(c.name for c in self.contacts)

    @cached_property
    def _by_id(self) -> dict[str, Contact]:
        found: dict[str, Contact] = {}
        for c in self.contacts:
            found.setdefault(c.id, c)
        return found

    def contact(self, contact_id: str) -> Contact:
        """The contact with this id (looked up, not searched: a panel asks for it per phrase)."""
        try:
            return self._by_id[contact_id]
        except KeyError:
            raise KeyError(contact_id) from None

    def needs_raised_by(self, contact_id: str) -> tuple[Need, ...]:
        return tuple(n for n in self.needs if contact_id in n.raised_by)

    def strengths_for(self, need_id: str) -> tuple[Strength, ...]:
        return tuple(s for s in self.strengths if need_id in s.answers)

    def moments_with(self, contact_id: str) -> tuple[Moment, ...]:
        return tuple(m for m in self.moments if contact_id in m.with_)

    def host(self) -> Contact | None:
        """Who hosted the candidate, to pass on thanks to people without a channel: the hiring manager with an
        email address, else the first person with one who was in the interview."""
        emailed = [c for c in self.contacts if c.email]
        for contact in emailed:
            if contact.effective_role is ContactRole.HIRING_MANAGER:
                return contact
        return next((c for c in emailed if not c.met_in_passing), emailed[0] if emailed else None)

    def thanked_via(self, contact: Contact) -> Contact | None:
        """The person through whom someone without a channel is thanked (None when they have a channel)."""
        if contact not in self.unreachable():
            return None
        host = self.host()
        return host if host is not None and host.id != contact.id else None

    def unreachable(self) -> tuple[Contact, ...]:
        """People met who have no channel and helped along the way (`role = "other"`: reception, an office
        manager): thanked through the host. Colleagues, executives and interviewers are not thanked second-hand."""
        return self._unreachable

    @cached_property
    def _unreachable(self) -> tuple[Contact, ...]:
        # once per interview: every draft asks, and a big panel has many people to look through
        return tuple(c for c in self.contacts if not c.channels and c.effective_role is ContactRole.OTHER)

    def questions_for(self, contact_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if contact_id in q.for_)


def add_absolute(moment: datetime, delta: timedelta) -> datetime:
    """Add real elapsed time, correct across daylight-saving changes.

    Python's aware arithmetic is wall-clock arithmetic within one tzinfo, so go via UTC.
    """
    from datetime import UTC

    return (moment.astimezone(UTC) + delta).astimezone(moment.tzinfo)


@dataclass(frozen=True)
class Draft:
    """One message for one contact on one channel. `subject` is for email only."""

    contact: str
    channel: Channel
    language: Language
    body: str
    subject: str | None = None


@dataclass(frozen=True)
class Finding:
    """What a check found. `start`/`end` are offsets into the body, or into the subject
    when `in_subject` is true (the `subject-*` codes)."""

    code: str
    severity: Severity
    message: str
    start: int | None = None
    end: int | None = None
    in_subject: bool = False
    contact: str | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def message_in(self, language: Language | str) -> str:
        """The message in the user's interface language (`message` when that one was not rendered)."""
        return self.extra.get(f"message_{language}", self.message)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"code": self.code, "severity": str(self.severity), "message": self.message}
        if self.start is not None and self.end is not None:
            out["start"] = self.start
            out["end"] = self.end
            if self.in_subject:
                out["field"] = "subject"
        if self.contact is not None:
            out["contact"] = self.contact
        return out
