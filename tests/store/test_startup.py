"""The CLI stays fast: loading the database commands or the store's plain values pulls in no SQLAlchemy."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["afterword.cli.db_cmds", "afterword.store", "afterword.store.errors"])
def test_importing_does_not_load_sqlalchemy(module: str) -> None:
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
