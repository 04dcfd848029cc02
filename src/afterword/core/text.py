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

    def get(self, language: Language | str | None) -> str:
        """The message in `language` (a `Language` or its code); English for anything else."""
        code = language.value if isinstance(language, Language) else language
        return self.nl if code == "nl" else self.en

