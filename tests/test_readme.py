"""The README's tour, run: every `afterword …` line of its ```sh blocks, against the bundled examples.

Each line runs as written, through the installed `afterword` command, in README order (the tour
builds on itself: `invite` writes the notes `contacts` completes, `draft --json` writes the drafts
`check --drafts` reads, `import` stores the interview `show 1` and `send 1` use), in a temporary
folder with a copy of `examples/` and an empty Afterword home. Only three things differ from a reader
at a terminal:

- the clock: commands that take `--now` get the evening after the interview, as `make demo` does
  (`check` gets `--sent-at`), so the countdown and the timing checks do not depend on today;
- the files the README assumes the reader has (an invitation, a business card, an edited draft) come
  from tests/data;
- the commands listed in SAFE_FORMS, which would run until stopped, send email or open a browser,
  run in the safe form given there, for the reason given there.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

from tests.conftest import DATA, EXAMPLES, ROOT

README = ROOT / "README.md"
#: The evening after the Northwind panel, as in `make demo`.
NOW = "2026-11-27T19:30:00+00:00"
#: Files the README's commands take as given, by the name the README uses.
PROVIDED = {
    "invitation.ics": DATA / "ics" / "google-meet-amsterdam.ics",
    "card.vcf": DATA / "vcf" / "business-card-scan.vcf",
    "my-draft.txt": DATA / "readme" / "my-draft.txt",
}
#: README lines (comment dropped) that run in another form: (the arguments after `afterword`, why).
SAFE_FORMS: dict[str, tuple[list[str] | None, str]] = {
    "afterword worker": (["worker", "--once"], "runs until stopped; --once does one full pass and exits"),
    "afterword serve": (None, "serves until stopped and opens a browser: started with --no-browser "
                              "--no-worker on a free port, asked for the dashboard, stopped with Ctrl+C"),
}
#: Exit codes other than 0, and text the output must hold, per README line.
EXIT_CODES: dict[str, tuple[int, ...]] = {
    # 1 when a finding is an error (the edited draft has a warning only, but the checker may grow).
    "afterword check examples/northwind-panel.toml my-draft.txt --to grace": (0, 1),
    "afterword check examples/northwind-panel.toml --drafts drafts.json": (0, 1),
    # No [smtp] table in the test's home: as the README says, send names the file instead.
    "afterword send 1 --contact grace": (2,),
    # Stopped with Ctrl+C: 130, as any interrupted program.
    "afterword serve": (0, 130),
}
MUST_SAY: dict[str, str] = {
    "afterword check examples/northwind-panel.toml my-draft.txt --to grace": "subject-generic",
    "afterword send 1 --contact grace": "config.toml",
    "afterword serve": "HTTP 200",
}
#: Shell lines in the README that are not `afterword` commands, and where they are tested.
OTHER_LINES = {
    "make demo": "the same `afterword draft` as the tour's first draft line",
    "make test": "runs this test",
}


def readme_lines() -> list[str]:
    """Every command line of the README's ```sh blocks, comments dropped, in order."""
    blocks = re.findall(r"^```sh\n(.*?)^```", README.read_text(encoding="utf-8"), flags=re.M | re.S)
    lines = []
    for block in blocks:
        for raw in block.splitlines():
            words = shlex.split(raw, comments=True)
            if words:
                lines.append(shlex.join(words))
    return lines


LINES = readme_lines()
COMMANDS = [line for line in LINES if line.startswith("afterword ")]


@dataclass
class Outcome:
    argv: list[str]
    code: int
    out: str
    err: str


def _afterword() -> list[str]:
    script = Path(sys.executable).with_name("afterword")
    if script.exists():
        return [str(script)]
    found = shutil.which("afterword")
    return [found] if found else [sys.executable, "-c", "from afterword.cli.main import main; main()"]


def _clock_option(name: str) -> str | None:
    from afterword.cli.main import cli

    command = cli.get_command(click.Context(cli), name)
    assert command is not None, f"README uses `afterword {name}`, which is not a command"
    options = {opt for param in command.params for opt in param.opts}
    return next((opt for opt in ("--now", "--sent-at") if opt in options), None)


