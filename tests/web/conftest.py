"""Fixtures for the web UI: an app over a temporary SQLite file with a fixed clock, and clients."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from afterword.core.notes import load_notes
from afterword.core.timeutil import parse_instant
from afterword.service.pages import Pages
from afterword.web.app import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SHARED = Path(__file__).resolve().parents[1] / "data" / "shared" / "examples"
ACME = SHARED / "acme-panel.toml"
GEMEENTE = SHARED / "gemeente-een-op-een.toml"
#: Acme's panel ends 2026-11-27 15:30 +01:00, so this is two and a half hours later.
NOW = parse_instant("2026-11-27T18:00:00+01:00")
BASE_URL = "http://127.0.0.1:8765"


@pytest.fixture(autouse=True)
def mail_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Mail settings live here (none by default), never in the user's own config directory."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("AFTERWORD_HOME", str(home))
    monkeypatch.delenv("AFTERWORD_SMTP_PASSWORD", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return home


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'web.db'}"


@pytest.fixture
def app(db_url: str) -> Litestar:
    return create_app(db_url, now=lambda: NOW, csrf_secret="test-secret-for-csrf")


@pytest.fixture
def client(app: Litestar) -> Iterator[TestClient[Litestar]]:
    with TestClient(app, base_url=BASE_URL) as c:
        c.get("/")  # sets the CSRF cookie
        yield c


def backend(app: Litestar) -> Pages:
    found: Pages = app.state["backend"]
    return found


def csrf(client: TestClient[Litestar]) -> str:
    token = client.cookies.get("afterword_csrf")
    assert token, "the CSRF cookie is set on the first GET"
    return str(token)


def store_example(app: Litestar, path: Path = ACME, now: datetime = NOW) -> int:
    """Store an example notes file the way the upload does (with composed drafts)."""
    return backend(app).add(load_notes(path), now)


def card_version(html: str, key: str) -> int:
    """The hidden version field of the card `key` (`maria--email`) on an interview page."""
    section = html.split(f'id="card-{key}"', 1)[1]
    m = re.search(r'name="version" value="(\d+)"', section)
    assert m is not None
    return int(m.group(1))


def form_post(client: TestClient[Litestar], url: str, data: dict[str, Any] | list[tuple[str, str]],
              **kwargs: Any) -> Any:
    items = list(data.items()) if isinstance(data, dict) else list(data)
    items.append(("_csrf_token", csrf(client)))
    grouped: dict[str, list[str]] = {}
    for key, value in items:
        grouped.setdefault(key, []).append(value)
    return client.post(url, data=grouped, follow_redirects=False, **kwargs)


GOOD_BODY = (
    "Hi {given},\n\nThank you for the conversation about real-time shipment visibility. Your point about the "
    "nightly batch that leaves the shipment status six hours behind stayed with me: at my last job I moved an "
    "order pipeline from nightly batch to Kafka streaming, cutting the data delay from 8 hours to 2 minutes.\n\n"
    "Which metric would tell you after 90 days that the streaming platform is working?\n\nBest regards,\nSam"
)


def store_with_drafts(app: Litestar, path: Path = ACME, body: str = GOOD_BODY) -> int:
    """Store an example with a known draft per contact and channel (independent of the composer)."""
    from afterword.core.lang.names import given_name
    from afterword.core.model import Channel, Draft

    interview = load_notes(path)
    service = backend(app).service
    interview_id = service.import_interview(interview, at=NOW)
    drafts = [
        Draft(c.id, ch, interview.language_of(c),
              body.format(given=given_name(c.name)) if ch is Channel.EMAIL else f"Hi {given_name(c.name)}, "
              "thanks for the talk about real-time shipment visibility. Sam",
              "Real-time shipment visibility at Acme" if ch is Channel.EMAIL else None)
        for c in interview.contacts for ch in c.channels
    ]
    service.ensure_drafts(interview_id, drafts, at=NOW)
    return interview_id
