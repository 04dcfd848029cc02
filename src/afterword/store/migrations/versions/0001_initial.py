"""Initial schema: interviews, contacts, items, touchpoints and their history."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("identity", sa.String(64), nullable=False),
        sa.Column("candidate_name", sa.Text(), nullable=False),
        sa.Column("candidate_email", sa.Text()),
        sa.Column("candidate_phone", sa.Text()),
        sa.Column("candidate_linkedin", sa.Text()),
        sa.Column("company", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("start_utc", sa.DateTime(), nullable=False),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_utc", sa.DateTime()),
        sa.Column("end_offset", sa.Integer()),
        sa.Column("timezone", sa.String(64)),
        sa.Column("kind", sa.Text()),
        sa.Column("language", sa.String(8)),
        sa.Column("theme", sa.Text()),
        sa.Column("next_step", sa.Text()),
        sa.Column("deadline_utc", sa.DateTime(), nullable=False),
        sa.Column("owed", sa.Integer(), nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_interviews"),
        sa.UniqueConstraint("owner", "identity", name="uq_interviews_owner_identity"),
    )
    op.create_index("ix_interviews_owner_open_deadline", "interviews", ["owner", "open", "deadline_utc"])
    op.create_index("ix_interviews_owner_deadline", "interviews", ["owner", "deadline_utc"])
    op.create_index("ix_interviews_owner_company", "interviews", ["owner", "company"])

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("role", sa.String(32)),
        sa.Column("met", sa.Text()),
        sa.Column("email", sa.Text()),
        sa.Column("linkedin", sa.Text()),
        sa.Column("x", sa.Text()),
        sa.Column("language", sa.String(8)),
        sa.Column("formality", sa.String(16)),
        sa.Column("gave_contact", sa.Boolean()),
        sa.PrimaryKeyConstraint("id", name="pk_contacts"),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE",
                                name="fk_contacts_interview_id_interviews"),
        sa.UniqueConstraint("interview_id", "key", name="uq_contacts_interview_id_key"),
    )

    op.create_table(
        "items",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("refs", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_items"),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE",
                                name="fk_items_interview_id_interviews"),
        sa.UniqueConstraint("interview_id", "kind", "position", name="uq_items_interview_id_kind_position"),
    )

    op.create_table(
        "touchpoints",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("contact_key", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("subject", sa.Text()),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        *(sa.Column(f"{status}_at", sa.DateTime())
          for status in ("drafted", "edited", "scheduled", "sent", "replied", "skipped")),
        sa.PrimaryKeyConstraint("id", name="pk_touchpoints"),
        sa.ForeignKeyConstraint(["interview_id", "contact_key"], ["contacts.interview_id", "contacts.key"],
                                ondelete="CASCADE",
                                name="fk_touchpoints_interview_id_contact_key_contacts"),
        sa.UniqueConstraint("interview_id", "contact_key", "channel",
                            name="uq_touchpoints_interview_id_contact_key_channel"),
    )

    op.create_table(
        "touchpoint_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("touchpoint_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_touchpoint_events"),
        sa.ForeignKeyConstraint(["touchpoint_id"], ["touchpoints.id"], ondelete="CASCADE",
                                name="fk_touchpoint_events_touchpoint_id_touchpoints"),
    )
    op.create_index("ix_touchpoint_events_touchpoint_id", "touchpoint_events", ["touchpoint_id"])


def downgrade() -> None:
    op.drop_table("touchpoint_events")
    op.drop_table("touchpoints")
    op.drop_table("items")
    op.drop_table("contacts")
    op.drop_table("interviews")
