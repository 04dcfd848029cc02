"""Store fixtures: every test that takes `db_url` runs on a SQLite file and on PostgreSQL.

PostgreSQL comes from AFTERWORD_TEST_PG_URL (`make test` starts one for the run); each test gets its
own schema. Without the variable the PostgreSQL cases skip locally and fail in CI (CI=true).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from afterword.service.interviews import InterviewService, open_service

PG_ENV = "AFTERWORD_TEST_PG_URL"


def _pg_url_or_skip() -> str:
    url = os.environ.get(PG_ENV, "").strip()
    if url:
        return url
    message = f"{PG_ENV} is not set; run `make test`, or start PostgreSQL with `export {PG_ENV}=$(.ci/postgres.sh)`"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    import sqlalchemy as sa

    base = _pg_url_or_skip()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine_url = base.replace("postgresql://", "postgresql+psycopg://", 1)
    admin = sa.create_engine(engine_url)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'afterword.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """The same test on a SQLite file and on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url = request.getfixturevalue(name)
    assert isinstance(url, str)
    return url


@pytest.fixture
def service(db_url: str) -> Iterator[InterviewService]:
    svc = open_service(db_url)
    try:
        yield svc
    finally:
        svc.close()
