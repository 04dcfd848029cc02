"""The commands `remind --ics`, `invite` and `contacts` through the real CLI entry point."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from afterword.cli.interop_cmds import local_zone
from afterword.core.notes import load_notes
from tests.conftest import DATA, EXAMPLES, Result

RunCli = Callable[..., Result]
ICS = DATA / "ics"
VCF = DATA / "vcf"
NOTES = EXAMPLES / "rijnland-gesprek.toml"


def test_remind_ics_to_file_and_stdout(run_cli: RunCli, tmp_path: Path) -> None:
    import icalendar
    import vobject

    out = tmp_path / "reminders.ics"
    examples = sorted(str(p) for p in EXAMPLES.glob("*.toml"))
    result = run_cli("remind", *examples, "--ics", "--out", str(out), "--now", "2026-11-20T09:00:00+01:00")
    assert result.code == 0, result.err
    data = out.read_bytes()
    assert len(icalendar.Calendar.from_ical(data).walk("VEVENT")) == len(examples)
    assert len(vobject.readOne(data.decode()).vevent_list) == len(examples)
    printed = run_cli("remind", examples[0], "--ics", "--now", "2026-11-20T09:00:00+01:00")
    assert printed.code == 0
    assert printed.out.startswith("BEGIN:VCALENDAR")


def test_remind_needs_a_kind_and_valid_notes(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("remind", str(NOTES))
    assert result.code == 2
    assert "--ics" in result.err
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\n[candidate]\n")
    result = run_cli("remind", str(bad), "--ics", "--out", str(tmp_path / "r.ics"))
    assert result.code == 2
    assert str(bad) in result.err
    assert not (tmp_path / "r.ics").exists()
    assert "Traceback" not in result.err


def test_invite_writes_notes_that_load(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "acme.toml"
    result = run_cli("invite", str(ICS / "google-meet-amsterdam.ics"), "--out", str(out),
                     "--now", "2026-11-20T09:00:00+01:00")
    assert result.code == 0, result.err
    assert "note: took sam.jansen@gmail.com" in result.err
    interview = load_notes(out)
    assert interview.company == "Acme Logistics"
    assert [c.id for c in interview.contacts] == ["lisa", "maria", "tom"]
    again = run_cli("invite", str(ICS / "google-meet-amsterdam.ics"), "--out", str(out))
    assert again.code == 2
    assert "--force" in again.err
    forced = run_cli("invite", str(ICS / "google-meet-amsterdam.ics"), "--out", str(out), "--force",
                     "--role", "Data Lead")
    assert forced.code == 0
    assert load_notes(out).role == "Data Lead"


def test_invite_json_and_options(run_cli: RunCli) -> None:
    result = run_cli("invite", str(ICS / "recurring-weekly.ics"), "--occurrence", "2026-10-23", "--json",
                     "--candidate", "Sam Jansen", "--candidate-email", "sam.jansen@gmail.com", "--language", "nl")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["start"] == "2026-10-23T10:00:00+02:00"
    assert data["deadline"] == "2026-10-24T11:00:00+02:00"
    assert data["language"] == "nl"
    assert data["uid"] == "weekly-assessment@afterword.test"
    assert data["notes"].startswith("format = 1")
    assert [c["id"] for c in data["contacts"]] == ["lisa"]


def test_invite_bad_input_exit_2_with_file_and_line(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "x.toml"
    result = run_cli("invite", str(ICS / "malformed-no-colon.ics"), "--out", str(out))
    assert result.code == 2
    assert f"{ICS / 'malformed-no-colon.ics'}:7:" in result.err
    assert not out.exists()
    for args in (["--occurrence", "27-11"], ["--timezone", "Mars/Olympus"]):
        result = run_cli("invite", str(ICS / "recurring-weekly.ics"), *args)
        assert result.code == 2
        assert args[0] in result.err
    result = run_cli("invite", str(tmp_path / "missing.ics"))
    assert result.code == 2
    assert "no such file" in result.err


def test_contacts_adds_cards_without_duplicates(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "notes.toml"
    result = run_cli("contacts", str(NOTES), str(VCF / "vcard4-two-cards.vcf"), str(VCF / "no-name-no-email.vcf"),
                     "--out", str(out))
    assert result.code == 0, result.err
    assert "warning:" in result.err and "skipped" in result.err
    before = load_notes(NOTES)
    after = load_notes(out)
    assert len(after.contacts) == len(before.contacts) + 3
    assert after.contact("zoe").name == "Zoë Łukasiewicz"
    twice = run_cli("contacts", str(out), str(VCF / "vcard4-two-cards.vcf"), "--out", str(out), "--json")
    assert twice.code == 0
    assert json.loads(twice.out)["added"] == []
    assert len(load_notes(out).contacts) == len(after.contacts)


def test_contacts_bad_card_writes_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "notes.toml"
    result = run_cli("contacts", str(NOTES), str(VCF / "business-card-scan.vcf"), str(VCF / "malformed-line.vcf"),
                     "--out", str(out))
    assert result.code == 2
    assert f"{VCF / 'malformed-line.vcf'}:5:" in result.err
    assert not out.exists()


def test_stored_interviews_invite_import_contacts_and_remind(run_cli: RunCli, tmp_path: Path) -> None:
    import icalendar

    db = f"sqlite:///{tmp_path / 'afterword.db'}"
    now = "2026-11-27T16:00:00+01:00"
    stored = run_cli("invite", str(ICS / "google-meet-amsterdam.ics"), "--import", "--db", db, "--now", now)
    assert stored.code == 0, stored.err
    ident = stored.out.strip()
    assert ident.isdigit()
    added = run_cli("contacts", ident, str(VCF / "vcard4-two-cards.vcf"), "--db", db, "--json")
    assert added.code == 0, added.err
    result = json.loads(added.out)
    assert result["added"] == ["zoe"]  # Tom Okafor is already there: completed, not repeated
    assert result["updated"] == ["tom"]
    exported = run_cli("export", ident, "--db", db)
    assert "Zoë Łukasiewicz" in exported.out
    calendar = run_cli("remind", "--all", "--ics", "--db", db, "--now", now)
    assert calendar.code == 0, calendar.err
    (event,) = icalendar.Calendar.from_ical(calendar.out).walk("VEVENT")
    assert str(event["UID"]) == f"interview-{ident}-deadline@afterword.invalid"
    assert "Zoë Łukasiewicz" in str(event["DESCRIPTION"])
    missing = run_cli("remind", "999", "--ics", "--db", db)
    assert missing.code == 2
    assert "999" in missing.err


def test_invite_uses_the_local_zone_for_utc_only_invitations(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    result = run_cli("invite", str(ICS / "google-email-utc-only.ics"), "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["timezone"] == "Europe/Amsterdam"
    assert data["start"] == "2026-11-27T14:00:00+01:00"
    monkeypatch.setenv("TZ", "UTC")
    assert local_zone() is None
    assert json.loads(run_cli("invite", str(ICS / "google-email-utc-only.ics"), "--json").out)["timezone"] == "UTC"
