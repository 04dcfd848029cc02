"""The store at 1,000 and 50,000 interviews, side by side (issue 14, point 3): ratios, CPU and wall medians.

Run: .venv/bin/python bench/store_scale.py [--sizes 1000,50000] [--dir DIR] [--runs N] [--http-seconds S]
     bash .ci/with-postgres.sh .venv/bin/python bench/store_scale.py --pg     (PostgreSQL too)

What it prints, each at every size and as the ratio of the largest to the smallest:
- in-process (the web's own calls, warm): the dashboard (`Pages.dashboard`), an interview page
  (`Pages.interview_view` of an interview with drafts), the other companies, a `list` page;
  target: the largest within 1.5x of the smallest;
- whole `afterword list` processes (the default page, `--all`, `--json`), wall and CPU median and the
  largest resident set; target: the default page under 0.5 s at 50,000 (`--all` and `--json` stream: the
  resident set stays that of a small store);
- over HTTP at the largest size (SQLite only): `afterword serve` with one worker process and with one per
  core, 1 and 8 concurrent keep-alive clients (client processes) on the dashboard and interview pages:
  requests per second and p50/p99; target: 8 clients clearly more requests per second than 1 with one
  process per core, p99 at 8 under 250 ms.

The databases are seeded once (kept in --dir): 1,000 interviews through the store (`store_seed.seed`:
old ones handled, recent ones owed), then cloned in SQL up to the size (ids shifted, companies spread
over ten variants, so the larger store has more distinct companies; the clones are history, nothing
owed, so both sizes have the same interviews open), then ANALYZE, as after an import.
Load: the one-minute load average is printed before and after; other work on the machine slows both
sides of a ratio alike only when they run side by side, so every timed section alternates the sizes.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parent.parent
BASE = 1000
STEP = 10_000_000  # id offset between clones
COPIED = ("interviews", "contacts", "items", "touchpoints", "touchpoint_events")
#: A small launcher that runs the command and writes its CPU seconds and largest resident set (KB) to the
#: file named first: a child forked from this (big) bench would inherit its high-water mark, even across exec.
LAUNCH = """import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_pid, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


# -- seeding -----------------------------------------------------------------------------------------

def seed_base(url: str) -> None:
    from store_seed import seed

    from afterword.service.interviews import open_service

    service = open_service(url)
    try:
        seed(service, BASE, 5)
    finally:
        service.close()


def grow(url: str, size: int) -> None:
    """Clone the first BASE interviews (with contacts, items, drafts and history) until there are `size`."""
    from sqlalchemy import func, literal, select, text

    from afterword.store.db import open_store
    from afterword.store.tables import metadata

    store = open_store(url)
    try:
        with store.engine.connect() as conn, conn.begin():
            have = int(conn.execute(text("SELECT count(*) FROM interviews")).scalar_one())
            for copy in range(1, (size - have) // BASE + 1):
                offset = copy * STEP
                for name in COPIED:
                    table = metadata.tables[name]
                    columns = []
                    for column in table.c:
                        if column.name == "id" or column.name in ("interview_id", "touchpoint_id"):
                            columns.append(column + offset)
                        elif column.name == "identity":  # 64 characters, as the column allows
                            columns.append(func.substr(column, 1, 56) + literal(f"-{copy:07d}"))
                        elif column.name == "company":
                            columns.append(column + literal(f" {copy % 10}"))
                        elif column.name in ("open", "owed"):  # history: owed interviews stay the recent few
                            columns.append(literal(0 if column.name == "owed" else False, column.type))
                        else:
                            columns.append(column)
                    source = select(*columns).where(table.c.id < STEP)
                    conn.execute(table.insert().from_select([c.name for c in table.c], source))
            if conn.dialect.name == "postgresql":
                for name in COPIED:
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                      f"(SELECT max(id) FROM {name}))"))
            conn.execute(text("ANALYZE"))
    finally:
        store.close()


def sqlite_db(folder: Path, size: int) -> str:
    path = folder / f"store-{size}.db"
    if not path.exists():
        base = folder / f"store-{BASE}.db"
        if not base.exists():
            seed_base(f"sqlite:///{base}")
        if size != BASE:
            shutil.copyfile(base, path)
            grow(f"sqlite:///{path}", size)
    return f"sqlite:///{path}"


def pg_db(admin_url: str, size: int) -> str:
    """A database `afterword_scale_<size>` on the server of `admin_url`, seeded once."""
    import psycopg

    from afterword.store.engine import normalise_url

    name = f"afterword_scale_{size}"
    parsed = normalise_url(admin_url)
    plain = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    url = parsed.set(database=name).render_as_string(hide_password=False)
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            ready = conn.execute(text("SELECT to_regclass('interviews')")).scalar()
            have = int(conn.execute(text("SELECT count(*) FROM interviews")).scalar_one()) if ready else 0
    finally:
        engine.dispose()
    if have < BASE:
        seed_base(url)
    if size > BASE:
        grow(url, size)
    return url


