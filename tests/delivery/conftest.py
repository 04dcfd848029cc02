"""Fixtures for the delivery tests: a migrated database, real SMTP servers, a config directory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from tests.delivery.dovecot import IMAP_PASSWORD, IMAP_USER
from tests.delivery.servers import PASSWORD, USER, Handler, SilentServer, SmtpServer, make_cert, start_smtp


def open_engine(url: str) -> Engine:
    import afterword.store.outbox  # noqa: F401  (registers the outbox tables on the shared MetaData)
    from afterword.store.engine import make_engine, normalise_url
    from afterword.store.migrate import ensure_head

    engine = make_engine(normalise_url(url))
    ensure_head(engine, read_only=False, where=url)
    return engine


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'afterword.db'}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = open_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def cert_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_cert(tmp_path_factory.mktemp("cert"))


@pytest.fixture
def smtp_server() -> Iterator[Callable[..., SmtpServer]]:
    started: list[SmtpServer] = []

    def start(handler: Handler | None = None, **kwargs: Any) -> SmtpServer:
        server = start_smtp(handler or Handler(), **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def silent_server() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


@pytest.fixture(scope="session")
def dovecot(cert_dir: Path) -> Iterator[Any]:
    """A real Dovecot IMAP server (plain on `.port`, TLS on `.tls_port`) for the whole session."""
    from tests.delivery.dovecot import available, start_dovecot

    if not available():
        pytest.fail("Dovecot is needed for the IMAP tests: apt-get install dovecot-imapd")
    server = start_dovecot(cert_dir)
    yield server
    server.stop()


@pytest.fixture
def imap_clean(dovecot: Any) -> Any:
    """The Dovecot server with an empty INBOX and Sent folder."""
    from imap_tools import MailBoxUnencrypted

    from tests.delivery.dovecot import IMAP_PASSWORD, IMAP_USER

    with MailBoxUnencrypted("127.0.0.1", dovecot.port).login_utf8(IMAP_USER, IMAP_PASSWORD) as box:
        for folder in ("INBOX", "Sent"):
            box.folder.set(folder)
            uids = box.uids()
            if uids:
                box.delete(uids)
    return dovecot


def _pg_base_url() -> str | None:
    import os
    import subprocess

    url = os.environ.get("AFTERWORD_TEST_PG_URL")
    if url:
        return url
    script = Path(__file__).resolve().parents[2] / ".ci" / "postgres.sh"
    if os.geteuid() != 0 or not script.exists():
        return None
    done = subprocess.run([str(script)], capture_output=True, text=True, timeout=180)
    return done.stdout.strip() or None


@pytest.fixture(scope="session")
def pg_base_url() -> str:
    url = _pg_base_url()
    if url is None:
        pytest.skip("PostgreSQL is not available: set AFTERWORD_TEST_PG_URL or run .ci/postgres.sh as root")
    return url


@pytest.fixture
def pg_url(pg_base_url: str) -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards."""
    import secrets

    import psycopg

    name = f"afterword_delivery_{secrets.token_hex(4)}"
    base = pg_base_url.replace("postgresql://", "postgresql://", 1)
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield base.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, smtp_server: Callable[..., SmtpServer],
         imap_clean: Any, cert_dir: Path) -> dict[str, Any]:
    server = smtp_server(auth=True, starttls=cert_dir)
    (tmp_path / "config.toml").write_text(f"""
[smtp]
host = "127.0.0.1"
port = {server.port}
security = "starttls"
username = "{USER}"
from = "Priya Raman <priya.raman@example.org>"
ca_file = "{cert_dir / 'cert.pem'}"
timeout = 5

[imap]
host = "127.0.0.1"
port = {imap_clean.port}
security = "none"
username = "{IMAP_USER}"

[social]
linkedin_free_notes = 2
""")
    secret = tmp_path / "imap.password"
    secret.write_text(IMAP_PASSWORD + "\n")
    secret.chmod(0o600)
    monkeypatch.setenv("AFTERWORD_HOME", str(tmp_path))
    monkeypatch.setenv("AFTERWORD_SMTP_PASSWORD", PASSWORD)
    monkeypatch.delenv("AFTERWORD_IMAP_PASSWORD", raising=False)
    monkeypatch.delenv("AFTERWORD_DB", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return {"dir": tmp_path, "smtp": server, "imap": imap_clean}
