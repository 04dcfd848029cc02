"""Contacts: an optional salutation ("Mr Chen", "mevrouw Van der Meer") for the greeting."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_contact_salutation"
down_revision = "0003_outbox_one_active"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("salutation", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("salutation")
