"""`afterword check`, `rules` and `explain` through the real CLI: JSON shapes, exit codes, bad input."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.check.cases import DRAFTS
from tests.conftest import Result

ACME = str(DRAFTS / "notes" / "acme-panel.toml")
GEMEENTE = str(DRAFTS / "notes" / "gemeente-een-op-een.toml")
IN_TIME = "2026-11-27T21:00:00+01:00"
LATE = "2026-11-29T09:00:00+01:00"
Run = Callable[..., Result]


def draft(name: str) -> str:
    return str(DRAFTS / name)


def test_clean_draft_json_has_no_findings_and_exits_0(run_cli: Run) -> None:
    result = run_cli("check", ACME, draft("en/maria-clean.txt"), "--to", "maria", "--sent-at", IN_TIME, "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {"findings": []}


def test_error_finding_exits_1_with_codes_and_offsets(run_cli: Run) -> None:
    result = run_cli("check", ACME, draft("en/maria-wrong-name.txt"), "--to", "maria", "--sent-at", LATE, "--json")
    assert result.code == 1
    findings = json.loads(result.out)["findings"]
    codes = [f["code"] for f in findings]
    assert codes[:2] == ["late", "wrong-name"]
    wrong = findings[1]
    assert wrong["severity"] == "error" and "Maria" in wrong["message"]
    body = Path(draft("en/maria-wrong-name.txt")).read_text("utf-8").split("\n\n", 1)[1]
    assert body[wrong["start"]:wrong["end"]] == "Tom"


def test_warnings_only_exit_0(run_cli: Run) -> None:
    result = run_cli("check", ACME, draft("en/tom-numbers.txt"), "--to", "tom", "--sent-at", IN_TIME, "--json")
    assert result.code == 0
    assert "ungrounded-number" in [f["code"] for f in json.loads(result.out)["findings"]]


def test_subject_finding_points_into_the_subject(run_cli: Run) -> None:
    result = run_cli("check", ACME, draft("en/maria-generic.txt"), "--to", "maria", "--sent-at", IN_TIME, "--json")
    generic = next(f for f in json.loads(result.out)["findings"] if f["code"] == "subject-generic")
    assert generic["field"] == "subject"
    assert (generic["start"], generic["end"]) == (0, len("Thank you for today's interview"))


def test_other_company_option(run_cli: Run) -> None:
    args = ("check", ACME, draft("en/maria-wrong-company.txt"), "--to", "maria", "--sent-at", IN_TIME, "--json")
    assert run_cli(*args).code == 0
    result = run_cli(*args, "--other-company", "Globex Freight")
    assert result.code == 1
    assert "wrong-company" in [f["code"] for f in json.loads(result.out)["findings"]]


def test_channel_and_linkedin_limit(run_cli: Run) -> None:
    notes = str(DRAFTS / "notes" / "northwind-panel.toml")
    path = draft("en/robert-linkedin-premium.txt")
    free = run_cli("check", notes, path, "--to", "robert", "--channel", "linkedin", "--sent-at", IN_TIME, "--json")
    assert free.code == 1 and "over-limit" in free.out
    premium = run_cli("check", notes, path, "--to", "robert", "--channel", "linkedin", "--linkedin-limit", "300",
                      "--sent-at", IN_TIME, "--json")
    assert premium.code == 0 and "over-limit" not in premium.out


def test_human_output_highlights_and_suggests(run_cli: Run) -> None:
    result = run_cli("check", ACME, draft("en/maria-generic.txt"), "--to", "maria", "--sent-at", IN_TIME)
    assert result.code == 0
    assert "subject-generic" in result.out and "Real-time shipment visibility" in result.out
    assert "subject: »Thank you for today's interview«" in result.out
    assert "Traceback" not in result.out + result.err


def test_human_output_clean_in_dutch(run_cli: Run) -> None:
    result = run_cli("check", GEMEENTE, draft("nl/henk-clean.txt"), "--to", "henk", "--sent-at",
                     "2026-11-26T20:00:00+01:00")
    assert result.code == 0
    assert "Geen bevindingen" in result.out


def test_drafts_json_round_trip_with_duplicate(run_cli: Run, tmp_path: Path) -> None:
    def body(name: str) -> tuple[str, str]:
        subject, _, rest = Path(draft(name)).read_text("utf-8").partition("\n\n")
        return subject.removeprefix("Subject: "), rest

    drafts = []
    for contact, name in (("maria", "en/dup-maria.txt"), ("tom", "en/dup-tom.txt")):
        subject, text = body(name)
        drafts.append({"contact": contact, "channel": "email", "language": "en", "subject": subject, "body": text,
                       "findings": []})
    drafts.append({"contact": "els", "channel": "linkedin", "body": Path(draft("nl/els-linkedin-clean.txt"))
                   .read_text("utf-8")})
    path = tmp_path / "drafts.json"
    path.write_text(json.dumps({"interview": {}, "drafts": drafts}), "utf-8")
    result = run_cli("check", ACME, "--drafts", str(path), "--sent-at", IN_TIME, "--json")
    assert result.code == 0, result.err
    out = json.loads(result.out)
    assert [(d["contact"], d["channel"]) for d in out["drafts"]] == [("maria", "email"), ("tom", "email"),
                                                                     ("els", "linkedin")]
    assert "duplicate" in [f["code"] for f in out["drafts"][0]["findings"]]
    assert "duplicate" in [f["code"] for f in out["drafts"][1]["findings"]]
    assert out["drafts"][2]["findings"] == []


@pytest.mark.parametrize(("content", "where"), [
    ("[1, 2]", "drafts"),
    ('{"drafts": {}}', "drafts"),
    ('{"drafts": [7]}', "drafts[0]"),
    ('{"drafts": [{"contact": "maria", "channel": "email", "body": "x"}, {"contact": "tom", "channel": "fax", '
     '"body": "x"}]}', "drafts[1].channel"),
    ('{"drafts": [{"contact": "maria", "body": "a"}, {"contact": "tom", "body": "b"}, {"contact": "tom", '
     '"body": 3}]}', "drafts[2].body"),
    ('{"drafts": [{"contact": "nobody", "body": "a"}]}', "drafts[0].contact"),
    ('{"drafts": [{"contact": "maria", "body": "a", "subject": 5}]}', "drafts[0].subject"),
    ('{"drafts": [', "not valid JSON"),
])
def test_drafts_json_of_wrong_shape_names_the_path(run_cli: Run, tmp_path: Path, content: str, where: str) -> None:
    path = tmp_path / "drafts.json"
    path.write_text(content, "utf-8")
    result = run_cli("check", ACME, "--drafts", str(path), "--json")
    assert result.code == 2
    assert where in result.err and str(path) in result.err
    assert "Traceback" not in result.err and result.out == ""


def test_unknown_contact_names_the_known_ids(run_cli: Run) -> None:
    result = run_cli("check", ACME, draft("en/maria-clean.txt"), "--to", "pieter")
    assert result.code == 2
    assert "pieter" in result.err and "maria, tom, els" in result.err


@pytest.mark.parametrize(("data", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"Subject: Hi\n\nCaf\xe9 au lait", "UTF-8"),
    ("Subject: Hi\n\nHallo".encode("utf-16"), "UTF-16"),
])
def test_unreadable_drafts_exit_2(run_cli: Run, tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(data)
    result = run_cli("check", ACME, str(path), "--to", "maria")
    assert result.code == 2 and message in result.err and str(path) in result.err
    assert "Traceback" not in result.err


def test_missing_file_directory_and_usage_errors(run_cli: Run, tmp_path: Path) -> None:
    assert "no such file" in run_cli("check", ACME, str(tmp_path / "nope.txt"), "--to", "maria").err
    assert "directory" in run_cli("check", ACME, str(tmp_path), "--to", "maria").err
    assert "--to" in run_cli("check", ACME, draft("en/maria-clean.txt")).err
    assert run_cli("check", ACME).code == 2
    both = run_cli("check", ACME, draft("en/maria-clean.txt"), "--to", "maria", "--drafts", "x.json")
    assert both.code == 2 and "not both" in both.err
    bad_time = run_cli("check", ACME, draft("en/maria-clean.txt"), "--to", "maria", "--sent-at", "tomorrow")
    assert bad_time.code == 2 and "--sent-at" in bad_time.err


def test_bom_crlf_and_mixed_line_endings(run_cli: Run, tmp_path: Path) -> None:
    text = Path(draft("en/maria-clean.txt")).read_text("utf-8")
    mixed = "\ufeff" + text.replace("\n", "\r\n", 8)
    path = tmp_path / "draft.txt"
    path.write_bytes(mixed.encode("utf-8"))
    result = run_cli("check", ACME, str(path), "--to", "maria", "--sent-at", IN_TIME, "--json")
    assert result.code == 0 and json.loads(result.out) == {"findings": []}


@pytest.mark.parametrize(("text", "codes"), [
    ("", {"subject-missing", "too-short"}),
    ("Subject: The Rotterdam hub outage\n", {"too-short"}),
    ("Subject: The Rotterdam hub outage\n\n\n", {"too-short"}),
])
def test_empty_and_subject_only_drafts_give_findings(run_cli: Run, tmp_path: Path, text: str,
                                                     codes: set[str]) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(text, "utf-8")
    result = run_cli("check", ACME, str(path), "--to", "maria", "--sent-at", IN_TIME, "--json")
    found = {f["code"] for f in json.loads(result.out)["findings"]}
    assert codes <= found
    assert result.code == (1 if "subject-missing" in codes else 0)


def test_five_megabyte_draft_gives_sensible_findings(run_cli: Run, tmp_path: Path) -> None:
    paragraph = Path(draft("en/maria-clean.txt")).read_text("utf-8").split("\n\n", 1)[1]
    path = tmp_path / "huge.txt"
    path.write_text("Subject: Real-time shipment visibility\n\n" + paragraph * (5_000_000 // len(paragraph)), "utf-8")
    result = run_cli("check", ACME, str(path), "--to", "maria", "--sent-at", IN_TIME, "--json")
    assert result.code == 0, result.err
    assert "too-long" in {f["code"] for f in json.loads(result.out)["findings"]}


def test_rules_lists_every_code_in_both_languages(run_cli: Run) -> None:
    from afterword.check import RULES

    en = run_cli("rules", "--json")
    assert en.code == 0
    listed = json.loads(en.out)["rules"]
    assert [r["code"] for r in listed] == [r.code for r in RULES]
    assert listed[0] == {"code": "late", "severity": "error", "channels": ["email", "linkedin", "x"],
                         "summary": RULES[0].doc.summary}
    nl = run_cli("rules", "--lang", "nl")
    assert nl.code == 0 and "formality-mix" in nl.out and "Nederlands" in nl.out


def test_explain_prints_why_example_fix(run_cli: Run) -> None:
    result = run_cli("explain", "subject-generic")
    assert result.code == 0
    for heading in ("Why it matters", "Example", "Fix"):
        assert heading in result.out
    dutch = run_cli("explain", "subject-generic", "--lang", "nl")
    assert dutch.code == 0 and "Waarom het ertoe doet" in dutch.out and "Oplossing" in dutch.out
    unknown = run_cli("explain", "nope")
    assert unknown.code == 2 and "subject-generic" in unknown.err


def test_checking_loads_no_lemma_data_or_rich_unless_needed() -> None:
    """The start path stays light: `check --json` imports neither rich nor, for drafts whose words
    already match (or cannot match) the notes, simplemma's dictionaries."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from afterword.cli.main import run\n"
        f"for name in ('en/maria-clean.txt', 'en/maria-generic.txt'):\n"
        f"    run(['check', {ACME!r}, {str(DRAFTS)!r} + '/' + name, '--to', 'maria', '--json',"
        f" '--sent-at', {IN_TIME!r}])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'simplemma')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_draft_from_standard_input() -> None:
    import subprocess
    import sys

    text = Path(draft("en/maria-wrong-name.txt")).read_bytes()
    result = subprocess.run([sys.executable, "-m", "afterword.cli.main", "check", ACME, "-", "--to", "maria", "--json",
                             "--sent-at", IN_TIME], input=text, capture_output=True, check=False)
    assert result.returncode == 1
    assert "wrong-name" in [f["code"] for f in json.loads(result.stdout)["findings"]]


