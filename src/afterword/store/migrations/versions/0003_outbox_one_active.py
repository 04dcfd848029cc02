"""Outbox: at most one active follow-up email per contact, enforced by a partial unique index."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_outbox_one_active"
down_revision = "0002_outbox"
branch_labels = None
depends_on = None

ACTIVE = "kind = 'follow-up' AND state IN ('queued', 'sending', 'sent', 'unknown')"


def upgrade() -> None:
    op.create_index("uq_outbox_active_follow_up", "outbox", ["interview_id", "contact"], unique=True,
                    sqlite_where=sa.text(ACTIVE), postgresql_where=sa.text(ACTIVE))


def downgrade() -> None:
    op.drop_index("uq_outbox_active_follow_up", table_name="outbox")
