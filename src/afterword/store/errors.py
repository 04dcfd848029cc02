"""Errors of the store that callers (CLI, web) map to exit codes or HTTP statuses."""

from __future__ import annotations

from afterword.core.errors import InputError, StoreError
from afterword.core.text import Text


class NotFoundError(InputError):
    """An interview (or touchpoint) id that does not exist for this owner: exit 2, HTTP 404."""


class DuplicateError(InputError):
    """The same interview (company, role, start, candidate) is already stored."""

    def __init__(self, message: str | Text, *, existing_id: int, **where: str | None) -> None:
        super().__init__(message, **where)  # type: ignore[arg-type]
        self.existing_id = existing_id


class ConflictError(StoreError):
    """A save based on a stale version: someone else changed the draft first (HTTP 409)."""

    def __init__(self, message: str | Text, *, current_version: int) -> None:
        super().__init__(message)
        self.current_version = current_version


class NotEditableError(InputError):
    """Editing a message that was already sent or answered (exit 2, HTTP 409)."""


class ConcurrentWriteError(StoreError):
    """Another transaction stored the same row at the same moment (a unique constraint fired)."""


__all__ = ["ConcurrentWriteError", "ConflictError", "DuplicateError", "NotEditableError", "NotFoundError",
           "StoreError"]
