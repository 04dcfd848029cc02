"""The generated reference in docs/ matches the code."""

from __future__ import annotations

from tests.conftest import ROOT


def test_cli_reference_is_current() -> None:
    from afterword.cli.docs import render

    on_disk = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert on_disk == render(), "docs/cli.md is stale: run `make docs`"


def test_cli_reference_covers_every_command() -> None:
    from afterword.cli.docs import render
    from afterword.cli.main import COMMANDS

    text = render()
    for name in COMMANDS:
        assert f"## `afterword {name}`" in text
