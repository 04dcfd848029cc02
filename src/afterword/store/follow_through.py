"""After the first message: follow steps marked done, interview outcomes, and people as one record across
interviews (issue 12, points 2 and 4). Functions take the caller's connection, so an outcome and the
check-ins it cancels are one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import (
    Column,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    select,
)
from sqlalchemy.engine import Connection

from afterword.core.model import Channel, Outcome
from afterword.store.tables import UTCDateTime, contacts, interviews, metadata

follows = Table(
    "follows",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False),
    Column("target", String(64), nullable=False),  # a contact id, or plan.ORGANISATION
    Column("network", String(16), nullable=False),  # linkedin | x
    Column("url", Text, nullable=False),  # the page followed, as it was then
    Column("done_at", UTCDateTime, nullable=False),
    UniqueConstraint("interview_id", "target", "network"),
)

outcomes = Table(
    "outcomes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),  # core.model.Outcome
    Column("on_date", String(10), nullable=False),  # ISO date the organisation said so
    Column("created_at", UTCDateTime, nullable=False),
    Column("news_from", String(64), nullable=True),  # the contact who brought the news, when known
    Index("ix_outcomes_interview_id", "interview_id"),
)

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", String(200), nullable=False),
    Column("name", Text, nullable=False),
    Column("email", Text, nullable=True),  # normalised (see service.people)
    Column("linkedin", Text, nullable=True),
    Column("x", Text, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_people_owner", "owner"),
)

person_links = Table(
    "person_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("interview_id", Integer, nullable=False),
    Column("contact_key", String(64), nullable=False),
    Column("unsure", Text, nullable=True),  # why this contact was kept apart from a look-alike
    ForeignKeyConstraint(
        ["interview_id", "contact_key"], ["contacts.interview_id", "contacts.key"], ondelete="CASCADE"
    ),
    UniqueConstraint("interview_id", "contact_key"),
    Index("ix_person_links_person_id", "person_id"),
)


# -- follows ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowRow:
    interview_id: int
    target: str
    network: Channel
    url: str
    done_at: datetime


def follows_done(conn: Connection, interview_ids: list[int]) -> list[FollowRow]:
    query = select(follows).where(follows.c.interview_id.in_(interview_ids)).order_by(follows.c.done_at, follows.c.id)
    return [FollowRow(m["interview_id"], m["target"], Channel(m["network"]), m["url"], m["done_at"])
            for m in conn.execute(query).mappings()]


def mark_followed(conn: Connection, interview_id: int, target: str, network: Channel, url: str,
                  at: datetime) -> bool:
    """Record a follow step as done; False when it already was (the first time is kept)."""
    exists = conn.scalar(select(follows.c.id).where(
        follows.c.interview_id == interview_id, follows.c.target == target, follows.c.network == str(network)))
    if exists is not None:
        return False
    conn.execute(insert(follows).values(interview_id=interview_id, target=target, network=str(network), url=url,
                                        done_at=at))
    return True


# -- outcomes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeRow:
    id: int
    interview_id: int
    kind: Outcome
    on_date: date
    created_at: datetime
    news_from: str | None = None


def add_outcome(conn: Connection, interview_id: int, kind: Outcome, on_date: date, at: datetime,
                news_from: str | None = None) -> int:
    new_id = conn.scalar(insert(outcomes).values(interview_id=interview_id, kind=str(kind),
                                                 on_date=on_date.isoformat(), created_at=at, news_from=news_from)
                         .returning(outcomes.c.id))
    assert isinstance(new_id, int)
    return new_id


def outcome_rows(conn: Connection, interview_ids: list[int]) -> list[OutcomeRow]:
    """Outcomes of these interviews, in the order they happened (the last is the current one)."""
    query = (select(outcomes).where(outcomes.c.interview_id.in_(interview_ids))
             .order_by(outcomes.c.on_date, outcomes.c.id))
    return [OutcomeRow(m["id"], m["interview_id"], Outcome(m["kind"]), date.fromisoformat(m["on_date"]),
                       m["created_at"], m["news_from"]) for m in conn.execute(query).mappings()]


# -- people -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    email: str | None
    linkedin: str | None
    x: str | None


def _person(m: object) -> PersonRow:
    row = dict(m)  # type: ignore[call-overload]
    return PersonRow(row["id"], row["name"], row["email"], row["linkedin"], row["x"])


def people_matching(conn: Connection, owner: str, *, email: str | None, linkedin: str | None,
                    x: str | None) -> list[PersonRow]:
    """This owner's people with the same (normalised) email, LinkedIn profile or X handle."""
    conditions = []
    if email:
        conditions.append(people.c.email == email)
    if linkedin:
        conditions.append(people.c.linkedin == linkedin)
    if x:
        conditions.append(people.c.x == x)
    if not conditions:
        return []
    from sqlalchemy import or_

    query = select(people).where(people.c.owner == owner, or_(*conditions)).order_by(people.c.id)
    return [_person(m) for m in conn.execute(query).mappings()]


