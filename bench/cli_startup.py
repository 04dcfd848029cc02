"""Start-up: whole `afterword` processes against a bare one-command click program, side by side.

Run: .venv/bin/python bench/cli_startup.py [N] [--no-cache-only | --cache-only]
Prints the median wall and CPU time of each command over N runs (alternating, so every command sees the
same machine), and their ratios to the bare click program's `--help`. Targets (issue 14): `draft` of the
five-person example at most 2.5x bare click; `list`, `due`, `show`, `plan` at most 2x; `check` of one
draft no slower than a whole proselint process on the same draft.

Two modes:
- with a bytecode cache: Afterword's modules are compiled first (`compileall`, as `make setup` does), so
  this holds even where PYTHONDONTWRITEBYTECODE is set;
- without one: PYTHONPYCACHEPREFIX points at an empty folder and PYTHONDONTWRITEBYTECODE=1, so every
  module of every program (click's and the standard library's too) is compiled from source on each run.
"""

from __future__ import annotations

import argparse
import compileall
import os
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
DRAFT_NOTES = ROOT / "tests" / "data" / "drafts" / "notes" / "acme-panel.toml"
DRAFT = ROOT / "tests" / "data" / "drafts" / "en" / "maria-clean.txt"
NOW = "2026-11-27T19:30:00+00:00"
BARE = '''
import click

@click.command()
@click.option("--name", default="world")
def hello(name):
    """Say hello."""
    click.echo(name)

if __name__ == "__main__":
    hello()
'''
#: (name, target ratio to bare click or None)
TARGETS = {"draft (5 people)": 2.5, "list": 2.0, "due": 2.0, "show 1": 2.0, "plan": 2.0}


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(cases: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, tuple[float, float]]:
    for cmd in cases.values():  # warm the file cache (and, with a cache, write nothing new)
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, cmd in cases.items():
            times[name].append(run_once(cmd, env))
    return {name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values))
            for name, values in times.items()}


def report(title: str, results: dict[str, tuple[float, float]]) -> None:
    """Wall times and their ratios; CPU times beside them, steadier when the machine is busy."""
    base_wall, base_cpu = results["bare click --help"]
    print(f"\n{title}")
    print(f"  {'':28s} {'wall':>9s}  {'ratio':>6s}   {'cpu':>9s}  {'ratio':>6s}")
    for name, (wall, cpu) in results.items():
        target = TARGETS.get(name)
        note = f"  (target <= {target:.1f}x)" if target else ""
        print(f"  {name:28s} {wall * 1000:6.1f} ms  {wall / base_wall:5.2f}x   {cpu * 1000:6.1f} ms  "
              f"{cpu / base_cpu:5.2f}x{note}")
    if "proselint (one draft)" in results:
        wall = results["afterword check (one draft)"][0] / results["proselint (one draft)"][0]
        cpu = results["afterword check (one draft)"][1] / results["proselint (one draft)"][1]
        print(f"  afterword check / proselint, one draft = {wall:.2f}x wall, {cpu:.2f}x cpu (target <= 1.00)")


def startup(runs: int, *, cached: bool = True, uncached: bool = True) -> dict[str, dict[str, tuple[float, float]]]:
    """Median wall and CPU seconds of each command, per mode ("cached", "uncached")."""
    bin_dir = Path(sys.executable).parent
    exe = shutil.which("afterword", path=str(bin_dir)) or shutil.which("afterword") or "afterword"
    proselint = shutil.which("proselint", path=str(bin_dir)) or shutil.which("proselint")
    out: dict[str, dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE)
        db = f"sqlite:///{tmp}/afterword.db"
        env = {**os.environ, "AFTERWORD_DB": db, "NO_COLOR": "1"}
        subprocess.run([exe, "import", str(NOTES)], env=env, check=True, capture_output=True)
        cases = {
            "bare click --help": [sys.executable, str(bare), "--help"],
            "afterword --help": [exe, "--help"],
            "draft (5 people)": [exe, "draft", str(NOTES), "--now", NOW],
            "afterword check (one draft)": [exe, "check", str(DRAFT_NOTES), str(DRAFT), "--to", "maria",
                                            "--sent-at", "2026-11-27T21:00:00+01:00"],
            "plan": [exe, "plan", str(NOTES), "--now", NOW],
            "list": [exe, "list"],
            "due": [exe, "due", "--now", NOW],
            "show 1": [exe, "show", "1"],
        }
        if proselint:
            cases["proselint (one draft)"] = [proselint, "check", str(DRAFT)]
        if cached:
            compileall.compile_dir(str(ROOT / "src" / "afterword"), quiet=1)
            with_cache = {k: v for k, v in env.items() if k != "PYTHONPYCACHEPREFIX"}
            out["cached"] = measure(cases, with_cache, runs)
        if uncached:
            empty = Path(tmp) / "no-pycache"
            empty.mkdir()
            without = {**env, "PYTHONPYCACHEPREFIX": str(empty), "PYTHONDONTWRITEBYTECODE": "1"}
            out["uncached"] = measure(cases, without, runs)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=7)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--cache-only", action="store_true")
    group.add_argument("--no-cache-only", action="store_true")
    args = parser.parse_args()
    results = startup(args.runs, cached=not args.no_cache_only, uncached=not args.cache_only)
    if "cached" in results:
        report("With a bytecode cache", results["cached"])
    if "uncached" in results:
        report("Without a bytecode cache (every module compiled from source, for every program)",
               results["uncached"])


if __name__ == "__main__":
    main()
