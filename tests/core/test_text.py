"""Errors that reach the web UI carry their Dutch text; the CLI keeps printing the English."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from afterword.core.errors import InputError, NotesError
from afterword.core.model import Language
from afterword.core.text import Text

SRC = Path(__file__).resolve().parents[2] / "src" / "afterword"


def test_text_picks_the_language_and_str_is_english() -> None:
    t = Text("no such file", "bestand bestaat niet")
    assert str(t) == "no such file"
    assert t.get(Language.NL) == t.get("nl") == "bestand bestaat niet"
    assert t.get(Language.EN) == t.get(None) == t.get("fr") == "no such file"


def test_an_error_is_located_in_either_language() -> None:
    err = NotesError(Text("must not be empty", "mag niet leeg zijn"), file="a.toml", line=7,
                     table="interview", key="company")
    assert str(err) == err.located() == "a.toml:7: [interview] company: must not be empty"
    assert err.located_in(Language.NL) == "a.toml:7: [interview] company: mag niet leeg zijn"
    assert err.message == "must not be empty" and err.message_in("nl") == "mag niet leeg zijn"
    assert err.bilingual
    lineonly = InputError(Text("bad", "fout"), line=3)
    assert lineonly.located_in("nl") == "regel 3: fout" and lineonly.located() == "line 3: bad"


def test_an_english_only_error_falls_back_to_english() -> None:
    err = InputError("`x` is not an ISO 8601 date-time", key="--now")
    assert not err.bilingual
    assert err.located_in("nl") == err.located() == "--now: `x` is not an ISO 8601 date-time"


# Modules whose errors can reach the web UI: every message they raise is written in both languages.
BILINGUAL = [
    "core/notes/parse.py", "core/timeutil.py", "store/db.py", "store/migrate.py", "delivery/social.py",
    "delivery/mime.py", "delivery/config.py", "service/interviews.py",
]
RAISERS = {"NotesError", "fail", "bad", "ZoneError", "StoreError", "ConcurrentWriteError", "NotFoundError",
           "ConflictError", "NotEditableError", "DuplicateError"}


@pytest.mark.parametrize("module", BILINGUAL)
def test_errors_that_reach_the_web_ui_are_bilingual(module: str) -> None:
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    english_only = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        is_raiser = name in RAISERS or (name == "InputError" and module != "core/timeutil.py")
        position = 2 if name == "error" else 0  # config's `self.error(table, key, message)`
        if (is_raiser or name == "error") and len(node.args) > position and \
                isinstance(node.args[position], ast.Constant | ast.JoinedStr):
            english_only.append(f"{module}:{node.lineno}")
    assert english_only == []


@pytest.mark.parametrize(("address", "dutch"), [
    ("maria@", "Na de @ moet iets staan."),
    ("@acme.example", "Vóór de @ moet iets staan."),
    ("maria(at)acme.example", "Een e-mailadres moet een @ bevatten."),
    ("maria@acme", "er hoort een punt in"),
    ("maria..de.vries@acme.example", "geen twee punten achter elkaar"),
])
def test_the_e_mail_validator_reason_is_given_in_dutch(address: str, dutch: str) -> None:
    from afterword.core.notes import parse_notes

    notes = ('format = 1\n[candidate]\nname = "Sam"\n[interview]\ncompany = "Acme"\nrole = "Eng"\n'
             'start = 2026-11-27T14:00:00+01:00\n[[contacts]]\nid = "maria"\nname = "Maria"\n'
             f'email = "{address}"\n')
    with pytest.raises(NotesError) as info:
        parse_notes(notes, filename="n.toml")
    dutch_line = info.value.located_in("nl")
    assert f"`{address}` is geen geldig e-mailadres (" in dutch_line and dutch in dutch_line
    assert "is not a valid e-mail address" in info.value.located()
