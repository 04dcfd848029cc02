"""The newcomer's path: the demo command of the Makefile works, and the files the README names exist."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable

from tests.conftest import ROOT, Result


def test_make_demo_drafts_every_contact_of_the_bundled_example(run_cli: Callable[..., Result]) -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    line = next(x for x in makefile.splitlines() if "/afterword draft " in x)
    args = shlex.split(line.split("/afterword ", 1)[1])
    result = run_cli(*args)
    assert result.code == 0, result.err
    for name in ("Grace Whitfield", "Daniel Osei", "Hannah Kowalski", "Robert Lindqvist", "Mei Tanaka"):
        assert name in result.out
    assert "left" in result.out


def test_files_named_in_the_readme_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\b((?:examples|docs)/[\w.-]+\.(?:toml|md))", readme))
    assert named, "the README names example and doc files"
    missing = sorted(path for path in named if not (ROOT / path).exists())
    assert missing == []
