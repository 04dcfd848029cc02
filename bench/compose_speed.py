"""Time composing and checking every draft of a 5-person interview in-process (target: under 50 ms).

Run: .venv/bin/python bench/compose_speed.py [NOTES] — default examples/northwind-panel.toml.
The first run (loading templates, word lists and language data) is reported separately."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from afterword.check import check_drafts
from afterword.compose import compose
from afterword.core.notes import load_notes

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "examples" / "northwind-panel.toml"
    interview = load_notes(path)
    start = time.perf_counter()
    drafts = compose(interview)
    check_drafts(interview, drafts)
    first = (time.perf_counter() - start) * 1000
    compose_ms: list[float] = []
    total_ms: list[float] = []
    from afterword.compose import reading

    for _ in range(50):
        reading._LAST.clear()  # every run reads the notes afresh, as one `draft` process does
        t0 = time.perf_counter()
        drafts = compose(interview)
        t1 = time.perf_counter()
        check_drafts(interview, drafts)
        t2 = time.perf_counter()
        compose_ms.append((t1 - t0) * 1000)
        total_ms.append((t2 - t0) * 1000)
    print(f"{path.name}: {len(interview.contacts)} contacts, {len(drafts)} drafts")
    print(f"first run (cold, loads templates and language data): {first:.1f} ms")
    print(f"compose only:      median {statistics.median(compose_ms):.2f} ms, max {max(compose_ms):.2f} ms")
    print(f"compose + check:   median {statistics.median(total_ms):.2f} ms, max {max(total_ms):.2f} ms"
          f"  (target < 50 ms: {'OK' if statistics.median(total_ms) < 50 else 'TOO SLOW'})")


if __name__ == "__main__":
    main()
