"""`afterword social` speaks the interview's language, like `plan` and `show`; its --json stays as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-11-27T09:00:00+01:00"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "config.toml").write_text("[social]\nlinkedin_free_notes = 1\n")
    monkeypatch.setenv("AFTERWORD_HOME", str(tmp_path))
    monkeypatch.delenv("AFTERWORD_DB", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return tmp_path


def _import(run_cli: Callable[..., Result], path: Path) -> str:
    result = run_cli("import", str(path))
    assert result.code == 0, result.err
    return result.out.split()[-1]


def _dutch_notes(home: Path) -> Path:
    """The Rijnland example, with an X handle for Fatima (so an X step is printed too)."""
    text = (ROOT / "examples" / "rijnland-gesprek.toml").read_text()
    fatima = 'linkedin = "https://www.linkedin.com/in/fatimabakkali"\n'
    assert fatima in text
    path = home / "rijnland.toml"
    path.write_text(text.replace(fatima, fatima + 'x = "@fatimabakkali"\n'))
    return path


def test_social_lines_are_dutch_for_a_dutch_interview(run_cli: Callable[..., Result], home: Path) -> None:
    ident = _import(run_cli, _dutch_notes(home))
    listing = run_cli("social", ident, "--now", NOW)
    assert listing.code == 0, listing.err
    out = listing.out
    assert "Persoonlijke LinkedIn-notities deze maand: 0 van 1" in out
    assert "  stap: volg hen (hun DM's staan niet voor je open" in out
    assert "  openen: https://www.linkedin.com/in/annekevandermeer" in out
    assert "[opgesteld]" in out
    assert "Volgen (telt niet mee voor de LinkedIn-notities):" in out
    for english in ("Personalised LinkedIn notes", "step:", "open:", "follow them", "[drafted]"):
        assert english not in out, english

    marked = run_cli("social", ident, "--done", "anneke", "linkedin", "--now", NOW)
    assert marked.code == 0, marked.err
    assert marked.out.strip() == "linkedin aan anneke gemarkeerd als verstuurd"
    assert "afterword: waarschuwing: alle 1 persoonlijke LinkedIn-notities van deze maand zijn op" in marked.err

    again = run_cli("social", ident, "--now", NOW)
    assert "[verstuurd]" in again.out
    assert "afterword: waarschuwing: alle 1 persoonlijke LinkedIn-notities" in again.err

    refused = run_cli("social", ident, "--x-public", "fatima", "--now", NOW)
    assert refused.code == 2
    assert "een openbaar bericht op X laat iedereen zien dat je bij Waterschap Rijnland solliciteert" in refused.err
    assert "voeg --yes toe" in refused.err
    public = run_cli("social", ident, "--x-public", "fatima", "--yes", "--now", NOW)
    assert "  stap: een openbaar bericht: iedereen kan het zien" in public.out

    # --ui-language still chooses, as before.
    chosen = run_cli("social", ident, "--ui-language", "en", "--now", NOW)
    assert "Personalised LinkedIn notes this month: 1 of 1" in chosen.out
    assert "afterword: warning: all 1 personalised LinkedIn notes" in chosen.err


def test_social_lines_stay_english_for_an_english_interview(run_cli: Callable[..., Result], home: Path) -> None:
    ident = _import(run_cli, ROOT / "examples" / "northwind-panel.toml")
    listing = run_cli("social", ident, "--now", NOW)
    assert listing.code == 0, listing.err
    assert "Personalised LinkedIn notes this month: 0 of 1" in listing.out
    assert "  step: follow them (their DMs are not open to you" in listing.out
    assert "  open: https://x.com/danosei" in listing.out
    assert "[drafted]" in listing.out
    assert "Persoonlijke" not in listing.out and "stap:" not in listing.out
    marked = run_cli("social", ident, "--done", "grace", "linkedin", "--now", NOW)
    assert marked.out.strip() == "marked linkedin to grace as sent"
    assert "afterword: warning: all 1 personalised LinkedIn notes of this month are used" in marked.err


def test_social_json_keys_and_values_do_not_change_with_the_language(
    run_cli: Callable[..., Result], home: Path
) -> None:
    ident = _import(run_cli, _dutch_notes(home))
    run_cli("social", ident, "--done", "anneke", "linkedin", "--now", NOW)
    data = json.loads(run_cli("social", ident, "--now", NOW, "--json").out)
    assert set(data) == {"items", "linkedin_notes_this_month", "allowance", "warning", "follow"}
    assert {i["step"] for i in data["items"] if i["channel"] == "x"} == {"follow"}
    assert data["warning"].startswith("all 1 personalised LinkedIn notes")  # as before: the JSON is the contract
