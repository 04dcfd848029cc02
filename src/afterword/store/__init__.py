"""The store: SQLAlchemy tables and repository functions returning core models.

Importing this package is cheap; `afterword.store.db.open_store` pulls in SQLAlchemy.
"""

from __future__ import annotations

from afterword.store.errors import ConflictError, DuplicateError, NotFoundError, StoreError
from afterword.store.records import DueRow, InterviewSummary, StatusChange, Touchpoint

__all__ = [
    "ConflictError",
    "DueRow",
    "DuplicateError",
    "InterviewSummary",
    "NotFoundError",
    "StatusChange",
    "StoreError",
    "Touchpoint",
]
