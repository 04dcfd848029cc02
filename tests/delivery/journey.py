"""Helpers for the journey tests: a configured AFTERWORD_HOME and a stored interview with drafts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import Result

ROOT = Path(__file__).resolve().parents[2]
NOTES = ROOT / "examples" / "northwind-panel.toml"

SUBJECTS = {
    "grace": "Getting more patients through intake before the first visit",
    "daniel": "The release train for the patient app",
    "hannah": "Intake completion and the clinic floor",
}


def import_with_drafts(run_cli: Callable[..., Result], home: dict[str, Any], *, subject_of: dict[str, str]) -> int:
    from afterword.service.interviews import open_service

    result = run_cli("import", str(NOTES))
    assert result.code == 0, result.err
    ident = int(result.out.split()[-1]) if not result.out.strip().startswith("{") else json.loads(result.out)["id"]
    service = open_service(f"sqlite:///{home['dir'] / 'afterword.db'}")
    try:
        # `import` stores a composed draft for every contact and channel; these tests write their own
        # texts over them, and empty the composed emails they do not send (the contact stays owed).
        def save(contact: str, channel: str, subject: str | None, body: str) -> None:
            version = service.touchpoint(ident, contact, channel).version
            service.save_draft(ident, contact, channel, subject, body, version)

        for contact, subject in subject_of.items():
            save(contact, "email", subject,
                 f"Dear {contact},\n\nThank you for the conversation about patient intake.\n\nPriya\n")
        for contact in ("grace", "daniel", "hannah"):
            if contact not in subject_of:
                save(contact, "email", None, "")
        save("grace", "linkedin", None, "Thank you for the panel on intake, Grace. I would like to stay in touch.")
        save("robert", "linkedin", None, "Robert, lunch on the patient app was a highlight.")
        save("daniel", "x", None, "Thanks for the chat on release trains!")
    finally:
        service.close()
    return ident


def status(home: dict[str, Any], ident: int, contact: str, channel: str = "email") -> str:
    from afterword.service.interviews import open_service

    service = open_service(f"sqlite:///{home['dir'] / 'afterword.db'}")
    try:
        return str(service.touchpoint(ident, contact, channel).status)
    finally:
        service.close()
