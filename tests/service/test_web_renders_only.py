"""The web keeps handlers, templates and rendering: its use cases are the service's (`service.pages`,
`service.mail_desk`), and below the service it reaches only the core."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from afterword.core.model import Language
from afterword.service.interviews import open_service
from afterword.service.mail_desk import MailDesk

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "src" / "afterword" / "web"
BELOW = ("afterword.store", "afterword.delivery", "afterword.interop", "afterword.compose", "afterword.check",
         "afterword.plan")


def test_the_web_imports_nothing_below_the_service_but_core() -> None:
    """Stricter than the import-linter contract: type-only imports count too."""
    found = []
    for path in sorted(WEB.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            found += [f"{path.name}:{node.lineno}: {n}" for n in names if n.startswith(BELOW)]
    assert found == []


def test_the_import_contracts_are_kept() -> None:
    done = subprocess.run([str(Path(sys.executable).parent / "lint-imports")], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "The web renders: below the service it reaches only core" in done.stdout


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MailDesk]:
    monkeypatch.setenv("AFTERWORD_HOME", str(tmp_path))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    service = open_service(f"sqlite:///{tmp_path / 'afterword.db'}")
    yield MailDesk(service)
    service.close()


def test_without_smtp_the_desk_decides_and_the_web_words_it(desk: MailDesk) -> None:
    from datetime import UTC, datetime

    from afterword.service.mail_desk import Refusal
    from afterword.web.i18n import UiText
    from afterword.web.mail import notice_for, panel_in_words

    now = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    attempt = desk.send(1, ["maria"], None, now, Language.EN)
    assert attempt.refused is Refusal.NOT_SET_UP and attempt.outcome is None
    panel = desk.panel(1, [], now, Language.EN)
    assert not panel.configured and panel.setup is None  # no words in the service
    for language, said in [(Language.EN, "Email sending is not set up yet."),
                           (Language.NL, "E-mail versturen is nog niet ingesteld.")]:
        ui = UiText(language)
        assert panel_in_words(panel, ui.gettext).setup == said
        assert (notice_for(attempt, ui.gettext).kind, notice_for(attempt, ui.gettext).text) == ("error", said)
