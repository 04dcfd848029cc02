"""Hostile input ends with exit 2 and one line, never exit 3 or a run that does not end: endless files,
recurrence rules that never advance, values nested hundreds deep, dates at the edge of what fits."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, Result

NOTES = EXAMPLES / "northwind-panel.toml"
HEAD = 'format = 1\n[candidate]\nname = "Sam"\n[interview]\ncompany = "Acme"\nrole = "Data Engineer"\n'
CONTACT = '[[contacts]]\nid = "maria"\nname = "Maria de Vries"\nemail = "maria@acme.example"\n'


def _cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """In a separate process, so that a run that never ends fails the test instead of hanging the suite."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "afterword.cli.main", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def _one_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("afterword: error:") and "internal error" not in lines[0], err
    return lines[0]


@pytest.mark.parametrize("args", [
    ("draft", "/dev/urandom"),
    ("plan", "/dev/zero"),
    ("check", str(NOTES), "/dev/urandom", "--to", "grace"),
    ("invite", "/dev/zero"),
    ("contacts", str(NOTES), "/dev/urandom"),
])
def test_an_endless_file_is_refused_by_the_bytes_read(args: tuple[str, ...]) -> None:
    done = _cli(*args)
    assert done.returncode == 2
    assert "bytes" in _one_error(done.stderr)


def _invitation(rule: str) -> str:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Afterword tests//EN\r\nBEGIN:VEVENT\r\n"
            "UID:spin@afterword.test\r\nDTSTAMP:20261001T090000Z\r\nDTSTART:20261016T100000Z\r\n"
            f"DTEND:20261016T110000Z\r\nRRULE:{rule}\r\nSUMMARY:Interview - Data Engineer - Acme\r\n"
            "ORGANIZER;CN=Lisa Bakker:mailto:lisa@acme.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.mark.parametrize(("rule", "said"), [
    ("FREQ=DAILY;INTERVAL=0", "INTERVAL from 1"),
    ("FREQ=WEEKLY;INTERVAL=-2", "INTERVAL from 1"),
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "never happens"),
    ("FREQ=HOURLY;BYMONTH=4,6;BYMONTHDAY=31", "never happens"),
])
def test_a_recurrence_that_never_advances_is_refused(tmp_path: Path, rule: str, said: str) -> None:
    ics = tmp_path / "spin.ics"
    ics.write_text(_invitation(rule))
    done = _cli("invite", str(ics), "--now", "2026-11-01T09:00:00+00:00", timeout=30)
    assert done.returncode == 2
    line = _one_error(done.stderr)
    assert said in line and "RRULE" in line


def test_a_rule_that_does_happen_still_works(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    ics = tmp_path / "ok.ics"
    ics.write_text(_invitation("FREQ=MONTHLY;BYMONTH=2,3;BYMONTHDAY=30"))  # only March has a 30th
    done = run_cli("invite", str(ics), "--now", "2026-11-01T09:00:00+00:00", "--occurrence", "2027-03-30",
                   "--candidate", "Sam Jansen")
    assert done.code == 0, done.err


def test_notes_nested_hundreds_deep(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    notes = tmp_path / "deep.toml"
    notes.write_text(HEAD + "start = 2026-11-27T14:00:00+01:00\n" + CONTACT
                     + "notes = " + "{a = " * 450 + "1" + "}" * 450 + "\n")
    for command in ("draft", "plan", "import"):
        done = run_cli(command, str(notes))
        assert done.code == 2
        assert "nested too deeply" in _one_error(done.err)


def test_drafts_json_and_settings_nested_hundreds_deep(tmp_path: Path, run_cli: Callable[..., Result],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    drafts = tmp_path / "drafts.json"
    drafts.write_text('{"drafts": ' + "[" * 100_000 + "]" * 100_000 + "}")
    done = run_cli("check", str(NOTES), "--drafts", str(drafts))
    assert done.code == 2 and "nested too deeply" in _one_error(done.err)
    monkeypatch.setenv("AFTERWORD_HOME", str(tmp_path))
    (tmp_path / "config.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    done = run_cli("outbox")
    assert done.code == 2 and "nested too deeply" in _one_error(done.err)


@pytest.mark.parametrize("start", [
    "9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+05:00", "9999-12-31T23:59:59", "1066-10-14T09:00:00+00:00",
])
def test_notes_dates_at_the_edge(tmp_path: Path, run_cli: Callable[..., Result], start: str) -> None:
    notes = tmp_path / "edge.toml"
    zone = 'timezone = "Pacific/Kiritimati"\n' if start.count(":") == 2 and "+" not in start[10:] \
        and "-" not in start[10:] else ""
    notes.write_text(HEAD + zone + f"start = {start}\n" + CONTACT)
    for command in ("draft", "plan"):
        done = run_cli(command, str(notes))
        assert done.code == 2, done.err
        assert "between the years 1900 and 2999" in _one_error(done.err)


@pytest.mark.parametrize("now", [
    "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59+00:00", "3000-01-01T00:00:00+00:00",
])
def test_now_at_the_edge(run_cli: Callable[..., Result], now: str) -> None:
    for command in ("draft", "plan"):
        done = run_cli(command, str(NOTES), "--now", now)
        assert done.code == 2, done.err
        assert "--now" in _one_error(done.err)
