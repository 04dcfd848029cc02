"""The typed outcomes and errors of the use cases, as the edges (CLI, web) receive and render them.

They are defined where they are made (the store's records and errors); the edges take them from here,
so that `cli` and `web` never import the store itself.
"""

from __future__ import annotations

from afterword.store.errors import ConflictError as ConflictError
from afterword.store.errors import DuplicateError as DuplicateError
from afterword.store.errors import NotEditableError as NotEditableError
from afterword.store.errors import NotFoundError as NotFoundError
from afterword.store.records import DueRow as DueRow
from afterword.store.records import InterviewSummary as InterviewSummary
from afterword.store.records import OutboxEntry as OutboxEntry
from afterword.store.records import StuckEmail as StuckEmail
from afterword.store.records import Touchpoint as Touchpoint
