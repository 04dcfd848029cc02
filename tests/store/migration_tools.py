"""Test helpers: bring a database to any schema revision, and read every table whole."""

from __future__ import annotations

from datetime import datetime
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


#: Columns whose values are a closed set the schema's own indexes depend on (partial indexes name them).
#: Everything else gets edge values by type; a column added later needs no entry here.
CLOSED_SETS: dict[tuple[str, str], list[Any]] = {
    ("outbox", "kind"): ["follow-up"],
    ("outbox", "state"): ["queued", "sent", "unknown", "sending"],
    ("outbox", "phase"): ["data", None, "claimed", None],
}
ROWS_PER_ROUND = 4
EDGE_TEXT = ["plain", "ü é ñ — 中文 😀 'single' \"double\" \\ %s %(x)s; DROP TABLE x; --", "", "x" * 5000]
EDGE_INT = [0, -1, 2_147_483_647, 1]
EDGE_TIME = [datetime(1900, 1, 1), datetime(2999, 12, 31, 23, 59, 59), datetime(2026, 3, 2, 12, 0, 0, 123456),
             datetime(1970, 1, 1)]
EDGE_JSON: list[Any] = [[], {"k": ["ü", 1, None]}, [1, 2], {}]


def _edge(column: sa.Column[Any], pick: int, unique: int | None) -> Any:
    try:
        kind = column.type.python_type
    except NotImplementedError:
        kind = str
    length = getattr(column.type, "length", None)
    if kind is bool:
        return pick % 2 == 0
    if kind is int:
        return unique if unique is not None else EDGE_INT[pick % len(EDGE_INT)]
    if kind is datetime:
        base = EDGE_TIME[pick % len(EDGE_TIME)]
        return base.replace(second=unique % 60, minute=unique // 60 % 60) if unique is not None else base
    if kind in (dict, list):
        return EDGE_JSON[pick % len(EDGE_JSON)]
    text = EDGE_TEXT[pick % len(EDGE_TEXT)]
    if unique is not None:
        text = f"u{unique}-{text}"
    return text[:length] if length else text


def seed(engine: sa.Engine, round_number: int) -> None:
    """Add ROWS_PER_ROUND rows to every table, with edge values, through the schema as it is now.

    Rows of one round share their parent and every value not kept unique by a constraint or index, so
    whatever a later revision makes unique is duplicated here, as an older version allowed it."""
    meta = sa.MetaData()
    meta.reflect(engine)
    inspector = sa.inspect(engine)
    with engine.begin() as conn:
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            unique_cols = {c for uc in inspector.get_unique_constraints(table.name) for c in uc["column_names"]}
            unique_cols |= {str(c) for ix in inspector.get_indexes(table.name) if ix["unique"]
                            for c in ix["column_names"]}
            parents: dict[str, Any] = {}
            for fk in table.foreign_keys:
                parent = fk.column.table
                order = [c.desc() for c in parent.primary_key.columns]
                row = conn.execute(sa.select(parent).order_by(*order).limit(1)).mappings().first()
                assert row is not None, f"{table.name}: no {parent.name} row to point to"
                for constraint in table.foreign_key_constraints:
                    if constraint.referred_table is parent:
                        for local, remote in zip(constraint.column_keys, constraint.elements, strict=True):
                            parents[local] = row[remote.column.name]
            counted = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            # A row unique per parent (one check-in per contact): one row a round, since rows share their parent.
            unique_sets = [set(uc["column_names"]) for uc in inspector.get_unique_constraints(table.name)]
            unique_sets += [set(map(str, ix["column_names"])) for ix in inspector.get_indexes(table.name)
                            if ix["unique"] and ix.get("dialect_options", {}).get("sqlite_where") is None
                            and ix.get("dialect_options", {}).get("postgresql_where") is None]
            per_parent = any(cols and cols <= set(parents) for cols in unique_sets)
            rows = []
            for i in range(1 if per_parent else ROWS_PER_ROUND):
                sequence = 1000 + counted + i
                values: dict[str, Any] = {}
                for column in table.columns:
                    auto = column.primary_key and len(table.primary_key.columns) == 1 and \
                        column.type.python_type is int
                    if auto:
                        continue
                    if column.name in parents:
                        values[column.name] = parents[column.name]
                    elif (table.name, column.name) in CLOSED_SETS:
                        choices = CLOSED_SETS[(table.name, column.name)]
                        values[column.name] = choices[i % len(choices)]
                    elif column.nullable and i == ROWS_PER_ROUND - 1:
                        values[column.name] = None
                    else:
                        values[column.name] = _edge(column, round_number + i * (column.name in unique_cols),
                                                    sequence if column.name in unique_cols else None)
                rows.append(values)
            conn.execute(table.insert(), rows)


def project(tables: dict[str, list[dict[str, Any]]], keep: dict[str, set[str]]) -> dict[str, list[dict[str, Any]]]:
    """The rows of the tables in `keep`, with only the columns named there, in a stable order."""
    return {name: sorted(({k: v for k, v in row.items() if k in keep[name]} for row in rows), key=repr)
            for name, rows in tables.items() if name in keep}


def columns(engine: sa.Engine) -> dict[str, set[str]]:
    inspector = sa.inspect(engine)
    return {name: {c["name"] for c in inspector.get_columns(name)} for name in inspector.get_table_names()
            if name != "alembic_version"}
