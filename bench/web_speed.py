"""Time the web UI over real HTTP on a big SQLite store: dashboard and interview page p50/p95.

Seeds 10,000 interviews / 50,000 contacts with `bench/store_seed.py` (or reuses --db), starts the
real app under uvicorn on a loopback port and requests the pages with a keep-alive HTTP client.
Target: under 100 ms at the 95th percentile. Also writes from a second process (the CLI's path,
`InterviewService.save_draft`) while the server writes, and counts "database is locked" failures.

Usage: python bench/web_speed.py [--db PATH] [--interviews N] [--runs R]
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import random
import socket
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import uvicorn
from store_seed import NOW, seed

from afterword.service.interviews import open_service
from afterword.web.app import create_app


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


class Client:
    """A keep-alive HTTP/1.1 client on the standard library, with as little overhead as possible."""

    def __init__(self, base: str) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict[str, str] | None = None,
                headers: dict[str, str] | None = None) -> Reply:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.conn.request(method, path, body=body, headers=sent)
        response = self.conn.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("set-cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return Reply(response.status, text)

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, data: dict[str, str], headers: dict[str, str]) -> Reply:
        return self.request("POST", path, data, headers)

    def close(self) -> None:
        self.conn.close()


@dataclass
class Reply:
    status_code: int
    text: str


def timed(name: str, runs: int, call: Callable[[int], Reply]) -> None:
    samples = []
    for n in range(runs):
        t0 = time.perf_counter()
        response = call(n)
        samples.append((time.perf_counter() - t0) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{name}: HTTP {response.status_code}")
    p50, p95 = percentiles(samples)
    verdict = "ok" if p95 < 100 else "OVER 100 ms"
    print(f"{name:<40} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   ({runs} runs) {verdict}")


def cli_writer(db: str, interview_id: int, contact: str, channel: str, seconds: float, out: multiprocessing.Queue[
        tuple[int, int, list[str]]]) -> None:
    """Another process saving drafts as fast as it can, like repeated CLI commands."""
    from afterword.store.errors import ConflictError

    service = open_service(db)
    ok, conflicts, errors = 0, 0, []
    version = service.touchpoint(interview_id, contact, channel).version
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            version = service.save_draft(interview_id, contact, channel, "Hi", f"cli {ok}", version)
            ok += 1
        except ConflictError as exc:
            conflicts += 1
            version = exc.current_version
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
    service.close()
    out.put((ok, conflicts, errors))


def serve(url: str, sock: socket.socket) -> None:
    app = create_app(url, now=lambda: NOW)
    uvicorn.Server(uvicorn.Config(app, log_level="error", access_log=False)).run(sockets=[sock])


def wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/static/app.css", timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit("the server did not start") from None
            time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--contacts-per", type=int, default=5)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--write-seconds", type=float, default=5.0)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="afterword-web-bench-")) / "bench.db"
    url = f"sqlite:///{path}"
    service = open_service(url)
    with service.store.read() as repo:
        have = repo.count()
    if have < args.interviews:
        seed(service, args.interviews - have, args.contacts_per)
    open_ids = sorted({r.interview_id for r in service.due(NOW, limit=None)})
    with service.store.read() as repo:
        contacts = repo.conn.exec_driver_sql("SELECT count(*) FROM contacts").scalar()
    service.close()
    print(f"database: {path} ({path.stat().st_size / 1e6:.1f} MB, {args.interviews:,} interviews, "
          f"{contacts:,} contacts, {len(open_ids):,} with follow-ups owed)")

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # TCP_NODELAY, see serve_cmd
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    # The server runs in its own process, as `afterword serve` would, so the client does not share its GIL.
    server = multiprocessing.get_context("fork").Process(target=serve, args=(url, sock), daemon=True)
    server.start()
    wait_until_up(base)
    rng = random.Random(11)
    picks = [rng.choice(open_ids) for _ in range(args.runs)]
    client = Client(base)
    client.get("/")  # CSRF cookie, warm-up
    for interview_id in dict.fromkeys(picks):  # first visit composes the drafts of an imported interview
        client.get(f"/interviews/{interview_id}")
    timed("GET / (dashboard)", args.runs, lambda n: client.get("/"))
    timed("GET /interviews/{id} (owed, drafted)", args.runs, lambda n: client.get(f"/interviews/{picks[n]}"))
    first = picks[0]
    page = client.get(f"/interviews/{first}").text
    key = page.split('id="card-', 1)[1].split('"', 1)[0]
    contact, channel = key.split("--")
    token = client.cookies["afterword_csrf"]
    timed("POST …/check (live findings)", args.runs,
          lambda n: client.post(f"/interviews/{first}/cards/{contact}/{channel}/check",
                                data={"body": f"Hello, thanks {n}", "subject": "Hi"},
                                headers={"x-csrftoken": token, "hx-request": "true"}))

    # Concurrent writers: this server saving one draft, another process saving another.
    other = next(i for i in open_ids if i != first)
    other_page = client.get(f"/interviews/{other}").text
    okey = other_page.split('id="card-', 1)[1].split('"', 1)[0]
    ocontact, ochannel = okey.split("--")
    queue: multiprocessing.Queue[tuple[int, int, list[str]]] = multiprocessing.Queue()
    proc = multiprocessing.Process(target=cli_writer,
                                   args=(url, other, ocontact, ochannel, args.write_seconds, queue))
    proc.start()
    web_ok, web_failed = 0, []
    end = time.monotonic() + args.write_seconds
    version = int(page.split(f'id="card-{key}"', 1)[1].split('name="version" value="', 1)[1].split('"', 1)[0])
    while time.monotonic() < end:
        r = client.post(f"/interviews/{first}/cards/{contact}/{channel}",
                        data={"subject": "Hi", "body": f"web {web_ok}", "version": str(version)},
                        headers={"x-csrftoken": token, "hx-request": "true"})
        if r.status_code == 200:
            web_ok += 1
            version += 1
        else:
            web_failed.append(f"HTTP {r.status_code}")
    cli_ok, cli_conflicts, cli_errors = queue.get(timeout=60)
    proc.join()
    client.close()
    locked = [e for e in [*web_failed, *cli_errors] if "locked" in e.lower()]
    print(f"concurrent writes for {args.write_seconds:.0f} s: web {web_ok} saves ({len(web_failed)} failed), "
          f"CLI process {cli_ok} saves ({cli_conflicts} version conflicts, {len(cli_errors)} failed); 'database is locked': {len(locked)}")
    server.terminate()
    server.join(timeout=10)


if __name__ == "__main__":
    main()
