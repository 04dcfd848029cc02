"""`import`, `export`, `list`, `show`, `due` through the real CLI, including bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from tests.conftest import EXAMPLES, Result, example_files

NOW = "2026-11-27T20:00:00+01:00"
Run = Callable[..., Result]


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def _northwind() -> Path:
    return next(p for p in example_files() if "northwind" in p.name)


def test_import_prints_the_id_and_refuses_a_silent_duplicate(db: str, run_cli: Run) -> None:
    first = run_cli("import", str(_northwind()), "--db", db)
    assert first.code == 0 and first.out.strip() == "1"
    again = run_cli("import", str(_northwind()), "--db", db)
    assert again.code == 2
    assert "already stored as id 1" in again.err and "--replace" in again.err
    assert len(again.err.strip().splitlines()) == 1
    replaced = run_cli("import", str(_northwind()), "--db", db, "--replace", "--json")
    assert replaced.code == 0
    assert json.loads(replaced.out) == {"id": 1, "replaced": True, "drafted": 0}
    listed = json.loads(run_cli("list", "--json", "--db", db, "--now", NOW).out)
    assert [i["id"] for i in listed["interviews"]] == [1]


def test_group_level_db_option_and_env(db: str, run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_cli("--db", db, "import", str(_northwind())).code == 0
    monkeypatch.setenv("AFTERWORD_DB", db)
    assert json.loads(run_cli("list", "--json").out)["interviews"][0]["id"] == 1


def test_invalid_notes_store_nothing(db: str, run_cli: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(_northwind().read_text(encoding="utf-8").replace("name =", "nmae =", 1), encoding="utf-8")
    result = run_cli("import", str(bad), "--db", db)
    assert result.code == 2
    assert str(bad) in result.err and "nmae" in result.err
    assert "Traceback" not in result.err
    assert json.loads(run_cli("list", "--json", "--db", db).out)["interviews"] == []
    missing = run_cli("import", str(tmp_path / "nope.toml"), "--db", db)
    assert missing.code == 2 and "no such file" in missing.err


@pytest.mark.parametrize("command", ["show", "export"])
def test_unknown_id_exits_2_naming_it(db: str, run_cli: Run, command: str) -> None:
    result = run_cli(command, "77", "--db", db)
    assert result.code == 2
    assert "77" in result.err and "no interview" in result.err
    garbage = run_cli(command, "x; drop", "--db", db)
    assert garbage.code == 2 and "not an interview id" in garbage.err


def test_export_to_file_and_stdout(db: str, run_cli: Run, tmp_path: Path) -> None:
    run_cli("import", str(_northwind()), "--db", db)
    out = tmp_path / "out.toml"
    assert run_cli("export", "1", "--out", str(out), "--db", db).code == 0
    printed = run_cli("export", "1", "--db", db).out
    assert out.read_text(encoding="utf-8") == printed
    assert printed.startswith("format = 1")
    as_json = json.loads(run_cli("export", "1", "--json", "--db", db).out)
    assert as_json == {"id": 1, "notes": printed}


def test_list_show_due_json(db: str, run_cli: Run) -> None:
    for path in example_files():
        assert run_cli("import", str(path), "--db", db).code == 0
    listed = json.loads(run_cli("list", "--json", "--db", db, "--now", NOW).out)["interviews"]
    assert len(listed) == len(example_files())
    remaining = [i["remaining_seconds"] for i in listed]
    assert remaining == sorted(remaining, reverse=True)  # newest first
    first = listed[0]
    assert set(first) >= {"id", "company", "role", "deadline", "remaining_seconds", "coverage", "owed"}
    assert first["coverage"].endswith(" sent") and first["coverage"].startswith("0/")

    shown = json.loads(run_cli("show", str(first["id"]), "--json", "--db", db, "--now", NOW).out)
    assert shown["interview"]["company"] == first["company"]
    # `import` stores a composed draft for every contact and channel with an address.
    assert shown["touchpoints"] != []
    assert {tp["status"] for tp in shown["touchpoints"]} == {"drafted"}
    assert all(row["status"] == "drafted" for row in shown["rows"] if row["channel"])

    due = json.loads(run_cli("due", "--json", "--db", db, "--now", NOW).out)["rows"]
    assert due, "every example owes someone a message"
    left = [r["remaining_seconds"] for r in due]
    assert left == sorted(left)
    assert {"interview", "contact", "channel", "address", "deadline", "remaining_seconds"} <= set(due[0])
    limited = json.loads(run_cli("due", "--json", "--limit", "2", "--db", db, "--now", NOW).out)["rows"]
    assert limited == due[:2]


def test_human_output_mentions_countdowns(db: str, run_cli: Run) -> None:
    assert "No interviews stored yet" in run_cli("list", "--db", db).out
    for path in example_files():
        run_cli("import", str(path), "--db", db)
    listed = run_cli("list", "--db", db, "--now", NOW)
    assert listed.code == 0 and "0/" in listed.out
    due = run_cli("due", "--db", db, "--now", NOW)
    assert due.code == 0 and ("left" in due.out or "nog" in due.out or "overdue" in due.out)
    dutch = next(i for i, p in enumerate(example_files(), 1) if "rijnland" in p.name)
    shown = run_cli("show", str(dutch), "--db", db, "--now", NOW)
    assert shown.code == 0 and "Kanaal" in shown.out


def test_bad_now_is_one_line(db: str, run_cli: Run) -> None:
    result = run_cli("due", "--now", "tomorrow", "--db", db)
    assert result.code == 2 and "--now" in result.err


def test_json_shapes_snapshot(db: str, run_cli: Run, snapshot: SnapshotAssertion) -> None:
    from datetime import datetime

    from afterword.service.interviews import open_service

    for path in sorted(EXAMPLES.glob("*.toml")):
        assert run_cli("import", str(path), "--db", db, "--now", "2026-11-27T17:00:00+00:00").code == 0
    service = open_service(db)
    try:
        interview, _ = service.get_interview(1)
        contact = next(c for c in interview.contacts if c.email)
        at = datetime.fromisoformat("2026-11-27T17:30:00+00:00")
        stored = service.touchpoint(1, contact.id, "email").version
        version = service.save_draft(1, contact.id, "email", "Thank you", "Dear …", stored, at=at)
        service.set_status(1, contact.id, "email", "sent", at, expected_version=version)
    finally:
        service.close()
    outputs = {
        name: json.loads(run_cli(*args, "--json", "--db", db, "--now", NOW).out)
        for name, args in {"list": ["list"], "due": ["due", "--limit", "5"],
                           "show": ["show", "1"]}.items()
    }
    assert outputs["show"]["touchpoints"][0]["history"][-1]["status"] == "sent"
    assert outputs == snapshot


def test_list_pages_by_default_and_json_streams_every_interview(db: str, run_cli: Run, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from afterword.cli import db_cmds

    for path in example_files():
        assert run_cli("import", str(path), "--db", db).code == 0
    stored = len(example_files())
    assert stored >= 3
    every = json.loads(run_cli("list", "--json", "--db", db, "--now", NOW).out)["interviews"]
    assert len(every) == stored
    monkeypatch.setattr(db_cmds, "PER_PAGE", 2)
    monkeypatch.setenv("COLUMNS", "400")  # whole company names in the table
    first = run_cli("list", "--db", db, "--now", NOW)
    assert first.code == 0 and f"Interviews 1–2 of {stored}, newest first; `--page 2` for the next" in first.out
    assert sum(str(i["company"]) in first.out for i in every[:2]) == 2 and every[2]["company"] not in first.out
    second = run_cli("list", "--page", "2", "--db", db, "--now", NOW)
    assert every[2]["company"] in second.out and "Interviews 3–" in second.out
    assert every[-1]["company"] in run_cli("list", "--all", "--db", db, "--now", NOW).out
    beyond = run_cli("list", "--page", "99", "--db", db, "--now", NOW)
    assert beyond.code == 0 and f"No interviews on page 99; there are {stored}." in beyond.out
    # --json is every interview unless a page is asked for; the streamed text is what print_json writes
    streamed = run_cli("list", "--json", "--db", db, "--now", NOW).out
    assert streamed == json.dumps({"now": json.loads(streamed)["now"], "interviews": every}, ensure_ascii=False,
                                  indent=2) + "\n"
    paged = json.loads(run_cli("list", "--json", "--page", "2", "--per-page", "2", "--db", db, "--now", NOW).out)
    assert paged["interviews"] == every[2:4]
    both = run_cli("list", "--all", "--page", "2", "--db", db)
    assert both.code == 2 and "--all" in both.err


def test_streamed_json_of_no_interviews_is_what_print_json_writes(db: str, run_cli: Run) -> None:
    out = run_cli("list", "--json", "--db", db, "--now", NOW).out
    assert out == json.dumps({"now": json.loads(out)["now"], "interviews": []}, indent=2) + "\n"


def test_iter_interviews_reads_in_batches_in_list_order(db: str) -> None:
    from afterword.core.notes import load_notes
    from afterword.service.interviews import open_service

    service = open_service(db)
    try:
        for path in example_files():
            service.import_interview(load_notes(path))
        from datetime import datetime

        now = datetime.fromisoformat(NOW)
        assert [s.id for s in service.iter_interviews(now, batch=2)] == [s.id for s in service.list_interviews(now)]
        assert service.count_interviews() == len(example_files())
    finally:
        service.close()
