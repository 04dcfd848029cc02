"""The CLI journey without any mail settings: import stores drafts, and a dry run shows the MIME."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Result


@pytest.fixture
def fresh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AFTERWORD_HOME", str(tmp_path))
    monkeypatch.delenv("AFTERWORD_DB", raising=False)
    return tmp_path


def test_import_stores_a_draft_for_every_contact_and_channel(run_cli: Callable[..., Result],
                                                             fresh_home: Path) -> None:
    imported = run_cli("import", str(EXAMPLES / "northwind-panel.toml"), "--json")
    assert imported.code == 0, imported.err
    data = json.loads(imported.out)
    assert data["drafted"] == 7
    shown = json.loads(run_cli("show", str(data["id"]), "--json").out)
    statuses = {(t["contact"], t["channel"]): t["status"] for t in shown["touchpoints"]}
    assert len(statuses) == 7
    assert set(statuses.values()) == {"drafted"}
    again = run_cli("import", str(EXAMPLES / "northwind-panel.toml"), "--replace", "--json")
    assert json.loads(again.out)["drafted"] == 0  # drafts that exist are kept, not composed twice


def test_dry_run_without_smtp_settings_uses_the_candidates_address(run_cli: Callable[..., Result],
                                                                   fresh_home: Path) -> None:
    ident = json.loads(run_cli("import", str(EXAMPLES / "northwind-panel.toml"), "--json").out)["id"]
    preview = run_cli("send", str(ident), "--contact", "grace", "--dry-run")
    assert preview.code == 0, preview.err
    assert "From: Priya Raman <priya.raman@example.org>" in preview.out
    assert "To: Grace Whitfield <grace.whitfield@northwind.example>" in preview.out
    real = run_cli("send", str(ident), "--contact", "grace")
    assert real.code == 2
    assert "SMTP is not set up" in real.err
    assert json.loads(run_cli("outbox", "--json").out)["messages"] == []


def test_show_drafts_prints_each_stored_text_unwrapped(run_cli: Callable[..., Result], fresh_home: Path) -> None:
    from afterword.compose import compose
    from afterword.core.notes import load_notes

    ident = json.loads(run_cli("import", str(EXAMPLES / "northwind-panel.toml"), "--json").out)["id"]
    shown = run_cli("show", str(ident), "--drafts")
    assert shown.code == 0, shown.err
    for draft in compose(load_notes(EXAMPLES / "northwind-panel.toml")):
        assert draft.body in shown.out  # whole paragraphs, no line breaks added for the terminal
        if draft.subject:
            assert f"Subject: {draft.subject}" in shown.out
