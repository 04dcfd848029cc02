"""Every ratio of issue 14 in one run: start-up against bare click and proselint, the checker against proselint
(per draft in-process and as a whole `check --drafts` batch), and panels against the 5-person baseline.

Run: .venv/bin/python bench/ratios.py [--quick]
Each figure is the median of several runs, the things compared alternating run by run so that both see the
same machine, and the ratios are of CPU time (user + system), steadier than wall time when other work shares
the machine (wall time is printed beside it). proselint is a dev dependency (`make setup` installs it from the
package registry). `--quick` uses smaller batches and fewer runs (the batch 2,000 drafts instead of 10,000;
no 1,000-person panel). Nothing here is a test: no figure fails anything, the table only says where each
stands against its target. The store's figures at 50,000 interviews come from bench/store_seed.py and
bench/web_speed.py, which take minutes to seed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import check_batch
import check_speed
import cli_startup
import panel_speed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller batches, fewer runs")
    args = parser.parse_args()
    runs = 3 if args.quick else 5
    rows: list[tuple[str, float, str, str]] = []  # (what, ratio, target, detail)
    load = os.getloadavg()[0]
    started = time.perf_counter()

    startup = cli_startup.startup(runs)
    for mode, results in startup.items():
        base = results["bare click --help"][1]
        for name, target in (("draft (5 people)", 2.5), ("list", 2.0), ("due", 2.0), ("show 1", 2.0),
                             ("plan", 2.0)):
            cpu = results[name][1]
            rows.append((f"{name} / bare click ({mode})", cpu / base, f"<= {target}",
                         f"{cpu * 1000:.0f} vs {base * 1000:.0f} ms cpu"))
        if "proselint (one draft)" in results:
            ours, theirs = results["afterword check (one draft)"][1], results["proselint (one draft)"][1]
            rows.append((f"check one draft / proselint ({mode})", ours / theirs, "<= 1.0",
                         f"{ours * 1000:.0f} vs {theirs * 1000:.0f} ms cpu"))

    ours, theirs, _ = check_speed.per_draft(1000, rounds=runs)
    rows.append(("checker per draft, in-process: afterword / proselint", ours / theirs, ">= 3.0",
                 f"{ours:.0f} vs {theirs:.0f} drafts per cpu s"))

    count = 2000 if args.quick else 10_000
    batch = check_batch.batch(count, runs=1 if args.quick else 3)
    if "theirs_cpu" in batch:
        rows.append((f"check --drafts of {count:,}: proselint / afterword", batch["theirs_cpu"] / batch["ours_cpu"],
                     ">= 3.0", f"{batch['ours_cpu']:.1f} vs {batch['theirs_cpu']:.1f} s cpu "
                               f"({batch['ours_wall']:.1f} vs {batch['theirs_wall']:.1f} s wall); "
                               f"duplicate alone {batch['duplicate_cpu']:.2f} s"))

    from afterword.core.notes import load_notes

    sizes = [5, 50] if args.quick else [5, 50, 1000]
    per = panel_speed.measure(load_notes(panel_speed.ROOT / "examples" / "northwind-panel.toml"), sizes, runs)
    rows.append(("panel per contact: 50 / 5 people", per[50] / per[5], "<= 1.5",
                 f"{per[50]:.1f} vs {per[5]:.1f} ms cpu per contact"))
    if 1000 in per:
        rows.append(("1,000-person interview, compose + check (s)", per[1000], "< 10",
                     f"{per[1000] / per[5]:.1f}x the 5-person time per contact"))

    print(f"\nIssue 14 ratios (load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, "
          f"{os.cpu_count()} cores; {time.perf_counter() - started:.0f} s in all)")
    for what, ratio, target, detail in rows:
        print(f"  {what:58s} {ratio:7.2f}  (target {target:>7s})  {detail}")


if __name__ == "__main__":
    main()
