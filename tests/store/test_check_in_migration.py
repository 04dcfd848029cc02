"""Revision 0005 adds the check-ins table and takes it away again on downgrade (SQLite and PostgreSQL)."""

from __future__ import annotations

import sqlalchemy as sa

from afterword.store.db import open_store
from afterword.store.migrate import MIGRATIONS


def _run(url: str, action: str, target: str) -> None:
    from alembic import command
    from alembic.config import Config

    store = open_store(url)  # at head
    try:
        with store.engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = conn
            getattr(command, action)(config, target)
    finally:
        store.close()


def _tables(url: str) -> set[str]:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_check_ins_table_comes_and_goes_with_its_revision(db_url: str) -> None:
    _run(db_url, "downgrade", "0004_contact_salutation")
    assert "check_ins" not in _tables(db_url)
    assert {"interviews", "contacts", "touchpoints", "outbox"} <= _tables(db_url)
    store = open_store(db_url)  # opening migrates back to head
    store.close()
    assert "check_ins" in _tables(db_url)
