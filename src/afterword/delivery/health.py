"""The worker's health, written after every pass to a small JSON file so `afterword worker --status` can read it.

One file per worker process and database (`worker-<database key>-<pid>.json` in the Afterword folder):
the web server's worker and a standalone one each have their own. A file, not the database, because
the faults worth reporting (a database that went away, a full disk) are the ones that stop the
database from taking a write; a failed write of this file is ignored, it never stops the worker.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any


@dataclass
class WorkerHealth:
    identity: str
    pid: int
    host: str
    database: str
    started_at: datetime
    state: str = "running"  # running | stopped
    last_pass_at: datetime | None = None
    last_ok_at: datetime | None = None
    #: Passes that failed in a row (0: the last one worked).
    failures: int = 0
    #: Why the last pass failed, when it did.
    fault: str | None = None
    #: What went wrong in the last pass without failing it (an IMAP server down, a refused SMTP login).
    errors: list[str] = field(default_factory=list)
    next_pass_at: datetime | None = None
    smtp_paused_until: datetime | None = None

    @property
    def healthy(self) -> bool:
        return self.state == "running" and self.failures == 0 and not self.errors

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in data.items()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WorkerHealth:
        times = {"started_at", "last_pass_at", "last_ok_at", "next_pass_at", "smtp_paused_until"}
        values: dict[str, Any] = {k: (datetime.fromisoformat(v) if k in times and isinstance(v, str) else v)
                  for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**values)


def database_key(database: str) -> str:
    return hashlib.sha256(database.encode("utf-8")).hexdigest()[:12]


def health_path(directory: Path, database: str, pid: int | None = None) -> Path:
    return directory / f"worker-{database_key(database)}-{os.getpid() if pid is None else pid}.json"


def write_health(path: Path, health: WorkerHealth) -> bool:
    """Replace the file in one step (write a temporary file, then rename), readable by the owner only."""
    temporary = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(health.to_json(), out)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return False
    return True


def read_health(directory: Path, database: str) -> list[WorkerHealth]:
    """The workers that reported on `database`, the latest pass first."""
    found: list[WorkerHealth] = []
    for path in directory.glob(f"worker-{database_key(database)}-*.json"):
        try:
            found.append(WorkerHealth.from_json(json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError, TypeError):
            continue  # half-written by a crash, or not ours: not a worker we can say anything about
    return sorted(found, key=lambda h: h.last_pass_at or h.started_at, reverse=True)


def forget_dead(directory: Path, database: str, is_dead: Any) -> None:
    """Remove the files of workers on this host whose process is gone (called when a worker starts)."""
    for health in read_health(directory, database):
        if health.host == socket.gethostname() and health.pid != os.getpid() and is_dead(health.identity):
            with contextlib.suppress(OSError):
                health_path(directory, database, health.pid).unlink()
