"""Read a file, but never more than a limit: counted by the bytes actually read, not the size the file claims.

`/dev/urandom`, a pipe or a FIFO say they are 0 bytes long; reading them whole never ends.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO


def read_at_most(source: Path | BinaryIO, limit: int) -> bytes | None:
    """The bytes of `source`, or None when it holds more than `limit` bytes (then only limit+1 were read)."""
    if isinstance(source, Path):
        with source.open("rb") as handle:
            data = handle.read(limit + 1)
    else:
        data = source.read(limit + 1)
    return None if len(data) > limit else data