def test_check_names_companies_of_interviews_in_the_database(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    """checks.md: `wrong-company` knows "other interviews in the database"; `check` reads them when there is one."""
    import os

    from afterword.core.notes import dump_notes, load_notes

    home = Path(os.environ["AFTERWORD_HOME"])
    notes = DRAFTS / "notes" / "acme-panel.toml"
    draft = tmp_path / "maria.txt"
    draft.write_text("Subject: Real-time shipment visibility\n\nHi Maria,\n\nYour Rotterdam outage story stayed with me. "
                     "At Globex Freight I would also move the nightly batch to streaming.\n\nBest,\nSam\n", "utf-8")
    args = ("check", str(notes), str(draft), "--to", "maria", "--sent-at", "2026-11-27T19:00:00+01:00", "--json")
    before = run_cli(*args)
    assert "wrong-company" not in before.out
    assert not (home / "afterword.db").exists()  # check never creates a database
    other = load_notes(notes)
    other_notes = tmp_path / "globex.toml"
    other_notes.write_text(dump_notes(dataclasses.replace(other, company="Globex Freight")), "utf-8")
    assert run_cli("import", str(other_notes)).code == 0
    after = run_cli(*args)
    assert after.code == 1 and "wrong-company" in after.out and "Globex Freight" in after.out
