"""Shared helpers for the composer tests: example notes, extra notes files, Dutch register words."""

from __future__ import annotations

import re
from pathlib import Path

from afterword.core.model import Interview
from afterword.core.notes import load_notes
from tests.conftest import example_files

DATA = Path(__file__).resolve().parent / "data"

FORMAL_NL = {"u", "uw"}
INFORMAL_NL = {"je", "jij", "jouw", "jou"}


def examples() -> list[Path]:
    return example_files()


def extra_notes() -> list[Path]:
    return sorted(DATA.glob("*.toml"))


def load(path: Path) -> Interview:
    return load_notes(path)


def words_of(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[\w'’-]+", text)]
