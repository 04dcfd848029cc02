"""A message in both UI languages, for errors that reach the web UI as well as the terminal."""

from __future__ import annotations

from dataclasses import dataclass

from afterword.core.model import Language


@dataclass(frozen=True)
class Text:
    """The same message in English and Dutch; `str()` gives the English (the CLI's language)."""

    en: str
    nl: str

    def __str__(self) -> str:
        return self.en

    def __add__(self, other: Text | str) -> Text:
        if isinstance(other, Text):
            return Text(self.en + other.en, self.nl + other.nl)
        return Text(self.en + other, self.nl + other)

    def __radd__(self, other: str) -> Text:
        return Text(other + self.en, other + self.nl)

    def get(self, language: Language | str | None) -> str:
        """The message in `language` (a `Language` or its code); English for anything else."""
        code = language.value if isinstance(language, Language) else language
        return self.nl if code == "nl" else self.en


def as_text(message: Text | str) -> Text:
    """A plain string is the same in both languages (an address, a path, a quoted library message)."""
    return message if isinstance(message, Text) else Text(message, message)
