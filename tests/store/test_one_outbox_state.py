"""One `OutboxState`: the typed state machine in `core.outbox`; the store's per-row reading has its own name."""

from __future__ import annotations

import ast
from pathlib import Path

from afterword.core.outbox import OutboxState
from afterword.service.outcomes import OutboxEntry

SRC = Path(__file__).resolve().parents[2] / "src" / "afterword"


def test_outbox_state_is_defined_once_and_imported_from_core() -> None:
    defined, imported = [], []
    for path in sorted(SRC.rglob("*.py")):
        where = path.relative_to(SRC).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name == "OutboxState":
                defined.append(where)
            elif isinstance(node, ast.ImportFrom) and any(a.name == "OutboxState" for a in node.names):
                imported.append(node.module)
    assert defined == ["core/outbox.py"]
    assert imported and set(imported) == {"afterword.core.outbox"}


def test_a_rows_reading_holds_a_state_of_the_machine() -> None:
    entry = OutboxEntry(7, str(OutboxState.UNKNOWN), "timed out")
    assert OutboxState(entry.state) is OutboxState.UNKNOWN
    assert entry.to_json() == {"id": 7, "state": "unknown", "error": "timed out"}
