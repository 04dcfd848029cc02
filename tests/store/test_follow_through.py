"""Follow steps (issue 12, point 2) and people across interviews (point 4), through the CLI on a real
SQLite store: the organisation's pages from the notes, a "done" mark that never counts as a LinkedIn note,
a next round that starts from the people already known, and look-alikes kept apart."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from afterword.core.notes import dump_notes
from afterword.core.notes.parse import load_notes, parse_notes
from tests.conftest import Result

ROOT = Path(__file__).resolve().parents[2]
NOTES = ROOT / "examples" / "northwind-panel.toml"
ORG = '[interview]\ncompany_linkedin = "https://www.linkedin.com/company/northwind-health"\ncompany_x = "@northwindhealth"\n'


@pytest.fixture
def cli(run_cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    monkeypatch.setenv("AFTERWORD_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("AFTERWORD_DB", f"sqlite:///{tmp_path / 'afterword.db'}")
    return run_cli


def _with_org(tmp_path: Path) -> Path:
    text = NOTES.read_text(encoding="utf-8")
    text = text.replace("[interview]\n", ORG, 1)
    path = tmp_path / "northwind-org.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_organisation_s_pages_are_optional_notes_keys_that_round_trip(tmp_path: Path) -> None:
    interview = load_notes(_with_org(tmp_path))
    assert interview.company_linkedin == "https://www.linkedin.com/company/northwind-health"
    assert interview.company_x == "@northwindhealth"
    assert parse_notes(dump_notes(interview)) == interview
    assert load_notes(NOTES).company_linkedin is None  # format 1 without them stays valid
    bad = tmp_path / "bad.toml"
    bad.write_text(NOTES.read_text(encoding="utf-8").replace("[interview]\n", '[interview]\ncompany_x = "no spaces"\n'),
                   encoding="utf-8")
    with pytest.raises(Exception, match="company_x"):
        load_notes(bad)


def test_following_is_a_step_of_its_own_that_never_uses_a_linkedin_note(cli: Callable[..., Result],
                                                                         tmp_path: Path) -> None:
    assert cli("import", str(_with_org(tmp_path))).code == 0
    listed = json.loads(cli("social", "1", "--json").out)
    steps = {(f["who"], f["network"]): f for f in listed["follow"]}
    assert set(steps) == {("grace", "linkedin"), ("daniel", "x"), ("robert", "linkedin"), ("mei", "linkedin"),
                          ("org", "linkedin"), ("org", "x")}
    assert steps[("daniel", "x")]["open_url"] == "https://x.com/danosei"
    assert steps[("org", "x")]["open_url"] == "https://x.com/northwindhealth" and not steps[("org", "x")]["done"]

    for who, network in (("grace", "linkedin"), ("org", "linkedin"), ("daniel", "x")):
        marked = cli("social", "1", "--followed", who, network, "--now", "2026-11-28T10:00:00+00:00", "--json")
        assert marked.code == 0, marked.err
        assert json.loads(marked.out)["followed"]["done"] is True
    after = json.loads(cli("social", "1", "--json", "--now", "2026-11-28T11:00:00+00:00").out)
    assert {(f["who"], f["network"]) for f in after["follow"] if f["done"]} == {
        ("grace", "linkedin"), ("org", "linkedin"), ("daniel", "x")}
    assert after["linkedin_notes_this_month"] == 0  # a follow is not a personalised note
    # The LinkedIn note to Grace is still owed: following her did not mark it sent.
    assert {i["status"] for i in after["items"] if i["contact"] == "grace"} == {"drafted"}

    text = cli("social", "1", "--ui-language", "nl").out
    assert "Volgen (telt niet mee voor de LinkedIn-notities):" in text
    assert "Northwind Health (de organisatie) — X: https://x.com/northwindhealth [te doen: --followed org x]" in text
    assert "Grace Whitfield — LinkedIn: https://www.linkedin.com/in/gracewhitfield [gevolgd op" in text

    wrong = cli("social", "1", "--followed", "hannah", "linkedin")
    assert wrong.code == 2 and "no follow step `hannah linkedin`" in wrong.err and "Traceback" not in wrong.err
    assert cli("social", "1", "--followed", "grace", "email").code == 2


def test_a_next_round_at_the_same_organisation_starts_from_the_people_already_known(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    assert cli("import", str(NOTES)).code == 0
    assert cli("social", "1", "--done", "grace", "linkedin", "--now", "2026-11-28T10:00:00+00:00").code == 0
    nxt = tmp_path / "round-2.toml"
    said = cli("outcome", "1", "next-round", "--date", "2026-12-10", "--notes", str(nxt))
    assert said.code == 0, said.err
    assert "notes for the next round" in said.out
    second = load_notes(nxt)
    first = load_notes(NOTES)
    assert second.company == first.company and second.contacts == first.contacts
    assert second.start.date().isoformat() == "2026-12-10" and not second.needs and second.next_step is None
    assert cli("import", str(nxt)).code == 0

    people = json.loads(cli("outcome", "2", "--json").out)["people"]
    grace = next(p for p in people if p["contact"] == "grace")
    assert [i["interview"] for i in grace["interviews"]] == [1, 2]  # one person, two interviews
    assert ("linkedin", "sent") in {(t["channel"], t["status"]) for t in grace["interviews"][0]["touchpoints"]}
    assert len({p["person"] for p in people}) == len(first.contacts)
    assert "Grace Whitfield [grace]: also in Northwind Health (interview 1" in cli("outcome", "2").out


def test_a_look_alike_is_never_merged_silently(cli: Callable[..., Result], tmp_path: Path) -> None:
    assert cli("import", str(NOTES)).code == 0
    text = NOTES.read_text(encoding="utf-8").replace('name = "Grace Whitfield"', 'name = "Gail Whitfield"')
    text = text.replace("2026-11-27T", "2026-12-09T")
    other = tmp_path / "other.toml"
    other.write_text(text, encoding="utf-8")
    imported = cli("import", str(other))
    assert imported.code == 0 and "note: Gail Whitfield has the same email address and LinkedIn profile as Grace Whitfield" in imported.err
    people = json.loads(cli("outcome", "2", "--json").out)["people"]
    gail = next(p for p in people if p["contact"] == "grace")
    assert [i["interview"] for i in gail["interviews"]] == [2]  # kept apart from Grace
    assert "but another name; kept apart" in gail["interviews"][0]["kept_apart"]
    shown = cli("outcome", "2", "--ui-language", "nl").out
    assert ("Gail Whitfield deelt e-mailadres en LinkedIn-profiel met Grace Whitfield, maar heeft een andere naam; "
            "apart gehouden") in shown


def test_follows_and_the_outcome_are_on_the_timeline_of_show(cli: Callable[..., Result], tmp_path: Path) -> None:
    """Issue 12 point 5: the timeline shows every touchpoint, followed and outcome included (terminal and JSON)."""
    assert cli("import", str(_with_org(tmp_path))).code == 0
    before = json.loads(cli("show", "1", "--json", "--now", "2026-11-28T09:00:00+00:00").out)
    assert not {e["kind"] for e in before["timeline"]} & {"followed", "outcome"}
    assert cli("social", "1", "--followed", "grace", "linkedin", "--now", "2026-11-28T10:00:00+00:00").code == 0
    assert cli("social", "1", "--followed", "org", "x", "--now", "2026-11-28T10:05:00+00:00").code == 0
    assert cli("outcome", "1", "rejected", "--date", "2026-12-10", "--now", "2026-12-10T09:00:00+00:00").code == 0
    shown = json.loads(cli("show", "1", "--json", "--now", "2026-12-10T10:00:00+00:00").out)
    done = [(e["kind"], e["contact"], e["channel"], e["detail"]) for e in shown["timeline"]
            if e["kind"] in ("followed", "outcome")]
    assert done == [("followed", "grace", "linkedin", None), ("followed", None, "x", None),
                    ("outcome", None, None, "rejected")]
    text = cli("show", "1", "--now", "2026-12-10T10:00:00+00:00").out  # in the interview's language
    assert "followed — Grace Whitfield · linkedin" in text and "outcome (rejected)" in text


def test_plan_lists_the_follow_steps_in_both_languages(cli: Callable[..., Result], tmp_path: Path) -> None:
    """Issue 12 point 2: following is a step of its own in the plan, with the page to open."""
    notes = _with_org(tmp_path)
    listed = json.loads(cli("plan", str(notes), "--json").out)
    assert ("org", "x", "https://x.com/northwindhealth") in {(f["who"], f["network"], f["open_url"])
                                                              for f in listed["follow"]}
    assert {"deadline", "rows", "findings"} <= set(listed)  # the contract's keys stay
    text = cli("plan", str(notes)).out
    assert "Follow (does not count as a LinkedIn note):" in text and "Daniel Osei — X: https://x.com/danosei" in text
    dutch = tmp_path / "nl.toml"
    dutch.write_text(notes.read_text(encoding="utf-8").replace('language = "en"', 'language = "nl"', 1),
                     encoding="utf-8")
    assert "Volgen (telt niet mee voor de LinkedIn-notities):" in cli("plan", str(dutch)).out
