"""`afterword serve`: the local web UI on 127.0.0.1, over the same database as the CLI."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING, Any

import click

from afterword.core.errors import InputError

if TYPE_CHECKING:
    from afterword.delivery.worker import CycleReport, Worker
    from afterword.service.interviews import InterviewService

DEFAULT_PORT = 8765
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command("serve")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              help="TCP port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback exposes your notes to the network.")
@click.option("--no-browser", is_flag=True, help="Do not open a browser window.")
@click.option("--db", "db_option", metavar="URL", default=None,
              help="Database URL (sqlite:///… or postgresql://…); overrides the global --db.")
@click.option("--no-worker", is_flag=True,
              help="Do not send scheduled email from this process (run `afterword worker` elsewhere).")
@click.option("--workers", type=click.IntRange(1, 64), default=None, metavar="N",
              help="Web server processes (default: one per CPU core).")
@click.pass_context
def serve(ctx: click.Context, port: int, host: str, no_browser: bool, db_option: str | None,
          no_worker: bool, workers: int | None) -> None:
    """Open the local web UI: what is owed, capture an interview, polish and send the drafts.

    Serves from one process per CPU core (--workers), and runs the worker once beside them, which
    sends scheduled email when it is due."""
    import uvicorn

    from afterword.web.app import ServedApp, create_app

    db_url = db_option or (ctx.obj or {}).get("db_url")
    extra_hosts = () if host in LOOPBACK or host in ("0.0.0.0", "::") else (host,)
    processes = workers or default_workers()
    app: Any
    if processes == 1:
        app = create_app(db_url, allowed_hosts=extra_hosts)
    else:
        # Each process builds its own app (and database connections) on its first request; opening the
        # store here first creates or migrates it once and reports a bad database as one line, as above.
        from afterword.service.interviews import open_service
        from afterword.web.app import form_token_key

        open_service(db_url).close()
        app = ServedApp(db_url, extra_hosts, form_token_key())
    sock = _bind(host, port)
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    if host in ("0.0.0.0", "::"):
        shown = "127.0.0.1"
    url = f"http://{shown}:{port}/"
    click.echo(f"Afterword is running at {url}  (press Ctrl+C to stop)")
    if host not in LOOPBACK:
        click.echo(f"warning: bound to {host}; other machines on the network can reach it", err=True)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                            server_header=False, date_header=False, workers=processes)
    background = None if no_worker else _start_worker(db_url)
    if processes > 1:
        _serve_processes(config, sock, url, no_browser, background)
        return

    class Server(uvicorn.Server):
        """Stops the worker on shutdown: uvicorn re-raises SIGTERM afterwards, so no `finally` would run."""

        async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
            await super().shutdown(sockets)
            if background is not None:
                background.stop()

    server = Server(config)
    if not no_browser:
        _open_browser_when_ready(server, url)
    try:
        server.run(sockets=[sock])
    finally:
        if background is not None:
            background.stop()


def default_workers() -> int:
    """One web process per CPU core this process may use (at least one)."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _serve_processes(config: Any, sock: socket.socket, url: str, no_browser: bool,
                     background: BackgroundWorker | None) -> None:
    """Serve from `config.workers` processes sharing the listening socket (uvicorn's supervisor, which
    replaces a process that dies); this process only supervises and runs the delivery worker, so scheduled
    email goes out once however many processes serve. Ctrl+C or SIGTERM stops them all, then the worker."""
    from uvicorn.supervisors import Multiprocess

    if not no_browser:
        _open_browser_when_ready(None, url)
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        if background is not None:
            background.stop()


WORKER_INTERVAL = 60.0


class BackgroundWorker:
    """The delivery worker in a thread beside the web server; stopped when the server stops."""

    def __init__(self, service: InterviewService, runner: Worker) -> None:
        import threading

        self.service = service
        self.runner = runner
        self.thread = threading.Thread(target=self._loop, name="afterword-worker", daemon=True)
        self.stopped = False

    def _loop(self) -> None:
        from afterword.core.errors import AfterwordError

        while not self.runner.stop.is_set():
            try:
                self.runner.run(WORKER_INTERVAL, _show_cycle)
            except AfterwordError as exc:  # a lost database, say: report it and try again next pass
                click.echo(f"afterword: warning: worker: {exc.located()}", err=True)
            except Exception as exc:  # keep serving; print the class name only, never details
                click.echo(f"afterword: warning: worker pass failed ({type(exc).__name__}); trying again", err=True)
            self.runner.stop.wait(WORKER_INTERVAL)

    def start(self) -> BackgroundWorker:
        self.thread.start()
        return self

    def stop(self) -> None:
        """Let the worker finish the message in hand, then release the database (idempotent)."""
        if self.stopped:
            return
        self.stopped = True
        self.runner.stop.set()
        self.thread.join(timeout=30)
        self.service.close()
        click.echo("worker: stopped", err=True)


def _show_cycle(report: CycleReport) -> None:
    from afterword.cli.delivery_cmds import _report_lines

    for line in _report_lines(report.batch):
        click.echo(f"worker: {line}", err=True)
    for rid, state in report.recovered:
        click.echo(f"worker: recovered message {rid}: {state}", err=True)
    for note in report.notes:
        click.echo(f"worker: {note}", err=True)
    for error in report.errors:
        click.echo(f"afterword: warning: worker: {error}", err=True)
    if report.fault is not None:
        click.echo(f"afterword: warning: worker: the pass failed: {report.fault}; trying again", err=True)


def _start_worker(db_url: str | None) -> BackgroundWorker:
    """Start the worker whatever the mail settings say now: it re-reads them when `config.toml` changes
    (the settings page writes it), so SMTP set up while the server runs sends what is due."""
    from afterword.service.background import background_worker
    from afterword.service.interviews import open_service

    service = open_service(db_url)
    runner, warnings = background_worker(service)
    for warning in warnings:
        click.echo(f"afterword: warning: {warning}", err=True)
    click.echo("worker: sends scheduled email in the background (--no-worker to turn off)", err=True)
    return BackgroundWorker(service, runner).start()


def _bind(host: str, port: int) -> socket.socket:
    """Bind before starting, so a busy port is one clear line instead of a server log."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on accepted sockets whose proto says TCP,
    # and without it every keep-alive response waits ~40 ms for a delayed ACK (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc})", key="--port") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _open_browser_when_ready(server: object, url: str) -> None:
    import threading
    import time
    import webbrowser

    def wait_and_open() -> None:
        for _ in range(200):
            if getattr(server, "started", False) or (server is None and _answers(url)):
                webbrowser.open(url)
                return
            time.sleep(0.05)

    threading.Thread(target=wait_and_open, daemon=True).start()


def _answers(url: str) -> bool:
    """Whether the server at `url` answers (any HTTP status)."""
    import urllib.error
    import urllib.request

    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # our own port, never a proxy
    try:
        with direct.open(url + "static/app.css", timeout=1):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
