"""Outbox: a real `cancelled` state (afterword.core.outbox). Until now a message the user withdrew was stored
as `failed` with the text 'cancelled by the user', and a check-in's message withdrawn with its check-in as
`failed` with 'check-in cancelled: …' or 'check-in dropped: …'; those rows become `cancelled`, keeping
their text as the reason. The downgrade writes them back as the older code wrote them."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_outbox_states"
down_revision = "0005_check_ins"
branch_labels = None
depends_on = None

#: What revisions up to 0005 wrote on a message withdrawn before it was sent.
WITHDRAWN = ("(last_error = 'cancelled by the user' OR (kind = 'check-in' AND "
             "(last_error LIKE 'check-in cancelled:%' OR last_error LIKE 'check-in dropped:%')))")


def upgrade() -> None:
    op.get_bind().execute(sa.text(f"UPDATE outbox SET state = 'cancelled' WHERE state = 'failed' AND {WITHDRAWN}"))


def downgrade() -> None:
    op.get_bind().execute(sa.text(
        "UPDATE outbox SET state = 'failed', last_error = COALESCE(last_error, 'cancelled by the user') "
        "WHERE state = 'cancelled'"))
