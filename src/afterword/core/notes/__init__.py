"""The interview notes file, format 1: parse TOML into an `Interview` and dump it back."""

from __future__ import annotations

from afterword.core.notes.dump import dump_notes
from afterword.core.notes.parse import load_notes, parse_notes

__all__ = ["dump_notes", "load_notes", "parse_notes"]
