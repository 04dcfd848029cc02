"""Regular expressions compiled ahead (issue 14, point 2): each prepared pattern is what `re` compiles
itself, a file from another Python or a damaged one is ignored, and commands print the same with or
without the file."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest

from afterword.core import prepared

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [
    (r"(?<!\w)I\s+wonder(?!\w)", re.IGNORECASE), (r"(?P<sleep>\b(?:no|little) (?:sleep|slept)\b)|(?P<age>\d+ jaar)", 0),
    (r"(?i)ünïcode|[^\W\d_]+", 0), (r"\{\{\s*([A-Za-z_]\w*)\s*\}\}", 0), (r"^\s*$", re.MULTILINE),
    (r"(a)(b)?(?:c|d)*\1", re.VERBOSE | re.DOTALL),
]
TEXTS = ["I  wonder when", "no sleep, 34 jaar", "ÜNÏCODE word_1 woord", "{{ name }} {{x}}", "a\n\nb", "abcdcda"]


def test_prepared_patterns_are_what_re_compiles(tmp_path: Path) -> None:
    path = tmp_path / "patterns.bin"
    assert prepared.record(SAMPLES, path) == len(SAMPLES)
    loaded = prepared.patterns(path)
    assert list(loaded) == SAMPLES
    for (pattern, flags), compiled in loaded.items():
        fresh = re.compile(pattern, flags)
        assert compiled == fresh  # same flags and the same compiled code
        assert (compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex) == (
            fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex)
        for text in TEXTS:
            assert [m.span() for m in compiled.finditer(text)] == [m.span() for m in fresh.finditer(text)]


def test_the_installed_file_matches_this_python() -> None:
    if not prepared.PATH.is_file():
        pytest.skip("no prepared patterns here (`make setup` writes them)")
    loaded = prepared.patterns()
    assert len(loaded) > 100
    assert all(compiled == re.compile(pattern, flags) for (pattern, flags), compiled in loaded.items())


def test_another_pythons_or_a_damaged_file_is_ignored(tmp_path: Path) -> None:
    other = tmp_path / "other.bin"
    other.write_bytes(marshal.dumps(("1|2.7.18|20171005|4", [])))
    damaged = tmp_path / "damaged.bin"
    prepared.record(SAMPLES, damaged)
    damaged.write_bytes(damaged.read_bytes()[:1000])
    for path in (other, damaged, tmp_path / "missing.bin"):
        assert prepared.patterns(path) == {}
        assert prepared.load(path) == 0


def test_load_fills_res_cache_and_leaves_room(tmp_path: Path) -> None:
    path = tmp_path / "patterns.bin"
    many = [(rf"word{i}\b", 0) for i in range(600)]
    prepared.record(many, path)
    saved = dict(re._cache)  # type: ignore[attr-defined]
    re.purge()
    try:
        added = prepared.load(path)
        assert 0 < added <= re._MAXCACHE - 100  # type: ignore[attr-defined]
        assert re.compile("word0\\b") is re._cache[(str, "word0\\b", 0)]  # type: ignore[attr-defined]
    finally:
        re.purge()
        re._cache.update(saved)  # type: ignore[attr-defined]


@pytest.mark.parametrize("args", [
    ["draft", "examples/northwind-panel.toml", "--now", "2026-11-27T19:30:00+00:00"],
    ["draft", "examples/rijnland-gesprek.toml", "--now", "2026-11-27T19:30:00+00:00", "--json"],
    ["check", "tests/data/drafts/notes/acme-panel.toml", "tests/data/drafts/en/maria-clean.txt", "--to", "maria"],
], ids=lambda a: " ".join(a[:2]))
def test_commands_print_the_same_with_and_without_prepared_patterns(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "patterns.bin"
    code = ("import sys; from pathlib import Path; from afterword.core import prepared; "
            "prepared.PATH = Path(sys.argv[1]); from afterword.cli.main import run; "
            "import re; code = run(sys.argv[2:]); print('EXIT', code, len(re._cache), file=sys.stderr)")

    def afterword() -> tuple[str, str]:
        done = subprocess.run([sys.executable, "-c", code, str(path), *args], capture_output=True, text=True,
                              cwd=ROOT, env={"NO_COLOR": "1", "COLUMNS": "120", "AFTERWORD_HOME": str(tmp_path),
                                             "PATH": "/usr/bin:/bin"}, check=False)
        return done.stdout, done.stderr

    without = afterword()
    from afterword.cli.prepare import record_patterns

    prepared.record(record_patterns([ROOT / "examples" / "northwind-panel.toml"]), path)
    assert prepared.patterns(path)
    with_file = afterword()
    assert with_file[0] == without[0] and with_file[0]
    assert with_file[1].rsplit("EXIT", 1)[0] == without[1].rsplit("EXIT", 1)[0]
