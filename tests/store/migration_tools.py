"""Test helpers: bring a database to any schema revision, and read every table whole."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from afterword.store.migrate import MIGRATIONS, scripts


def revisions_in_order() -> list[Any]:
    """Every Alembic revision, oldest first (the chain is linear)."""
    return list(reversed(list(scripts().walk_revisions())))


def engine_for(url: str) -> sa.Engine:
    if url.startswith("postgresql://"):
        url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    return sa.create_engine(url)


def migrate_to(engine: sa.Engine, revision: str, *, down: bool = False) -> None:
    """Upgrade (or downgrade) to `revision` in one transaction, the way the store migrates (SQLite: foreign
    keys off, so batch migrations that copy and drop tables do not cascade)."""
    from alembic import command
    from alembic.config import Config

    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
            conn.commit()
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        with conn.begin():
            (command.downgrade if down else command.upgrade)(config, revision)
            if sqlite:
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").first() is None


def current(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        if "alembic_version" not in sa.inspect(conn).get_table_names():
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def snapshot(engine: sa.Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table (alembic_version aside), ordered by all columns."""
    out: dict[str, list[dict[str, Any]]] = {}
    meta = sa.MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = conn.execute(sa.select(table)).mappings().all()
            out[table.name] = sorted((dict(r) for r in rows), key=repr)
    return out
