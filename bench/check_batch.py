"""The checker's batch: `afterword check --drafts` of 10,000 drafts against proselint, whole processes.

Run: .venv/bin/python bench/check_batch.py [N] [--runs R] [--skip-proselint]
Writes N English drafts for the five people of examples/northwind-panel.toml (default 10,000) to a
temporary FILE.json (the shape `draft --json` prints) and, one file per draft, to a folder; then times
`afterword check NOTES --drafts FILE.json --json` and `proselint check FOLDER -o json` on the same
texts, alternating, and prints the medians and their ratio (target: Afterword at least 3x faster).
It also prints the time of the `duplicate` comparison alone, in-process, and how many drafts it flags.

The drafts are made from the bundled example's drafts and the English drafts of tests/data/drafts, with
variations (paragraphs shuffled, stock phrases added, days and numbers swapped, and a sentence of its
own with a number and a day), so that each is different; one in twenty is a light edit of an earlier
draft given to another person, so the `duplicate` rule has real work to do.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTES = ROOT / "examples" / "northwind-panel.toml"
DRAFTS = ROOT / "tests" / "data" / "drafts" / "en"
NOW = "2026-11-27T19:30:00+00:00"
EXTRAS = [
    "Thank you for your time and consideration.", "I look forward to hearing from you.",
    "When can I expect to hear back?", "I am the best candidate you will find!!", "I cut costs by 35 percent.",
    "Please let me know by Friday.", "It was a pleasure meeting you.", "I mentored seven engineers.",
    "The intake numbers you showed stayed with me.", "I would be glad to share the dashboard I built.",
]
DETAILS = [
    "I reread my notes from {day} {n} times.", "The {n}-page summary I mentioned is ready to share.",
    "Our talk on {day} ran {n} minutes over, which says a lot.", "I have since read {n} of your team's posts.",
    "On {day} I sketched {n} ideas for the intake form.", "My last project cut a {n}-step process to three.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def detail(rng: random.Random) -> str:
    """A sentence with a number and a day, so that no two drafts are the same."""
    return rng.choice(DETAILS).format(n=rng.randint(2, 99), day=rng.choice(DAYS))


def bases() -> list[tuple[str, str | None, str]]:
    """(channel, subject, body) of every English example draft, as starting points."""
    from afterword.core.draftfile import parse_draft_text
    from afterword.core.model import Channel

    out: list[tuple[str, str | None, str]] = []
    drafted = subprocess.run([_exe(), "draft", str(NOTES), "--json", "--now", NOW], capture_output=True, text=True,
                             check=False)
    for item in json.loads(drafted.stdout)["drafts"]:
        if item["language"] == "en":
            out.append((item["channel"], item.get("subject"), item["body"]))
    for path in sorted(DRAFTS.glob("*.txt")):
        channel = Channel.LINKEDIN if "linkedin" in path.name else Channel.X if "-x-" in path.name else Channel.EMAIL
        subject, body = parse_draft_text(path.read_text("utf-8"), channel)
        out.append((str(channel), subject, body))
    return out


def make_drafts(count: int, seed: int = 14) -> list[dict[str, object]]:
    rng = random.Random(seed)
    starts = bases()
    contacts = ["grace", "daniel", "hannah", "robert", "mei"]
    drafts: list[dict[str, object]] = []
    for index in range(count):
        contact = contacts[index % len(contacts)]
        if drafts and rng.random() < 0.05:  # a copy of an earlier draft, lightly edited, for someone else
            earlier = drafts[rng.randrange(len(drafts))]
            body = str(earlier["body"]).replace("Friday", rng.choice(["Thursday", "Monday"]))
            body += "\n\n" + detail(rng)
            drafts.append({**earlier, "contact": contact, "body": body})
            continue
        channel, subject, body = starts[rng.randrange(len(starts))]
        paragraphs = body.split("\n\n")
        if len(paragraphs) > 2:
            middle = paragraphs[1:-1]
            rng.shuffle(middle)
            if rng.random() < 0.6:
                middle.append(" ".join(rng.sample(EXTRAS, rng.randint(1, 3))))
            paragraphs = [paragraphs[0], *middle, paragraphs[-1]]
        paragraphs.insert(max(1, len(paragraphs) - 1), detail(rng))
        text = "\n\n".join(paragraphs).replace("Friday", rng.choice(["Friday", "Thursday", "Monday"]))
        text = text.replace("38", str(rng.randint(20, 60)))
        drafts.append({"contact": contact, "channel": channel, "subject": subject, "body": text})
    return drafts


def _exe() -> str:
    return shutil.which("afterword", path=str(ROOT / ".venv" / "bin")) or shutil.which("afterword") or "afterword"


def _proselint() -> str | None:
    return shutil.which("proselint", path=str(ROOT / ".venv" / "bin")) or shutil.which("proselint")


def timed(cmd: list[str], out: Path | None = None) -> tuple[float, float]:
    """Wall and CPU time (user + system) of the whole process; its standard output goes to `out` (or nowhere).
    CPU time is the steadier figure on a busy machine."""
    with open(out or os.devnull, "wb") as sink:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(cmd, stdout=sink, stderr=subprocess.DEVNULL, check=False)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def duplicate_alone(drafts: list[dict[str, object]]) -> tuple[float, int]:
    """CPU seconds for the `duplicate` comparison of the whole batch in-process, and how many drafts it flags."""
    from afterword.check.rules.duplicate import duplicate_hits
    from afterword.core.model import Channel, Draft, Language
    from afterword.core.notes import load_notes

    interview = load_notes(NOTES)
    items = [Draft(str(d["contact"]), Channel(str(d["channel"])), Language.EN, str(d["body"]),
                   d["subject"] if isinstance(d["subject"], str) else None) for d in drafts]
    started = time.process_time()
    hits = duplicate_hits(interview, items)
    return time.process_time() - started, len(hits)


def batch(count: int, runs: int = 1, *, proselint: bool = True) -> dict[str, float]:
    """Whole processes on the same `count` drafts, alternating, medians: Afterword's and proselint's wall and
    CPU seconds ("ours_wall", "ours_cpu", "theirs_wall", "theirs_cpu"), how many drafts `duplicate` flags
    ("flagged"), and the CPU seconds of the `duplicate` comparison alone, in-process ("duplicate_cpu")."""
    drafts = make_drafts(count)
    exe = _exe()
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "drafts.json"
        path.write_text(json.dumps({"drafts": drafts}), "utf-8")
        folder = Path(tmp) / "texts"
        folder.mkdir()
        for index, d in enumerate(drafts):
            (folder / f"{index:05d}.txt").write_text(str(d["body"]), "utf-8")
        ours_cmd = [exe, "check", str(NOTES), "--drafts", str(path), "--json", "--sent-at", NOW]
        prose = _proselint()
        theirs_cmd = [prose, "check", str(folder), "-o", "json"] if prose and proselint else None
        ours: list[tuple[float, float]] = []
        theirs: list[tuple[float, float]] = []
        for _ in range(runs):  # alternating, so both see the same machine
            ours.append(timed(ours_cmd, Path(tmp) / "findings.json"))
            if theirs_cmd:
                theirs.append(timed(theirs_cmd))
        findings = json.loads((Path(tmp) / "findings.json").read_text("utf-8"))
        out["flagged"] = sum(1 for d in findings["drafts"] if any(f["code"] == "duplicate" for f in d["findings"]))
    out["ours_wall"], out["ours_cpu"] = (statistics.median(t[k] for t in ours) for k in (0, 1))
    if theirs:
        out["theirs_wall"], out["theirs_cpu"] = (statistics.median(t[k] for t in theirs) for k in (0, 1))
    out["duplicate_cpu"], _ = duplicate_alone(drafts)
    out["runs"] = len(ours)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1, help="whole-process runs of each (medians)")
    parser.add_argument("--skip-proselint", action="store_true")
    args = parser.parse_args()
    r = batch(args.count, args.runs, proselint=not args.skip_proselint)
    print(f"{args.count} English drafts for one interview ({r['flagged']:.0f} flagged `duplicate`)")
    print(f"afterword check --drafts : {r['ours_wall']:7.2f} s wall, {r['ours_cpu']:7.2f} s cpu  "
          f"({args.count / r['ours_wall']:6.0f} drafts/s wall, median of {r['runs']:.0f})")
    if "theirs_wall" in r:
        print(f"proselint check          : {r['theirs_wall']:7.2f} s wall, {r['theirs_cpu']:7.2f} s cpu  "
              f"({args.count / r['theirs_wall']:6.0f} drafts/s wall, median of {r['runs']:.0f})")
        print(f"ratio proselint / afterword = {r['theirs_wall'] / r['ours_wall']:.2f}x wall, "
              f"{r['theirs_cpu'] / r['ours_cpu']:.2f}x cpu (target >= 3.00)")
    print(f"duplicate alone, in-process: {r['duplicate_cpu']:.2f} s cpu")


if __name__ == "__main__":
    sys.exit(main())
