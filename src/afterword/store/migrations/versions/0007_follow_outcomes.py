"""Follow steps done, interview outcomes, and people as one record across interviews (issue 12, points 2
and 4); the organisation's LinkedIn page and X handle from the notes."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_follow_outcomes"
down_revision = "0006_outbox_states"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("interviews") as batch:
        batch.add_column(sa.Column("company_linkedin", sa.Text(), nullable=True))
        batch.add_column(sa.Column("company_x", sa.Text(), nullable=True))
    op.create_table(
        "follows",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("network", sa.String(16), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], name="fk_follows_interview_id_interviews",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_follows"),
        sa.UniqueConstraint("interview_id", "target", "network", name="uq_follows_interview_id_target_network"),
    )
    op.create_table(
        "outcomes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("on_date", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], name="fk_outcomes_interview_id_interviews",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_outcomes"),
    )
    op.create_index("ix_outcomes_interview_id", "outcomes", ["interview_id"])
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("linkedin", sa.Text(), nullable=True),
        sa.Column("x", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
    )
    op.create_index("ix_people_owner", "people", ["owner"])
    op.create_table(
        "person_links",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("contact_key", sa.String(64), nullable=False),
        sa.Column("unsure", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name="fk_person_links_person_id_people",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["interview_id", "contact_key"], ["contacts.interview_id", "contacts.key"],
                                name="fk_person_links_interview_id_contact_key_contacts", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_person_links"),
        sa.UniqueConstraint("interview_id", "contact_key", name="uq_person_links_interview_id_contact_key"),
    )
    op.create_index("ix_person_links_person_id", "person_links", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_person_links_person_id", table_name="person_links")
    op.drop_table("person_links")
    op.drop_index("ix_people_owner", table_name="people")
    op.drop_table("people")
    op.drop_index("ix_outcomes_interview_id", table_name="outcomes")
    op.drop_table("outcomes")
    op.drop_table("follows")
    with op.batch_alter_table("interviews") as batch:
        batch.drop_column("company_x")
        batch.drop_column("company_linkedin")