# -- measuring -----------------------------------------------------------------------------------------

def median_ms(call: Callable[[int], object], runs: int) -> tuple[float, float]:
    """Median wall and CPU time (ms) of `call(n)` over `runs` calls."""
    walls, cpus = [], []
    for n in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        call(n)
        cpus.append((time.process_time() - c0) * 1000)
        walls.append((time.perf_counter() - w0) * 1000)
    return statistics.median(walls), statistics.median(cpus)


class InProcess:
    """The web's backend over one database, warmed up: every sampled interview page visited once."""

    def __init__(self, url: str, picks: int) -> None:
        from store_seed import NOW

        from afterword.service.pages import Pages

        self.now = NOW
        self.backend = Pages.open(url)
        service = self.backend.service
        open_ids = sorted({r.interview_id for r in service.due(NOW, limit=None)})
        self.ids = open_ids[:picks] or [service.list_interviews(NOW, limit=1)[0].id]
        for interview_id in self.ids:  # the first visit composes and stores the drafts
            self.backend.interview_view(interview_id, NOW)

    def cases(self) -> dict[str, Callable[[int], object]]:
        b, now, ids = self.backend, self.now, self.ids
        return {
            "dashboard": lambda n: b.dashboard(now),
            "interview page": lambda n: b.interview_view(ids[n % len(ids)], now),
            "other companies": lambda n: b.service.companies(ids[n % len(ids)]),
            "list page (50)": lambda n: b.service.list_interviews(now, limit=50),
        }

    def close(self) -> None:
        self.backend.close()


