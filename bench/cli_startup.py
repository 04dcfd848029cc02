"""Start-up cost of `afterword --help` versus a bare one-command click program, side by side.

Prints the median wall time of each over N runs and their ratio (target: at most 1.5x).
Usage: python bench/cli_startup.py [N]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def median_time(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    exe = shutil.which("afterword") or str(Path(sys.executable).parent / "afterword")
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE)
        cases = {
            "bare click --help": [sys.executable, str(bare), "--help"],
            "afterword --help": [exe, "--help"],
            "afterword plan --help": [exe, "plan", "--help"],
        }
        for cmd in cases.values():  # warm the file cache
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        results = {name: median_time(cmd, runs) for name, cmd in cases.items()}
    base = results["bare click --help"]
    for name, seconds in results.items():
        print(f"{name:24s} {seconds * 1000:7.1f} ms   ratio {seconds / base:4.2f}x")
    ratio = results["afterword --help"] / base
    print(f"afterword --help / bare click --help = {ratio:.2f} (target <= 1.50)")


if __name__ == "__main__":
    main()
