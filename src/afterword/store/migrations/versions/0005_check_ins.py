"""Check-ins: one per person and interview, waiting for silence after the follow-up (see store/checkins.py);
and whether a contact's X direct messages are open (`x_dm` in the notes)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_check_ins"
down_revision = "0004_contact_salutation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "check_ins",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("contact_key", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("waits_for", sa.String(10), nullable=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["interview_id", "contact_key"], ["contacts.interview_id", "contacts.key"],
                                name="fk_check_ins_interview_id_contact_key_contacts", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_check_ins"),
        sa.UniqueConstraint("interview_id", "contact_key", name="uq_check_ins_interview_id_contact_key"),
    )
    op.create_index("ix_check_ins_state_due", "check_ins", ["state", "due_at"])
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("x_dm", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("x_dm")
    op.drop_index("ix_check_ins_state_due", table_name="check_ins")
    op.drop_table("check_ins")
