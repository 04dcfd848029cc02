"""The reply to a rejection as a touchpoint of its own (one per interview, see store/rejection_replies.py), at most
one such message on its way per interview in the outbox, and who brought an outcome's news."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_rejection_replies"
down_revision = "0007_follow_outcomes"
branch_labels = None
depends_on = None

ACTIVE_REJECTION_REPLY = "kind = 'rejection-reply' AND state IN ('queued', 'sending', 'sent', 'unknown')"


def upgrade() -> None:
    op.create_table(
        "rejection_replies",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("contact_key", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["interview_id", "contact_key"], ["contacts.interview_id", "contacts.key"],
                                name="fk_rejection_replies_interview_id_contact_key_contacts", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_rejection_replies"),
        sa.UniqueConstraint("interview_id", name="uq_rejection_replies_interview_id"),
    )
    op.create_index("uq_outbox_active_rejection_reply", "outbox", ["interview_id"], unique=True,
                    sqlite_where=sa.text(ACTIVE_REJECTION_REPLY), postgresql_where=sa.text(ACTIVE_REJECTION_REPLY))
    with op.batch_alter_table("outcomes") as batch:
        batch.add_column(sa.Column("news_from", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outcomes") as batch:
        batch.drop_column("news_from")
    op.drop_index("uq_outbox_active_rejection_reply", table_name="outbox")
    op.drop_table("rejection_replies")
