"""Regular expressions compiled once at install time instead of in every process (a faster CLI start).

Python compiles each pattern anew in every process: a `draft` of the five-person example compiles about
230 (the phrase lists, the notes readers, Jinja's lexer), about 150 ms of a 550 ms run. `make setup` runs
`python -m afterword.cli.prepare`, which drafts, checks and plans the bundled examples and writes what
`re` compiled for them to a file beside the package (`record`), as compileall writes bytecode. A command
then puts those patterns in `re`'s own cache before it starts (`load`), so `re.compile` finds them there.

The file holds `re`'s compiled form for one exact Python (its version and the regex engine's magic
number are in the header; any other Python ignores the file). Each entry is the same code `re` itself
would produce from the same pattern and flags: a test compares every entry with a fresh compile.
Only the bundled examples are run to make it; nothing of the user's is ever written to it.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: Where `make setup` writes the patterns (beside the package, like its bytecode).
PATH = Path(__file__).resolve().parent.parent / f"_patterns.{sys.implementation.cache_tag}.bin"
_FORMAT = 1
#: Room left in `re`'s cache for what a run compiles itself (it drops the oldest entry when full).
_SPARE = 128


def _tag() -> str:
    import _sre  # type: ignore[import-not-found]

    return f"{_FORMAT}|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}"


def _compiled_form(pattern: str, flags: int) -> tuple[Any, ...] | None:
    """What `re._compiler.compile` hands to `_sre.compile` for `pattern`, or None when this Python's
    `re` does not have that shape."""
    compiler = getattr(re, "_compiler", None)
    parser = getattr(re, "_parser", None)
    if compiler is None or parser is None or not hasattr(compiler, "_code"):
        return None
    parsed = parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (pattern, flags, int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1,
            {str(k): int(v) for k, v in groupindex.items()},
            tuple(indexgroup))


def record(patterns: Iterable[tuple[str, int]], path: Path = PATH) -> int:
    """Write the compiled form of `patterns` (pattern, flags) to `path` (by a temporary file and a rename);
    returns how many were written."""
    entries = []
    for pattern, flags in dict.fromkeys(patterns):
        form = _compiled_form(pattern, int(flags))
        if form is not None:
            entries.append(form)
    data = marshal.dumps((_tag(), entries))
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return len(entries)


def _entries(path: Path) -> list[tuple[Any, ...]]:
    """The entries of `path`; empty when the file is missing, damaged or made by another Python."""
    try:
        tag, entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return []
    return list(entries) if tag == _tag() and isinstance(entries, list) else []


def patterns(path: Path = PATH) -> dict[tuple[str, int], re.Pattern[str]]:
    """The patterns of `path` as `re` objects, by (pattern, flags) as given to `re.compile`."""
    import _sre  # type: ignore[import-not-found]

    out: dict[tuple[str, int], re.Pattern[str]] = {}
    try:
        for pattern, flags, final_flags, code, groups, groupindex, indexgroup in _entries(path):
            out[(pattern, flags)] = _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)
    except (TypeError, ValueError, RuntimeError):
        return {}
    return out


def load(path: Path = PATH) -> int:
    """Put the prepared patterns in `re`'s cache, leaving room for what the run compiles itself; returns
    how many were added. Safe to call more than once."""
    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict) or not path.is_file():
        return 0
    room = max(0, getattr(re, "_MAXCACHE", 0) - _SPARE - len(cache))
    added = 0
    for (pattern, flags), compiled in list(patterns(path).items())[:room]:
        key = (str, pattern, flags)
        if key not in cache:
            cache[key] = compiled
            added += 1
    return added
