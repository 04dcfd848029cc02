"""The UI catalogs: every message has a Dutch translation, the compiled .mo files are current."""

from __future__ import annotations

import io

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from afterword.core.model import Language
from afterword.web.i18n import LOCALE_DIR, negotiate, translations

WEB = LOCALE_DIR.parent
METHODS = [("**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def _extracted() -> set[str]:
    ids: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(WEB), METHODS, keywords=KEYWORDS):
        ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


def _catalog(lang: str) -> object:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


def test_every_message_has_a_dutch_translation() -> None:
    extracted = _extracted()
    assert len(extracted) > 100
    catalog = _catalog("nl")
    missing = []
    for msgid in sorted(extracted):
        message = catalog.get(msgid)  # type: ignore[attr-defined]
        strings = message.string if message is not None else ""
        if isinstance(strings, tuple) and all(strings):
            continue
        if isinstance(strings, str) and strings:
            continue
        missing.append(msgid)
    assert missing == [], f"messages without a Dutch translation: {missing}"


def test_english_catalog_has_every_message() -> None:
    catalog = _catalog("en")
    assert [m for m in sorted(_extracted()) if catalog.get(m) is None] == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_compiled_catalog_is_current(lang: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalog(lang))  # type: ignore[arg-type]
    on_disk = (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.mo").read_bytes()
    assert compiled.getvalue() == on_disk, f"run the catalog build: {lang}/messages.mo is stale"


def test_catalogs_translate() -> None:
    assert translations(Language.NL).gettext("Mark sent") == "Markeer als verstuurd"
    assert translations(Language.EN).gettext("Mark sent") == "Mark sent"
    nl = translations(Language.NL)
    assert nl.ngettext("%(num)d person still to follow up, most urgent first.",
                       "%(num)d people still to follow up, most urgent first.", 1).startswith("%(num)d persoon ")


@pytest.mark.parametrize(
    ("cookie", "header", "expected"),
    [
        (None, None, Language.EN),
        (None, "nl", Language.NL),
        (None, "nl-BE,nl;q=0.9", Language.NL),
        (None, "de-DE,de;q=0.9,nl;q=0.8,en;q=0.7", Language.NL),
        (None, "en;q=0.4,nl;q=0.8", Language.NL),
        (None, "nl;q=0,en", Language.EN),
        (None, "fr-FR", Language.EN),
        (None, "garbage;;q=x,,", Language.EN),
        ("nl", "en-US", Language.NL),
        ("en", "nl", Language.EN),
        ("xx", "nl", Language.NL),
    ],
)
def test_language_negotiation(cookie: str | None, header: str | None, expected: Language) -> None:
    assert negotiate(cookie, header) is expected
