"""What every match of a regular expression must contain (runs of plain letters), to pass over texts it cannot
match without scanning them: the checker's phrase lists and the private-details pattern use it."""

from __future__ import annotations

import re
from typing import Any

#: ASCII letters folded to lower case, and the only other characters `re.IGNORECASE` matches with an
#: ASCII letter (İ ı ſ and the Kelvin sign; a test checks every code point): a phrase's plain letters
#: are in a text's folded form whenever the phrase matches the text.
FOLD = {**{c: c + 32 for c in range(ord("A"), ord("Z") + 1)},
         0x130: ord("i"), 0x131: ord("i"), 0x17F: ord("s"), 0x212A: ord("k")}


def needed_pieces(regex: str, flags: int = re.IGNORECASE) -> tuple[tuple[str, ...], ...]:
    """What every match of `regex` contains, folded: a tuple of clauses, each a tuple of runs of ASCII
    characters of which a match contains at least one (a run of literal characters in sequence; one run
    per branch of an alternative). Empty when nothing is certain."""
    parser = getattr(re, "_parser", None)
    if parser is None:
        return ()
    try:
        parsed = parser.parse(regex, flags)
    except re.error:
        return ()
    return tuple(dict.fromkeys(_clauses(parsed)))


def _clauses(items: Any) -> list[tuple[str, ...]]:
    clauses: list[tuple[str, ...]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            clauses.append(("".join(run),))
            run.clear()

    for op, av in items:
        name = str(op)
        if name == "LITERAL" and av < 128:
            run.append(chr(av).lower())
            continue
        flush()
        if name == "SUBPATTERN":
            clauses += _clauses(av[-1])
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            clauses += _clauses(av[2])
        elif name == "BRANCH":
            # Each branch's most telling clause (its shortest piece the longest: "knackered|exhausted" over " "),
            # joined: a match of any branch holds a piece of the union.
            best: list[str] = []
            for branch in av[1]:
                options = _clauses(branch)
                if not options:
                    break
                best += max(options, key=lambda clause: min(len(piece) for piece in clause))
            else:
                clauses.append(tuple(dict.fromkeys(best)))
    flush()
    return clauses
