"""The UI language: chosen from a cookie or Accept-Language; gettext catalogs; dates in en/nl."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from babel.support import NullTranslations, Translations

from afterword.core.model import Language
from afterword.core.timeutil import format_date, format_moment, format_remaining

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
COOKIE = "afterword_lang"
UI_LANGUAGES = (Language.EN, Language.NL)


def negotiate(cookie: str | None, accept_language: str | None) -> Language:
    """The cookie wins; then the first of the browser's languages we speak; else English."""
    if cookie in {lang.value for lang in UI_LANGUAGES}:
        return Language(cookie)
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().split("-")[0].lower()
        if primary and quality > 0:
            ranked.append((-quality, position, primary))
    for _, _, primary in sorted(ranked):
        if primary in {lang.value for lang in UI_LANGUAGES}:
            return Language(primary)
    return Language.EN


@functools.cache
def translations(language: Language) -> NullTranslations:
    """The compiled catalog for `language` (English msgids are the source text)."""
    return Translations.load(str(LOCALE_DIR), [language.value], domain="messages")


@dataclass(frozen=True)
class UiText:
    """Everything a template needs to speak the user's language."""

    language: Language

    @property
    def gettext(self) -> Callable[[str], str]:
        return translations(self.language).gettext

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return translations(self.language).ngettext(singular, plural, n)

    def moment(self, value: datetime) -> str:
        return format_moment(value, self.language)

    def date(self, value: datetime) -> str:
        return format_date(value, self.language)

    def remaining(self, delta: timedelta) -> str:
        return format_remaining(delta, self.language)

    def template_globals(self) -> dict[str, object]:
        return {
            "_": self.gettext,
            "ngettext": self.ngettext,
            "lang": self.language.value,
            "fmt_moment": self.moment,
            "fmt_date": self.date,
            "fmt_remaining": self.remaining,
        }
