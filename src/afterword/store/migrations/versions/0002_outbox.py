"""Outbox: messages queued for SMTP with their delivery state; LinkedIn/X actions marked done."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_outbox"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.String(255), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.Column("contact", sa.String(200), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("sender", sa.Text(), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=True),
        sa.Column("in_reply_to", sa.String(255), nullable=True),
        sa.Column("send_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("phase", sa.String(16), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("refused", sa.Text(), nullable=True),
        sa.Column("claimed_by", sa.String(200), nullable=True),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("settled_by", sa.String(16), nullable=True),
        sa.Column("replied_at", sa.DateTime(), nullable=True),
        sa.Column("reply_message_id", sa.String(998), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("message_id", name="uq_outbox_message_id"),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE",
                                name="fk_outbox_interview_id_interviews"),
    )
    op.create_index("ix_outbox_due", "outbox", ["state", "send_at"])
    op.create_index("ix_outbox_interview", "outbox", ["interview_id", "contact"])
    op.create_table(
        "social_done",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("contact", sa.String(200), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("personalised", sa.Boolean(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_social_done"),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE",
                                name="fk_social_done_interview_id_interviews"),
    )
    op.create_index("ix_social_done_at", "social_done", ["channel", "done_at"])


def downgrade() -> None:
    op.drop_index("ix_social_done_at", table_name="social_done")
    op.drop_table("social_done")
    op.drop_index("ix_outbox_interview", table_name="outbox")
    op.drop_index("ix_outbox_due", table_name="outbox")
    op.drop_table("outbox")
