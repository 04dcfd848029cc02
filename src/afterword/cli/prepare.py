"""`python -m afterword.cli.prepare`: compile ahead the regular expressions of drafting, checking and
planning (run by `make setup`, beside compileall; see `afterword.core.prepared`).

It drafts, checks and plans the examples of the checkout (English and Dutch) in this process with an empty
Afterword home, and records every pattern `re` compiled meanwhile; nothing of the user's is read. Where
the examples are not there (an installed wheel), nothing is drafted and the patterns prepared are those
compiled while the commands' modules load.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-27T19:30:00+00:00"


def record_patterns(examples: list[Path]) -> list[tuple[str, int]]:
    """Draft, check and plan each notes file in `examples` in this process (an empty Afterword home) and
    return every (pattern, flags) `re` compiled meanwhile, in first-use order."""
    seen: dict[tuple[str, int], None] = {}
    original = re._compile  # type: ignore[attr-defined]

    def recording(pattern: Any, flags: Any) -> Any:
        if isinstance(pattern, str):
            seen.setdefault((pattern, int(flags)), None)
        return original(pattern, flags)

    re._compile = recording  # type: ignore[attr-defined]
    saved = os.environ.get("AFTERWORD_HOME")
    try:
        with tempfile.TemporaryDirectory() as home:
            os.environ["AFTERWORD_HOME"] = home
            from afterword.cli.main import run

            def quietly(*command: str) -> str:
                out = io.StringIO()
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                    run(list(command))
                return out.getvalue()

            for index, notes in enumerate(examples):
                drafted = Path(home) / f"drafts-{index}.json"
                drafted.write_text(quietly("draft", str(notes), "--now", NOW, "--json"), "utf-8")
                quietly("draft", str(notes), "--now", NOW)
                quietly("check", str(notes), "--drafts", str(drafted), "--sent-at", NOW)
                quietly("plan", str(notes), "--now", NOW)
    finally:
        re._compile = original  # type: ignore[attr-defined]
        if saved is None:
            os.environ.pop("AFTERWORD_HOME", None)
        else:
            os.environ["AFTERWORD_HOME"] = saved
    return list(seen)


def main() -> int:
    from afterword.core import prepared

    examples = sorted((ROOT.parent.parent / "examples").glob("*.toml"))  # in a checkout (make setup)
    found = record_patterns(examples)
    written = prepared.record(found)
    print(f"prepared {written} regular expressions in {prepared.PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
