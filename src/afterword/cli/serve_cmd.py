"""`afterword serve`: the local web UI on 127.0.0.1, over the same database as the CLI."""

from __future__ import annotations

import socket

import click

from afterword.core.errors import InputError

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
@click.pass_context
def serve(ctx: click.Context, port: int, host: str, no_browser: bool, db_option: str | None) -> None:
    """Open the local web UI: what is owed, capture an interview, polish the drafts."""
    import uvicorn

    from afterword.web.app import create_app

    db_url = db_option or (ctx.obj or {}).get("db_url")
    extra_hosts = () if host in LOOPBACK or host in ("0.0.0.0", "::") else (host,)
    app = create_app(db_url, allowed_hosts=extra_hosts)
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
                            server_header=False, date_header=False)
    server = uvicorn.Server(config)
    if not no_browser:
        _open_browser_when_ready(server, url)
    server.run(sockets=[sock])


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
        for _ in range(100):
            if getattr(server, "started", False):
                webbrowser.open(url)
                return
            time.sleep(0.05)

    threading.Thread(target=wait_and_open, daemon=True).start()
