"""The CLI contract: commands, arguments, exit codes, --json shapes (docs/cli.md describes them)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

import pytest
from syrupy.assertion import SnapshotAssertion

from afterword.cli.main import COMMANDS
from tests.conftest import EXAMPLES, Result

SPEC_COMMANDS = ["draft", "check", "plan", "import", "export", "list", "show", "due", "serve"]


def test_every_spec_command_is_registered() -> None:
    assert set(SPEC_COMMANDS) <= set(COMMANDS)


def test_top_level_help_lists_commands(run_cli: Callable[..., Result]) -> None:
    result = run_cli("--help")
    assert result.code == 0
    for name in SPEC_COMMANDS:
        assert f"  {name} " in result.out


@pytest.mark.parametrize("name", ["plan"])
def test_command_help(name: str, run_cli: Callable[..., Result]) -> None:
    result = run_cli(name, "--help")
    assert result.code == 0 and "--now" in result.out and "--json" in result.out


@pytest.mark.parametrize("notes", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
@pytest.mark.parametrize("now", ["2026-11-26T12:00:00+01:00", "2026-11-28T12:00:00+01:00",
                                 "2026-12-01T09:00:00+01:00"])
def test_plan_json_snapshot(notes: object, now: str, run_cli: Callable[..., Result],
                            snapshot: SnapshotAssertion) -> None:
    result = run_cli("plan", str(notes), "--now", now, "--json")
    data = json.loads(result.out)
    assert set(data) >= {"deadline", "rows", "findings"}
    for row in data["rows"]:
        assert set(row) >= {"contact", "channel", "deadline", "remaining_seconds"}
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert result.code == (1 if errors else 0)
    assert data == snapshot


def test_plan_human_output_is_a_table_with_countdown(run_cli: Callable[..., Result]) -> None:
    result = run_cli("plan", str(EXAMPLES / "northwind-panel.toml"), "--now", "2026-11-28T08:25:00+00:00")
    assert result.code == 0
    assert "3 h 20 min left" in result.out
    assert "Grace Whitfield" in result.out and "Mei Tanaka" in result.out
    assert "due-soon" in result.out


def test_plan_human_output_in_dutch(run_cli: Callable[..., Result]) -> None:
    result = run_cli("plan", str(EXAMPLES / "rijnland-gesprek.toml"), "--now", "2026-11-27T11:55:00+01:00")
    assert "nog 3 u 20 min" in result.out
    assert "vrijdag 27 november 2026" in result.out
    assert "Kanaal" in result.out
    assert "Fatima Bakkali" in result.out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["plan"], "Missing argument 'NOTES'"),
        (["plan", str(EXAMPLES / "northwind-panel.toml"), "--now", "tomorrow"], "--now: `tomorrow` is not an ISO 8601"),
        (["plan", str(EXAMPLES / "northwind-panel.toml"), "--now", "2026-11-28T09:00:00"], "has no UTC offset"),
        (["plan", str(EXAMPLES / "northwind-panel.toml"), "--bogus"], "No such option"),
        (["nonsense"], "No such command 'nonsense'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], fragment: str, run_cli: Callable[..., Result]) -> None:
    result = run_cli(*args)
    assert result.code == 2
    assert fragment in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err


def test_console_script_runs_as_a_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "afterword.cli.main", "plan", str(EXAMPLES / "northwind-panel.toml"), "--json",
         "--now", "2026-11-27T20:00:00+01:00"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["deadline"] == "2026-11-28T11:45:00+00:00"


def test_version(run_cli: Callable[..., Result]) -> None:
    result = run_cli("--version")
    assert result.code == 0 and "afterword" in result.out
