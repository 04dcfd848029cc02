"""OS processes writing at once (a CLI import loop and two draft-saving loops) never hit "database is locked"."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from afterword.core.notes import load_notes
from afterword.service.interviews import InterviewService
from tests.conftest import ROOT, example_files

ROUNDS = 20
EDITS = 150

_IMPORTER = """
import os, sys, time
from pathlib import Path
from afterword.cli.main import run
url, notes, other, go = sys.argv[1:5]
Path(go + ".importer").touch()
while not Path(go).exists():
    time.sleep(0.005)
for i in range({rounds}):
    for path, flags in ((notes, ["--replace"]), (other, ["--replace"])):
        code = run(["--db", url, "import", path, *flags])
        if code != 0:
            sys.exit(f"import failed with exit {{code}} in round {{i}}")
"""

_EDITOR = """
import sys, time
from pathlib import Path
from afterword.service.interviews import open_service
url, iid, contact, channel, go = sys.argv[1:6]
service = open_service(url)
Path(go + "." + contact).touch()
while not Path(go).exists():
    time.sleep(0.005)
version = 0
for i in range({edits}):
    version = service.save_draft(int(iid), contact, channel, "Thanks", f"edit {{i}}", version)
    if i % 10 == 9:
        version = service.set_status(int(iid), contact, channel, "scheduled", expected_version=version)
service.close()
"""


def _spawn(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_cli_imports_and_draft_saves_at_the_same_time(db_url: str, service: InterviewService,
                                                      tmp_path: Path) -> None:
    notes = next(p for p in example_files() if "northwind" in p.name)
    other = next(p for p in example_files() if "rijnland" in p.name)
    interview = load_notes(notes)
    iid = service.import_interview(interview)
    people = [c.id for c in interview.contacts if c.email][:2]
    go = tmp_path / "go"
    editors = [_spawn(_EDITOR.format(edits=EDITS), db_url, str(iid), who, "email", str(go)) for who in people]
    importer = _spawn(_IMPORTER.format(rounds=ROUNDS), db_url, str(notes), str(other), str(go))
    procs = [*editors, importer]
    deadline = time.monotonic() + 120
    while not all(Path(f"{go}.{who}").exists() for who in (*people, "importer")):
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs)
        time.sleep(0.01)
    go.touch()  # all are loaded and connected: start writing together
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert "locked" not in err.lower()
        assert proc.returncode == 0, err
    assert results[-1][0].split() == [str(iid), str(iid + 1)] * ROUNDS
    for who in people:
        tp = service.touchpoint(iid, who, "email")
        assert tp.body == f"edit {EDITS - 1}"
        assert tp.version == EDITS + 1  # one version per edit, plus the first `scheduled` (edits keep it scheduled)
        assert [h.status for h in tp.history] == ["edited", "scheduled"]
    assert service.get_interview(iid)[0] == interview
