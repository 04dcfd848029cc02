"""Safe data: a private data folder, an export that never leaves a truncated file, and a server that notices
when its SQLite file is deleted or replaced under it (instead of writing into a file nobody will see)."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from afterword.core.errors import StoreError
from afterword.core.notes import load_notes
from afterword.service.interviews import open_service
from afterword.store import outbox
from tests.conftest import EXAMPLES, ROOT, Result

NOTES = EXAMPLES / "northwind-panel.toml"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_folder_is_private(tmp_path: Path, run_cli: Callable[..., Result],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "new" / "afterword"
    monkeypatch.setenv("AFTERWORD_HOME", str(home))
    old = os.umask(0o022)
    try:
        assert run_cli("import", str(NOTES)).code == 0
    finally:
        os.umask(old)
    assert _mode(home) == 0o700
    for name in ("afterword.db", "afterword.db-wal", "afterword.db-shm"):
        if (home / name).exists():
            assert _mode(home / name) == 0o600, name
    assert (home / "afterword.db").exists()


def test_an_older_open_data_folder_is_narrowed(tmp_path: Path, run_cli: Callable[..., Result],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("AFTERWORD_HOME", str(home))
    assert run_cli("import", str(NOTES)).code == 0
    home.chmod(0o755)
    (home / "afterword.db").chmod(0o644)
    assert run_cli("list").code == 0
    assert _mode(home) == 0o700 and _mode(home / "afterword.db") == 0o600


def test_a_folder_chosen_with_db_keeps_its_mode(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    assert run_cli("--db", f"sqlite:///{shared / 'team.db'}", "import", str(NOTES)).code == 0
    assert _mode(shared) == 0o755
    assert _mode(shared / "team.db") == 0o600  # a new database file is private wherever it is


def test_export_out_never_leaves_a_truncated_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk is full for the exporting process (RLIMIT_FSIZE): the old file stays whole, no temp file left."""
    home = tmp_path / "home"
    monkeypatch.setenv("AFTERWORD_HOME", str(home))
    service = open_service(None)  # stays open, so the reader finds the database's -shm file in place
    try:
        ident = service.import_interview(load_notes(str(NOTES)))
        out = tmp_path / "notes.toml"
        out.write_text("# my edited notes\n" * 3)
        before = out.read_text()

        def full_disk() -> None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (200, resource.RLIM_INFINITY))

        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
        done = subprocess.run([sys.executable, "-m", "afterword.cli.main", "export", str(ident), "--out", str(out)],
                              cwd=ROOT, env=env, capture_output=True, text=True, preexec_fn=full_disk, timeout=60)
        assert done.returncode == 2, done.stderr
        assert "the file is unchanged" in done.stderr and done.stderr.count("\n") == 1
        assert out.read_text() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "notes.toml"]
        again = subprocess.run([sys.executable, "-m", "afterword.cli.main", "export", str(ident), "--out", str(out)],
                               cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert again.returncode == 0, again.stderr
        assert load_notes(str(out)).company == "Northwind Health"
    finally:
        service.close()


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_writes_stop_when_the_database_file_is_deleted_or_replaced(tmp_path: Path, how: str) -> None:
    path = tmp_path / "afterword.db"
    service = open_service(f"sqlite:///{path}")
    try:
        ident = service.import_interview(load_notes(str(NOTES)))
        copy = tmp_path / "copy.db"
        with sqlite3.connect(path) as source, sqlite3.connect(copy) as target:
            source.backup(target)  # the whole database, the part still in the -wal file included
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        if how == "replaced":
            shutil.copy(copy, path)
        with pytest.raises(StoreError) as caught:
            service.delete_interview(ident)
        assert "deleted or replaced while Afterword was running" in caught.value.message
        assert caught.value.file == str(path)
        with pytest.raises(StoreError):  # the outbox's writes too
            outbox.cancel(service.store.engine, 1, datetime.now(UTC))
    finally:
        service.close()
    if how == "replaced":
        reopened = open_service(f"sqlite:///{path}")  # a new start uses the new file
        try:
            assert reopened.get_interview(ident)[0].company == "Northwind Health"
        finally:
            reopened.close()
