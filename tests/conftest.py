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
SHARED_EXAMPLES = ROOT.parent / "shared" / "examples"
DATA = Path(__file__).resolve().parent / "data"


def example_files() -> list[Path]:
    """The project's own examples plus ../shared/examples when present."""
    own = sorted(EXAMPLES.glob("*.toml"))
    shared = sorted(SHARED_EXAMPLES.glob("*.toml")) if SHARED_EXAMPLES.is_dir() else []
    return own + shared


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