def in_process(label: str, urls: dict[int, str], runs: int) -> None:
    sides = {size: InProcess(url, 20) for size, url in urls.items()}
    names = list(next(iter(sides.values())).cases())
    results: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for _round in range(3):  # alternate the sizes, a third of the runs each round
        for name in names:
            for size, side in sides.items():
                results.setdefault((name, size), []).append(median_ms(side.cases()[name], max(1, runs // 3)))
    for side in sides.values():
        side.close()
    sizes = sorted(urls)
    print(f"\n{label}: in-process, warm, median ms (wall / CPU) over {runs} calls; ratio = largest / smallest")
    print(f"  {'':<18}" + "".join(f"{f'{s:,}':>20}" for s in sizes) + f"{'ratio':>10}")
    for name in names:
        cells, walls = [], []
        for size in sizes:
            wall = statistics.median(w for w, _ in results[(name, size)])
            cpu = statistics.median(c for _, c in results[(name, size)])
            walls.append(wall)
            cells.append(f"{wall:8.2f} / {cpu:7.2f}")
        ratio = walls[-1] / walls[0] if walls[0] else float("nan")
        flag = "" if name == "other companies" or ratio <= 1.5 else "  OVER 1.5x"
        print(f"  {name:<18}" + "".join(f"{c:>20}" for c in cells) + f"{ratio:9.2f}x{flag}")


def whole_list(urls: dict[int, str], runs: int, label: str = "SQLite") -> None:
    cli = [sys.executable, str(Path(sys.executable).with_name("afterword"))]
    if not Path(cli[1]).exists():
        cli = [sys.executable, "-m", "afterword.cli.main"]
    now = "2026-11-27T12:00:00+00:00"
    cases = {"list": [], "list --all": ["--all"], "list --json": ["--json"]}
    samples: dict[tuple[str, int], list[tuple[float, float, int]]] = {}
    for _n in range(runs):
        for name, extra in cases.items():
            for size, url in urls.items():
                report = Path(tempfile.mktemp(prefix="afterword-rusage-"))
                started = time.perf_counter()
                status = subprocess.call([sys.executable, "-S", "-c", LAUNCH, str(report), *cli, "--db", url, "list",
                                          "--now", now, *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                wall = time.perf_counter() - started
                if status != 0:
                    raise SystemExit(f"{name} at {size}: exit status {status}")
                cpu, rss = report.read_text().split()
                report.unlink()
                samples.setdefault((name, size), []).append((wall * 1000, float(cpu) * 1000, int(rss)))
    print(f"\n{label}: whole `afterword list` processes, median of {runs} (wall ms / CPU ms / largest RSS MB;"
          " started through a small launcher, about 15 ms of the wall time)")
    for name in cases:
        cells = []
        for size in sorted(urls):
            got = samples[(name, size)]
            wall = statistics.median(s[0] for s in got)
            cpu = statistics.median(s[1] for s in got)
            rss = max(s[2] for s in got) / 1024
            verdict = ""
            if name == "list" and size >= 50_000:
                verdict = " ok" if wall < 500 else " OVER 0.5 s"
            cells.append(f"{f'{size:,}':>7}: {wall:7.0f} / {cpu:6.0f} / {rss:5.0f}{verdict}")
        print(f"  {name:<12} " + "   ".join(cells))


# -- over HTTP ---------------------------------------------------------------------------------------------

def _client(port: int, paths: Sequence[str], seconds: float, start_at: float,
            out: multiprocessing.Queue[list[float]]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    samples: list[float] = []
    while time.time() < start_at:
        time.sleep(0.005)
    end = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        conn.request("GET", paths[n % len(paths)], headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"HTTP {response.status} for {paths[n % len(paths)]}")
        samples.append((time.perf_counter() - t0) * 1000)
        n += 1
    conn.close()
    out.put(samples)


def load(port: int, paths: Sequence[str], clients: int, seconds: float) -> tuple[float, float, float]:
    """Requests per second, p50 and p99 (ms) of `clients` client processes for `seconds`."""
    ctx = multiprocessing.get_context("fork")
    queue: multiprocessing.Queue[list[float]] = ctx.Queue()
    start_at = time.time() + 0.5
    procs = [ctx.Process(target=_client, args=(port, paths, seconds, start_at, queue)) for _ in range(clients)]
    for p in procs:
        p.start()
    samples = [s for _ in procs for s in queue.get(timeout=seconds + 120)]
    for p in procs:
        p.join()
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    return len(samples) / seconds, statistics.median(samples), p99


def serve(url: str, workers: int) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "afterword.cli.main", "serve", "--port", "0", "--no-browser", "--no-worker",
         "--workers", str(workers), "--db", url],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={**os.environ, "AFTERWORD_NOW": ""})
    assert proc.stdout is not None
    line = proc.stdout.readline()
    found = re.search(r":(\d+)/", line)
    if not found:
        proc.kill()
        raise SystemExit(f"serve did not start: {line!r}")
    port = int(found.group(1))
    for _ in range(400):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/static/app.css", headers={"Host": "127.0.0.1"})
            conn.getresponse().read()
            conn.close()
            break
        except OSError:
            time.sleep(0.05)
    return proc, port


def over_http(url: str, seconds: float) -> None:
    from store_seed import NOW

    from afterword.service.interviews import open_service

    service = open_service(url)
    try:
        ids = sorted({r.interview_id for r in service.due(NOW, limit=None)})[:20]
    finally:
        service.close()
    cores = os.cpu_count() or 1
    pages = {"dashboard": ["/"], "interview page": [f"/interviews/{i}" for i in ids]}
    print(f"\nover HTTP at {url.rsplit('/', 1)[-1]}: requests/s, p50 / p99 ms, {seconds:.0f} s each "
          f"({cores} cores; clients are processes on the same machine)")
    for workers in sorted({1, cores}):
        proc, port = serve(url, workers)
        try:
            for paths in pages.values():  # warm every process's caches: each page many times
                load(port, paths, 8, 4.0)
            for name, paths in pages.items():
                one = load(port, paths, 1, seconds)
                eight = load(port, paths, 8, seconds)
                verdict = "ok" if eight[2] < 250 else "p99 OVER 250 ms"
                print(f"  {workers} process{'es' if workers > 1 else '  '} {name:<15} "
                      f"1 client {one[0]:6.1f}/s {one[1]:6.1f} / {one[2]:6.1f}   "
                      f"8 clients {eight[0]:6.1f}/s {eight[1]:6.1f} / {eight[2]:6.1f}   "
                      f"8/1 = {eight[0] / one[0]:4.2f}x  {verdict}")
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default=f"{BASE},50000")
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "afterword-store-scale")
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--cli-runs", type=int, default=5)
    parser.add_argument("--http-seconds", type=float, default=5.0)
    parser.add_argument("--pg", action="store_true", help="also PostgreSQL (AFTERWORD_TEST_PG_URL)")
    parser.add_argument("--skip", default="", help="comma-separated: inproc,cli,http,sqlite")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    sizes = sorted(int(s) for s in args.sizes.split(","))
    args.dir.mkdir(parents=True, exist_ok=True)
    print(f"load average before: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    started = time.perf_counter()
    if "sqlite" not in skip:
        urls = {size: sqlite_db(args.dir, size) for size in sizes}
        print(f"SQLite databases ready in {args.dir} ({time.perf_counter() - started:.0f} s)")
        if "inproc" not in skip:
            in_process("SQLite", urls, args.runs)
        if "cli" not in skip:
            whole_list(urls, args.cli_runs)
        if "http" not in skip:
            over_http(urls[sizes[-1]], args.http_seconds)
    if args.pg:
        admin = os.environ.get("AFTERWORD_TEST_PG_URL")
        if not admin:
            raise SystemExit("--pg needs AFTERWORD_TEST_PG_URL (bash .ci/with-postgres.sh ...)")
        pg_urls = {size: pg_db(admin, size) for size in sizes}
        in_process("PostgreSQL", pg_urls, args.runs)
        if "cli" not in skip:
            whole_list(pg_urls, args.cli_runs, "PostgreSQL")
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")




if __name__ == "__main__":
    main()
