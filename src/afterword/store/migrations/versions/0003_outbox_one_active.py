"""Outbox: at most one active follow-up email per contact, enforced by a partial unique index.

Revision 0002 allowed two active follow-ups to one person (the CLI and the web server could both queue
one). Before the index is built, the one that went furthest stays (sent, unknown, handed to the server,
sending, queued; the oldest first); duplicates that never reached a server are set aside as failed,
saying why, and those that may have gone out keep their state as kind 'duplicate', so history stays true."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_outbox_one_active"
down_revision = "0002_outbox"
branch_labels = None
depends_on = None

ACTIVE = "kind = 'follow-up' AND state IN ('queued', 'sending', 'sent', 'unknown')"


_RANK = ("CASE WHEN state = 'sent' THEN 0 WHEN state = 'unknown' THEN 1 "
         "WHEN state = 'sending' AND phase = 'data' THEN 2 WHEN state = 'sending' THEN 3 ELSE 4 END")


def _set_aside_duplicates() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        f"SELECT id, interview_id, contact, state, phase FROM outbox WHERE {ACTIVE} "
        f"AND interview_id IS NOT NULL AND contact IS NOT NULL ORDER BY interview_id, contact, {_RANK}, id")).all()
    kept: dict[tuple[int, str], int] = {}
    for row_id, interview_id, contact, state, phase in rows:
        first = kept.setdefault((interview_id, contact), row_id)
        if first == row_id:
            continue
        if state == "queued" or (state == "sending" and phase != "data"):  # never handed to a server
            conn.execute(sa.text("UPDATE outbox SET state = 'failed', phase = NULL, last_error = :why WHERE id = :id"),
                         {"id": row_id, "why": f"not sent: a duplicate of outbox message {first} to the same "
                                               "person, set aside when the database was upgraded"})
        else:
            conn.execute(sa.text("UPDATE outbox SET kind = 'duplicate' WHERE id = :id"), {"id": row_id})


def upgrade() -> None:
    _set_aside_duplicates()
    op.create_index("uq_outbox_active_follow_up", "outbox", ["interview_id", "contact"], unique=True,
                    sqlite_where=sa.text(ACTIVE), postgresql_where=sa.text(ACTIVE))


def downgrade() -> None:
    op.drop_index("uq_outbox_active_follow_up", table_name="outbox")
