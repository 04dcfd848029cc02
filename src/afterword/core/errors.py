"""Errors that know their exit code and name the file, line, table and key."""

from __future__ import annotations


class AfterwordError(Exception):
    """Base of every error the CLI turns into an exit code and one line on stderr."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        table: str | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.table = table
        self.key = key

    def located(self) -> str:
        """One line: `file:line: [table] key: message`."""
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        elif self.line:
            where = f"line {self.line}: "
        what = ""
        if self.table and self.key:
            what = f"[{self.table}] {self.key}: "
        elif self.table:
            what = f"[{self.table}]: "
        elif self.key:
            what = f"{self.key}: "
        return (where + what + self.message).replace("\n", " ").replace("\r", " ")

    def __str__(self) -> str:
        return self.located()


class InputError(AfterwordError):
    """Bad input or usage: exit 2."""


class NotesError(InputError):
    """A notes file that does not follow format 1."""


class NotAvailableError(InputError):
    """A command whose logic is not built yet."""


class StoreError(AfterwordError):
    """The database cannot be used as asked (read-only, newer version, locked)."""
