"""Shared fixtures: paths to example notes and a CLI runner that goes through `main`."""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
#: Copies of the shared specification's examples (tests never read outside the repository).
SHARED_EXAMPLES = DATA / "shared" / "examples"


def example_files() -> list[Path]:
    """The project's own examples plus the shared specification's (copied into tests/data/shared)."""
    return sorted(EXAMPLES.glob("*.toml")) + sorted(SHARED_EXAMPLES.glob("*.toml"))


@pytest.fixture(autouse=True)
def _own_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets an empty Afterword home: no test reads or writes the user's real database or settings."""
    monkeypatch.setenv("AFTERWORD_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("AFTERWORD_DB", raising=False)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Run the CLI in-process through `afterword.cli.main.run` (the real exit-code path)."""
    from afterword.cli.main import run

    def invoke(*args: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = run(list(args))
        return Result(code, out.getvalue(), err.getvalue())

    return invoke
