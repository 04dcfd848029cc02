"""The tables, on one MetaData that other store modules (e.g. the outbox) add their tables to.

Times are stored as naive UTC (`UTCDateTime`); the offset or IANA zone the notes gave is kept
next to them so an export writes back exactly what was imported.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as naive UTC; read back aware in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; times must carry an offset")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


interviews = Table(
    "interviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", String(200), nullable=False),
    # sha256 of the normalised company, role, start instant and candidate name: one interview once
    Column("identity", String(64), nullable=False),
    Column("candidate_name", Text, nullable=False),
    Column("candidate_email", Text),
    Column("candidate_phone", Text),
    Column("candidate_linkedin", Text),
    Column("company", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("start_utc", UTCDateTime, nullable=False),
    Column("start_offset", Integer, nullable=False),  # seconds east of UTC, as the notes wrote it
    Column("end_utc", UTCDateTime),
    Column("end_offset", Integer),
    Column("timezone", String(64)),
    Column("kind", Text),
    Column("language", String(8)),
    Column("theme", Text),
    Column("next_step", Text),
    Column("company_linkedin", Text),
    Column("company_x", Text),
    Column("deadline_utc", UTCDateTime, nullable=False),
    # contact × channel rows still owed (see repo.owed_rows); `open` mirrors owed > 0 for the index
    Column("owed", Integer, nullable=False, default=0),
    Column("open", Boolean, nullable=False, default=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("owner", "identity"),
    Index("ix_interviews_owner_open_deadline", "owner", "open", "deadline_utc"),
    Index("ix_interviews_owner_deadline", "owner", "deadline_utc"),
    Index("ix_interviews_owner_company", "owner", "company"),
)

contacts = Table(
    "contacts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(64), nullable=False),  # the notes' `id`
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("title", Text),
    Column("role", String(32)),
    Column("met", Text),
    Column("email", Text),
    Column("linkedin", Text),
    Column("x", Text),
    Column("language", String(8)),
    Column("formality", String(16)),
    Column("gave_contact", Boolean),
    Column("salutation", Text),
    Column("x_dm", Boolean),
    UniqueConstraint("interview_id", "key"),
)

# needs, strengths, moments and questions: text plus the ids they refer to, in notes order
items = Table(
    "items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("position", Integer, nullable=False),
    Column("key", String(64)),
    Column("text", Text, nullable=False),
    Column("refs", JSON, nullable=False),
    UniqueConstraint("interview_id", "kind", "position"),
)

touchpoints = Table(
    "touchpoints",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, nullable=False),
    Column("contact_key", String(64), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("language", String(8), nullable=False),
    Column("subject", Text),
    Column("body", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("drafted_at", UTCDateTime),
    Column("edited_at", UTCDateTime),
    Column("scheduled_at", UTCDateTime),
    Column("sent_at", UTCDateTime),
    Column("replied_at", UTCDateTime),
    Column("skipped_at", UTCDateTime),
    ForeignKeyConstraint(
        ["interview_id", "contact_key"], ["contacts.interview_id", "contacts.key"], ondelete="CASCADE"
    ),
    UniqueConstraint("interview_id", "contact_key", "channel"),
)

touchpoint_events = Table(
    "touchpoint_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("touchpoint_id", Integer, ForeignKey("touchpoints.id", ondelete="CASCADE"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_touchpoint_events_touchpoint_id", "touchpoint_id"),
)

STATUS_COLUMNS = ("drafted_at", "edited_at", "scheduled_at", "sent_at", "replied_at", "skipped_at")
