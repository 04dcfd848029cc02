"""`afterword serve`: binds loopback, prints its URL, serves the UI; a busy port is one clear line."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Result


def test_serve_help_lists_the_options(run_cli: Callable[..., Result]) -> None:
    result = run_cli("serve", "--help")
    assert result.code == 0
    for option in ("--port", "--host", "--no-browser", "--db"):
        assert option in result.out


def test_busy_port_is_a_clear_error(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = run_cli("serve", "--port", str(port), "--no-browser", "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert result.code == 2
    assert result.err.startswith("afterword: error: --port: cannot listen on 127.0.0.1:")
    assert "Traceback" not in result.err


def test_serve_runs_on_loopback_and_prints_its_url(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "afterword.cli.main", "serve", "--port", "0", "--no-browser",
         "--db", f"sqlite:///{tmp_path / 'serve.db'}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("Afterword is running at http://127.0.0.1:")
        url = line.split()[4]
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    body = response.read().decode()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise AssertionError("the server did not answer")
        assert "<title>" in body and "Afterword" in body
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_listening_socket_is_tcp_so_responses_are_not_delayed() -> None:
    from afterword.cli.serve_cmd import _bind

    sock = _bind("127.0.0.1", 0)
    try:
        # asyncio sets TCP_NODELAY only on sockets whose proto is TCP; without it keep-alive
        # responses wait ~40 ms for a delayed ACK.
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()