def add_person(conn: Connection, owner: str, name: str, email: str | None, linkedin: str | None, x: str | None,
               at: datetime) -> int:
    new_id = conn.scalar(insert(people).values(owner=owner, name=name, email=email, linkedin=linkedin, x=x,
                                               created_at=at).returning(people.c.id))
    assert isinstance(new_id, int)
    return new_id


def fill_person(conn: Connection, person: PersonRow, email: str | None, linkedin: str | None,
                x: str | None) -> None:
    """Add addresses the person record did not have yet (never overwrite one)."""
    from sqlalchemy import update

    values = {k: v for k, v in (("email", email), ("linkedin", linkedin), ("x", x))
              if v and getattr(person, k) is None}
    if values:
        conn.execute(update(people).where(people.c.id == person.id).values(**values))


def link(conn: Connection, person_id: int, interview_id: int, contact_key: str, unsure: str | None) -> None:
    conn.execute(insert(person_links).values(person_id=person_id, interview_id=interview_id,
                                             contact_key=contact_key, unsure=unsure))


def unlinked_contacts(conn: Connection, interview_id: int) -> list[str]:
    """The contact ids of an interview that are not linked to a person yet, in notes order."""
    query = (select(contacts.c.key).outerjoin(person_links, (person_links.c.interview_id == contacts.c.interview_id)
                                              & (person_links.c.contact_key == contacts.c.key))
             .where(contacts.c.interview_id == interview_id, person_links.c.id.is_(None))
             .order_by(contacts.c.position))
    return list(conn.scalars(query))


@dataclass(frozen=True)
class Appearance:
    """A person in one interview: which interview, under which contact id, and whether it was unsure."""

    person_id: int
    interview_id: int
    contact: str
    company: str
    start: datetime
    unsure: str | None


def appearances(conn: Connection, owner: str, *, person_ids: list[int] | None = None,
                interview_id: int | None = None) -> list[Appearance]:
    """Where people appear, oldest interview first; for some people, or for everyone in one interview."""
    query = (select(person_links.c.person_id, person_links.c.interview_id, person_links.c.contact_key,
                    interviews.c.company, interviews.c.start_utc, person_links.c.unsure)
             .join(interviews, interviews.c.id == person_links.c.interview_id)
             .where(interviews.c.owner == owner).order_by(interviews.c.start_utc, person_links.c.id))
    if person_ids is not None:
        query = query.where(person_links.c.person_id.in_(person_ids))
    if interview_id is not None:
        query = query.where(person_links.c.interview_id == interview_id)
    return [Appearance(*row) for row in conn.execute(query)]


def person(conn: Connection, owner: str, person_id: int) -> PersonRow | None:
    found = conn.execute(select(people).where(people.c.id == person_id, people.c.owner == owner)).mappings().first()
    return _person(found) if found is not None else None
