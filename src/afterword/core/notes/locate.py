"""Find the line of a table or key in TOML text (tomllib gives values, not positions)."""

from __future__ import annotations

import re

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+)\s*\]")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


class Locator:
    """Maps (table, index, key) to 1-based line numbers for the usual TOML layout."""

    def __init__(self, text: str) -> None:
        self._keys: dict[tuple[str | None, int, str], int] = {}
        self._headers: dict[tuple[str, int], int] = {}
        counts: dict[str, int] = {}
        table: str | None = None
        index = 0
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline is not None:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            if m := _ARRAY_HEADER.match(line):
                table = m.group(1)
                index = counts.get(table, 0)
                counts[table] = index + 1
                self._headers[(table, index)] = number
                continue
            if m := _HEADER.match(line):
                table = m.group(1)
                index = 0
                self._headers.setdefault((table, 0), number)
                continue
            if m := _KEY.match(line):
                key = m.group(1).strip("\"'")
                self._keys.setdefault((table, index, key), number)
                for quote in ('"""', "'''"):
                    if line.count(quote) % 2 == 1:
                        in_multiline = quote

    def key(self, table: str | None, index: int, key: str) -> int | None:
        found = self._keys.get((table, index, key))
        return found if found is not None else self.table(table, index)

    def table(self, table: str | None, index: int = 0) -> int | None:
        if table is None:
            return None
        return self._headers.get((table, index))
