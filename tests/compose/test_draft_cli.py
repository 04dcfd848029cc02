"""`afterword draft` as a user runs it: JSON shape, human output, exit codes, and `check` agreeing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.compose.helpers import DATA, examples
from tests.conftest import Result

NOW = "2026-11-27T20:00:00+01:00"
RunCli = Callable[..., Result]


def _ids(paths: list[Path]) -> list[str]:
    return [f"{p.parent.parent.name}/{p.name}" for p in paths]


@pytest.mark.parametrize("path", examples(), ids=_ids(examples()))
def test_json_shape_and_exit_0(run_cli: RunCli, path: Path) -> None:
    result = run_cli("draft", str(path), "--now", NOW, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert set(data) == {"interview", "drafts", "rough_notes"}
    assert isinstance(data["rough_notes"], list)
    assert {"company", "role", "end", "deadline", "remaining_seconds"} <= set(data["interview"])
    for d in data["drafts"]:
        assert {"contact", "channel", "language", "body", "findings"} <= set(d)
        assert ("subject" in d) == (d["channel"] == "email")
        for f in d["findings"]:
            assert {"code", "severity", "message"} <= set(f)


def test_filters_and_premium_limit(run_cli: RunCli) -> None:
    path = str(examples()[0])
    data = json.loads(run_cli("draft", path, "--now", NOW, "--json").out)
    first = data["drafts"][0]["contact"]
    result = run_cli("draft", path, "--now", NOW, "--json", "--contact", first, "--channel", "linkedin",
                     "--linkedin-limit", "300")
    drafts = json.loads(result.out)["drafts"]
    assert all(d["contact"] == first and d["channel"] == "linkedin" for d in drafts)


def test_unknown_contact_is_exit_2_naming_known_ids(run_cli: RunCli) -> None:
    result = run_cli("draft", str(DATA / "sparse.toml"), "--contact", "nobody")
    assert result.code == 2
    assert "nobody" in result.err and "maria" in result.err and "Traceback" not in result.err


def test_bad_now_is_exit_2(run_cli: RunCli) -> None:
    assert run_cli("draft", str(DATA / "sparse.toml"), "--now", "tomorrow").code == 2


def test_error_finding_is_exit_1(run_cli: RunCli) -> None:
    # The notes themselves contain template syntax, which the checker rightly calls a placeholder.
    result = run_cli("draft", str(DATA / "hostile.toml"), "--now", NOW)
    assert result.code == 1
    assert "{{ zes }}" in result.out


def test_human_output_dutch_deadline_on_top(run_cli: RunCli) -> None:
    path = next(p for p in examples() if "language = \"nl\"" in p.read_text("utf-8"))
    result = run_cli("draft", str(path), "--now", "2026-11-26T20:00:00+01:00")
    assert result.code == 0, result.err
    head = result.out.splitlines()[:3]
    assert any(line.startswith("Deadline voor opvolging:") and "nog " in line for line in head)
    assert "Onderwerp: " in result.out


def test_human_output_english_and_overdue(run_cli: RunCli) -> None:
    path = next(p for p in examples() if "language = \"en\"" in p.read_text("utf-8"))
    result = run_cli("draft", str(path), "--now", "2026-12-05T09:00:00+01:00")
    assert result.code == 0  # `late` is not a per-draft finding when drafting
    assert "overdue" in result.out.splitlines()[1]
    assert "Subject: " in result.out


def test_templates_option_and_env(run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "common.toml").write_text('[greeting]\ninformal = ["Hey {{ name }},"]\n', "utf-8")
    args = ("draft", str(DATA / "scripts.toml"), "--contact", "lukasz", "--channel", "email", "--json")
    body = json.loads(run_cli(*args, "--templates", str(tmp_path)).out)["drafts"][0]["body"]
    assert body.startswith("Hey Łukasz,")
    monkeypatch.setenv("AFTERWORD_TEMPLATES", str(tmp_path))
    body = json.loads(run_cli(*args).out)["drafts"][0]["body"]
    assert body.startswith("Hey Łukasz,")


@pytest.mark.parametrize("path", examples(), ids=_ids(examples()))
def test_check_agrees_with_the_printed_draft(run_cli: RunCli, path: Path, tmp_path: Path) -> None:
    data = json.loads(run_cli("draft", str(path), "--now", NOW, "--json").out)
    sent_at = data["interview"]["end"]  # sent in time: `late` is not what is being compared
    for index, d in enumerate(data["drafts"]):
        file = tmp_path / f"{index}.txt"
        text = f"Subject: {d['subject']}\n\n{d['body']}\n" if d["channel"] == "email" else d["body"] + "\n"
        file.write_text(text, "utf-8")
        result = run_cli("check", str(path), str(file), "--to", d["contact"], "--channel", d["channel"],
                         "--sent-at", sent_at, "--json")
        assert result.code == 0, result.err
        single = {f["code"] for f in json.loads(result.out)["findings"]}
        drafted = {f["code"] for f in d["findings"]} - {"duplicate"}
        assert single == drafted, (d["contact"], d["channel"])
    # And all together, the way `check --drafts` reads the JSON that `draft --json` prints.
    file = tmp_path / "all.json"
    file.write_text(json.dumps(data), "utf-8")
    result = run_cli("check", str(path), "--drafts", str(file), "--sent-at", sent_at, "--json")
    assert result.code == 0, result.err
    together = [{f["code"] for f in d["findings"]} for d in json.loads(result.out)["drafts"]]
    assert together == [{f["code"] for f in d["findings"]} for d in data["drafts"]]


def test_broken_user_template_is_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "email.j2").write_text("{{ greeting }} {{ no_such_value }}\n", "utf-8")
    result = run_cli("draft", str(DATA / "scripts.toml"), "--templates", str(tmp_path))
    assert result.code == 2
    assert "en/email.j2" in result.err and "no_such_value" in result.err and "Traceback" not in result.err
