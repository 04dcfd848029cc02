"""Errors that know their exit code and name the file, line, table and key."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from afterword.core.model import Language
    from afterword.core.text import Text


class AfterwordError(Exception):
    """Base of every error the CLI turns into an exit code and one line on stderr."""

    exit_code = 2

    def __init__(
        self,
        message: str | Text,
        *,
        file: str | None = None,
        line: int | None = None,
        table: str | None = None,
        key: str | None = None,
    ) -> None:
        english = str(message)
        super().__init__(english)
        self.message = english
        self._nl: str | None = getattr(message, "nl", None)
        self.file = file
        self.line = line
        self.table = table
        self.key = key

    def message_in(self, language: Language | str | None) -> str:
        """The message in the UI's language (Dutch where the raiser wrote it, else the English)."""
        code = getattr(language, "value", language)
        return self._nl if code == "nl" and self._nl is not None else self.message

    @property
    def bilingual(self) -> bool:
        """True when the raiser wrote the message in Dutch as well as English."""
        return self._nl is not None

    def located_in(self, language: Language | str | None) -> str:
        """`located()` with the message in the UI's language."""
        dutch = getattr(language, "value", language) == "nl"
        return self._locate(self.message_in(language), "regel" if dutch else "line")

    def located(self) -> str:
        """One line: `file:line: [table] key: message`."""
        return self._locate(self.message, "line")

    def _locate(self, message: str, line_word: str) -> str:
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        elif self.line:
            where = f"{line_word} {self.line}: "
        what = ""
        if self.table and self.key:
            what = f"[{self.table}] {self.key}: "
        elif self.table:
            what = f"[{self.table}]: "
        elif self.key:
            what = f"{self.key}: "
        return (where + what + message).replace("\n", " ").replace("\r", " ")

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
