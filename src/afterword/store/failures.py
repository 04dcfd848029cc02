"""The one path from a database error to an Afterword error: one line, never SQL, parameters or message text.

SQLAlchemy's own messages carry the statement and its parameters (an email body, say); only the
driver's first line ("database or disk is full", "attempt to write a readonly database") is kept.
Every store function that touches the database, the outbox's included, goes through `database_errors`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, DBAPIError, IntegrityError, OperationalError

from afterword.core.errors import StoreError
from afterword.core.text import Text
from afterword.store.engine import sqlite_path
from afterword.store.errors import ConcurrentWriteError

P = ParamSpec("P")
R = TypeVar("R")


def first_line(exc: DBAPIError) -> str:
    """The driver's own message, first line only (SQLAlchemy adds the SQL and parameters after it)."""
    text = str(exc.orig) if exc.orig is not None else ""
    return text.strip().splitlines()[0][:300] if text.strip() else type(exc).__name__


def where_of(engine: Engine) -> str:
    """The file (SQLite) or the URL without password, for messages."""
    path = sqlite_path(engine.url)
    return str(path) if path is not None else engine.url.render_as_string(hide_password=True)


@contextmanager
def database_errors(where: str) -> Iterator[None]:
    try:
        yield
    except IntegrityError as exc:
        raise ConcurrentWriteError(Text(f"a concurrent write clashed: {first_line(exc)}",
                                        f"twee gelijktijdige schrijfacties botsten: {first_line(exc)}"),
                                   file=where) from None
    except (OperationalError, DatabaseError) as exc:
        if not isinstance(exc, OperationalError) and type(exc) is not DatabaseError:
            raise  # ProgrammingError and friends are bugs, not conditions of the database
        raise StoreError(Text(f"database error: {first_line(exc)}; nothing was changed",
                              f"databasefout: {first_line(exc)}; er is niets veranderd"), file=where) from None
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise StoreError(Text(f"lost the database connection: {first_line(exc)}",
                                  f"verbinding met de database verloren: {first_line(exc)}"),
                             file=where) from None
        raise


def guarded(func: Callable[P, R]) -> Callable[P, R]:
    """Run a store function whose first argument is the engine inside `database_errors`."""

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        engine = args[0]
        assert isinstance(engine, Engine)
        with database_errors(where_of(engine)):
            return func(*args, **kwargs)

    return run
