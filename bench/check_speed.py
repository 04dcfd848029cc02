"""Drafts per second: Afterword's checker and proselint on the same 1,000 English drafts, in one run.

Run: .venv/bin/python bench/check_speed.py [N]
Also prints the wall time of whole `afterword check` processes (target: under 0.5 s).
The drafts are made from the English example drafts of tests/data/drafts with variations (sentences
shuffled, names and numbers swapped, stock phrases and slips added), so each one is different. Language
data is loaded before timing (warm-up); both tools then get the same texts.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

from afterword.check import check_draft
from afterword.core.draftfile import parse_draft_text
from afterword.core.model import Channel, Draft, Interview, Language
from afterword.core.notes import load_notes

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "tests" / "data" / "drafts"
NOTES = {"maria": "acme-panel.toml", "tom": "acme-panel.toml", "grace": "northwind-panel.toml",
         "daniel": "northwind-panel.toml", "hannah": "northwind-panel.toml", "zoe": "names.toml",
         "lukasz": "names.toml"}
EXTRAS = [
    "Thank you for your time and consideration.", "I look forward to hearing from you.",
    "When can I expect to hear back?", "I am the best candidate you will find!!", "I cut costs by 35 percent.",
    "Please let me know by Friday.", "It was a pleasure meeting you.", "I mentored seven engineers.",
]


def make_drafts(count: int, seed: int = 7) -> list[tuple[Interview, Draft]]:
    rng = random.Random(seed)
    bases: list[tuple[str, str, str | None, str]] = []
    for path in sorted((DRAFTS / "en").glob("*.txt")):
        contact = next((c for c in NOTES if path.name.startswith(c + "-")), None)
        if contact is None or "linkedin" in path.name or "-x-" in path.name:
            continue
        subject, body = parse_draft_text(path.read_text("utf-8"), Channel.EMAIL)
        bases.append((contact, NOTES[contact], subject, body))
    interviews = {name: load_notes(DRAFTS / "notes" / name) for name in set(NOTES.values())}
    out = []
    for index in range(count):
        contact, notes, subject, body = bases[index % len(bases)]
        paragraphs = body.split("\n\n")
        middle = paragraphs[1:-1]
        rng.shuffle(middle)
        if rng.random() < 0.5:
            middle.append(" ".join(rng.sample(EXTRAS, rng.randint(1, 3))))
        text = "\n\n".join([paragraphs[0], *middle, paragraphs[-1]]).replace("Friday", rng.choice(
            ["Friday", "Thursday", "Monday"]))
        out.append((interviews[notes], Draft(contact, Channel.EMAIL, Language.EN, text, subject)))
    return out


def proselint_lint() -> object:
    from proselint.checks import __register__
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    return lambda text: LintFile("<draft>", text).lint()


def rate(func: object, texts: list[object]) -> tuple[float, float]:
    """Drafts per CPU second over `texts`, and the median milliseconds (CPU) per draft."""
    assert callable(func)
    times = []
    start = time.process_time()
    for item in texts:
        t0 = time.process_time()
        func(item)
        times.append(time.process_time() - t0)
    total = time.process_time() - start
    return len(texts) / total, statistics.median(times) * 1000


def per_draft(count: int = 1000, rounds: int = 3) -> tuple[float, float, int]:
    """Afterword's and proselint's drafts per CPU second in-process on the same `count` drafts: `rounds`
    rounds, the two alternating, medians. Also the number of Afterword findings."""
    drafts = make_drafts(count)
    lint = proselint_lint()
    assert callable(lint)
    for interview, draft in drafts[:20]:  # warm-up: language data, phrase lists, proselint's patterns
        check_draft(interview, draft)
        lint(draft.body)
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        ours.append(rate(lambda pair: check_draft(pair[0], pair[1]), list(drafts))[0])
        theirs.append(rate(lint, [d.body for _, d in drafts])[0])
    findings = sum(len(check_draft(i, d)) for i, d in drafts)
    return statistics.median(ours), statistics.median(theirs), findings


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    ours, theirs, findings = per_draft(count)
    print(f"{count} English drafts ({findings} Afterword findings in all)")
    print(f"afterword check_draft: {ours:8.0f} drafts per cpu second (median of 3, alternating)")
    print(f"proselint            : {theirs:8.0f} drafts per cpu second")
    print(f"ratio                : {ours / theirs:8.2f}x  (Afterword / proselint; target >= 3)")
    cli_times()


def cli_times(runs: int = 5) -> None:
    """Wall time of a whole `afterword check` process on one draft (a specific and a generic one)."""
    import shutil
    import subprocess

    exe = shutil.which("afterword", path=str(ROOT / ".venv" / "bin")) or shutil.which("afterword")
    if exe is None:
        print("afterword check process: no `afterword` command found")
        return
    notes = str(DRAFTS / "notes" / "acme-panel.toml")
    for name in ("maria-clean.txt", "maria-generic.txt"):
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run([exe, "check", notes, str(DRAFTS / "en" / name), "--to", "maria", "--json",
                            "--sent-at", "2026-11-27T21:00:00+01:00"], capture_output=True, check=False)
            times.append(time.perf_counter() - t0)
        print(f"afterword check process ({name}): median {statistics.median(times) * 1000:.0f} ms "
              f"over {runs} runs")


if __name__ == "__main__":
    main()