def _argv(line: str) -> tuple[list[str], str | None]:
    """The arguments after `afterword` (safe form and clock applied), and the file stdout goes to."""
    words = shlex.split(line)[1:]
    target = None
    if ">" in words:
        at = words.index(">")
        words, target = words[:at], words[at + 1]
    assert not {"|", "<", ">>", "&&", ";"} & set(words), f"a shell construct the test does not run: {line}"
    safe = SAFE_FORMS.get(line)
    if safe and safe[0] is not None:
        words = list(safe[0])
    clock = _clock_option(words[0])
    if clock:
        words += [clock, NOW]
    return words, target


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _serve(exe: list[str], cwd: Path, env: dict[str, str]) -> Outcome:
    port = _free_port()
    argv = [*exe, "serve", "--no-browser", "--no-worker", "--port", str(port)]
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    status = "no answer"
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    status = f"HTTP {response.status}"
                    break
            except OSError:
                time.sleep(0.1)
    finally:
        if process.poll() is None:
            process.send_signal(2)  # Ctrl+C, as the README's reader stops it
        try:
            out, err = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
    return Outcome(argv, process.returncode, f"{out}\n{status}", err)


@pytest.fixture(scope="module")
def tour(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Run the whole tour once, in README order; the tests below look at one line each."""
    work = tmp_path_factory.mktemp("readme-tour")
    shutil.copytree(EXAMPLES, work / "examples")
    for name, source in PROVIDED.items():
        shutil.copyfile(source, work / name)
    env = {k: v for k, v in os.environ.items()
           if k not in ("AFTERWORD_DB", "AFTERWORD_SMTP_PASSWORD", "AFTERWORD_IMAP_PASSWORD",
                        "AFTERWORD_TEMPLATES", "AFTERWORD_DEBUG")}
    env.update(AFTERWORD_HOME=str(work / "home"), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
               BROWSER="true", COLUMNS="100")
    exe = _afterword()
    outcomes = {}
    for line in COMMANDS:
        if line == "afterword serve":
            outcomes[line] = _serve(exe, work, env)
            continue
        words, target = _argv(line)
        done = subprocess.run([*exe, *words], cwd=work, env=env, capture_output=True, text=True, timeout=120)
        out = done.stdout
        if target is not None:
            (work / target).write_text(done.stdout, encoding="utf-8")
            out = f"(wrote {len(done.stdout)} characters to {target})"
        outcomes[line] = Outcome([*exe, *words], done.returncode, out, done.stderr)
    return outcomes


def test_the_readme_has_a_tour() -> None:
    assert len(COMMANDS) >= 15, COMMANDS


def test_every_shell_line_is_an_afterword_command_or_known() -> None:
    others = [line for line in LINES if not line.startswith("afterword ")]
    assert set(others) <= set(OTHER_LINES), f"README shell lines this test does not run: {others}"


def test_the_tables_name_readme_lines() -> None:
    """An entry for a line the README no longer has would hide that the README changed."""
    for table in (SAFE_FORMS, EXIT_CODES, MUST_SAY):
        assert set(table) <= set(COMMANDS), set(table) - set(COMMANDS)


def test_the_files_it_assumes_are_provided_or_made_by_an_earlier_line() -> None:
    made: set[str] = set()
    for line in COMMANDS:
        words = shlex.split(line)
        for i, word in enumerate(words[1:], 1):
            if re.fullmatch(r"[\w./-]+\.(toml|ics|vcf|txt|json)", word) and words[i - 1] not in (">", "--out"):
                exists = (ROOT / word).exists() or word in PROVIDED or word in made
                assert exists, f"{line}: {word} is neither in the repository, nor provided, nor made earlier"
        made.update(words[i + 1] for i in range(len(words) - 1) if words[i] in (">", "--out"))


@pytest.mark.parametrize("line", COMMANDS)
def test_readme_command(line: str, tour: dict[str, Outcome]) -> None:
    outcome = tour[line]
    shown = f"{shlex.join(outcome.argv[1:])}\n--- exit {outcome.code}\n{outcome.out[-3000:]}\n--- stderr\n{outcome.err[-3000:]}"
    assert outcome.code in EXIT_CODES.get(line, (0,)), shown
    assert "Traceback" not in outcome.out + outcome.err, shown
    assert "internal error" not in outcome.err, shown
    if line in MUST_SAY:
        assert MUST_SAY[line] in outcome.out + outcome.err, shown
