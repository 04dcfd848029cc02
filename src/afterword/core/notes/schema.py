"""Format 1 as data: the tables, their keys, types and whether they are required."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FORMAT_VERSION = 1
MAX_FILE_BYTES = 1_000_000
MAX_TEXT_CHARS = 2_000

Kind = Literal["int", "str", "line", "note", "text", "bool", "datetime", "ids", "email", "url", "handle", "zone", "id"]


@dataclass(frozen=True)
class Key:
    name: str
    kind: Kind
    required: bool = False
    choices: tuple[str, ...] = ()
    refers_to: str | None = None  # table whose ids a list of ids refers to


@dataclass(frozen=True)
class Table:
    name: str
    keys: tuple[Key, ...]
    many: bool = False  # an array of tables ([[name]])
    required: bool = False

    def key(self, name: str) -> Key | None:
        return next((k for k in self.keys if k.name == name), None)

    @property
    def header(self) -> str:
        return f"[[{self.name}]]" if self.many else f"[{self.name}]"


ROLES = ("hiring-manager", "interviewer", "recruiter", "executive", "team-member", "other")
LANGUAGES = ("en", "nl")
FORMALITIES = ("formal", "informal")

CANDIDATE = Table(
    "candidate",
    (
        Key("name", "line", required=True),
        Key("email", "email"),
        Key("phone", "line"),
        Key("linkedin", "url"),
    ),
    required=True,
)
INTERVIEW = Table(
    "interview",
    (
        Key("company", "line", required=True),
        Key("role", "line", required=True),
        Key("start", "datetime", required=True),
        Key("end", "datetime"),
        Key("timezone", "zone"),
        Key("kind", "line"),
        Key("language", "line", choices=LANGUAGES),
        Key("theme", "line"),
        Key("next_step", "note"),
        Key("company_linkedin", "url"),
        Key("company_x", "handle"),
    ),
    required=True,
)
CONTACTS = Table(
    "contacts",
    (
        Key("id", "id", required=True),
        Key("name", "line", required=True),
        Key("title", "line"),
        Key("role", "line", choices=ROLES),
        Key("met", "line"),
        Key("email", "email"),
        Key("linkedin", "url"),
        Key("x", "handle"),
        Key("language", "line", choices=LANGUAGES),
        Key("formality", "line", choices=FORMALITIES),
        Key("gave_contact", "bool"),
        Key("salutation", "line"),
        Key("x_dm", "bool"),
    ),
    many=True,
)
NEEDS = Table(
    "needs",
    (
        Key("id", "id", required=True),
        Key("text", "text", required=True),
        Key("raised_by", "ids", refers_to="contacts"),
    ),
    many=True,
)
STRENGTHS = Table(
    "strengths",
    (Key("text", "text", required=True), Key("answers", "ids", refers_to="needs")),
    many=True,
)
MOMENTS = Table(
    "moments",
    (Key("text", "text", required=True), Key("with", "ids", refers_to="contacts")),
    many=True,
)
QUESTIONS = Table(
    "questions",
    (Key("text", "text", required=True), Key("for", "ids", refers_to="contacts")),
    many=True,
)

TABLES = (CANDIDATE, INTERVIEW, CONTACTS, NEEDS, STRENGTHS, MOMENTS, QUESTIONS)
TOP_LEVEL_KEYS = ("format", *(t.name for t in TABLES))
