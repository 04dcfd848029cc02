"""Every invalid notes file gives one clear line naming file, line and key, and exit 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from afterword.core.errors import NotesError
from afterword.core.notes import load_notes
from tests.conftest import DATA, Result

NOTES = DATA / "notes"

# file -> (line or None, fragment the message must contain)
CASES: dict[str, tuple[int | None, str]] = {
    "invalid-unknown-key.toml": (19, "raised-by: unknown key (did you mean `raised_by`?)"),
    "invalid-unknown-reference.toml": (19, 'raised_by: unknown contact id "pieter"'),
    "invalid-start-without-offset-or-timezone.toml": (9, "start: has no UTC offset"),
    "invalid-unknown-timezone.toml": (10, "timezone: unknown time zone `Europe/Amsterdm`"),
    "invalid-format-2.toml": (1, "format: format 2 is not supported"),
    "invalid-binary.toml": (None, "binary file"),
    "invalid-not-toml.toml": (1, "not valid TOML"),
    "invalid-empty.toml": (None, "file is empty"),
    "invalid-duplicate-contact-id.toml": (17, 'id: duplicate id "maria"'),
    "invalid-missing-company.toml": (6, "[interview] company: missing required key"),
    "invalid-email-address.toml": (14, "email: `maria(at)acme.example` is not a valid e-mail address"),
    "invalid-crlf-in-name.toml": (13, "name: contains a line break"),
    "invalid-end-before-start.toml": (10, "end: end 13:00 is not after start 14:00"),
    "invalid-number-for-string.toml": (8, "role: expected a string, got an integer"),
    "invalid-offset-contradicts-timezone.toml": (9, "offset +02:00 does not match timezone Europe/Amsterdam"),
    "invalid-start-in-dst-gap.toml": (9, "does not exist in Europe/Amsterdam"),
    "invalid-formality-choice.toml": (15, "`formeel` is not allowed (did you mean `formal`?)"),
    "invalid-gave-contact-not-bool.toml": (15, "gave_contact: expected true or false, got a string"),
    "invalid-missing-candidate.toml": (None, "[candidate]: missing table"),
    "invalid-contact-missing-id.toml": (11, "[contacts #1] id: missing required key"),
    "invalid-latin1-encoding.toml": (13, "not UTF-8 text"),
    "invalid-start-date-only.toml": (9, "expected a TOML date-time"),
    "invalid-x-handle.toml": (15, "is not an X handle"),
}


def test_every_invalid_fixture_has_a_case() -> None:
    on_disk = {p.name for p in NOTES.glob("invalid-*.toml")}
    assert on_disk == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_notes_raise_located_error(name: str) -> None:
    line, fragment = CASES[name]
    with pytest.raises(NotesError) as info:
        load_notes(NOTES / name)
    err = info.value
    assert err.file is not None and err.file.endswith(name)
    assert err.line == line
    assert fragment in err.located()
    assert "\n" not in err.located()


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("command", ["plan", "draft"])
def test_cli_gives_exit_2_and_one_line(name: str, command: str, run_cli: Callable[..., Result]) -> None:
    result = run_cli(command, str(NOTES / name))
    assert result.code == 2
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("afterword: error: ")
    assert name in lines[0]
    assert "Traceback" not in result.err


def test_missing_file_and_directory(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    missing = run_cli("plan", str(tmp_path / "nope.toml"))
    assert missing.code == 2 and "nope.toml: no such file" in missing.err
    directory = run_cli("plan", str(tmp_path))
    assert directory.code == 2 and "is a directory" in directory.err


def test_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"format = 1\n" + b"# padding\n" * 200_000)
    with pytest.raises(NotesError, match="at most 1,000,000 bytes"):
        load_notes(huge)


@pytest.mark.parametrize("bad", ["\u2028", "\x00", "\x1b[31m"])
def test_control_characters_in_one_line_fields(bad: str) -> None:
    from afterword.core.notes import parse_notes

    text = (NOTES / "valid-minimal.toml").read_text().replace("Maria de Vries", "Maria" + bad.encode(
        "unicode_escape").decode().replace("\\x", "\\u00") + "Vries")
    with pytest.raises(NotesError, match="name: contains"):
        parse_notes(text, filename="x.toml")


# The same files in the Dutch web UI: file -> fragment of the Dutch message.
DUTCH: dict[str, str] = {
    "invalid-unknown-key.toml": "raised-by: onbekende sleutel (bedoel je `raised_by`?)",
    "invalid-unknown-reference.toml": 'raised_by: onbekende contact-id "pieter"',
    "invalid-start-without-offset-or-timezone.toml": "start: heeft geen UTC-verschuiving",
    "invalid-unknown-timezone.toml": "timezone: onbekende tijdzone `Europe/Amsterdm`",
    "invalid-format-2.toml": "format: format 2 wordt niet ondersteund",
    "invalid-binary.toml": "binair bestand",
    "invalid-not-toml.toml": "geen geldige TOML",
    "invalid-empty.toml": "bestand is leeg",
    "invalid-duplicate-contact-id.toml": 'id: dubbele id "maria"',
    "invalid-missing-company.toml": "[interview] company: verplichte sleutel ontbreekt",
    "invalid-email-address.toml": "email: `maria(at)acme.example` is geen geldig e-mailadres",
    "invalid-crlf-in-name.toml": "name: bevat een regeleinde; dit veld moet één regel zijn",
    "invalid-end-before-start.toml": "end: einde 13:00 ligt niet na begin 14:00",
    "invalid-number-for-string.toml": "role: verwacht tekst, kreeg een geheel getal",
    "invalid-offset-contradicts-timezone.toml": "verschuiving +02:00 past niet bij tijdzone Europe/Amsterdam",
    "invalid-start-in-dst-gap.toml": "bestaat niet in Europe/Amsterdam",
    "invalid-formality-choice.toml": "`formeel` is niet toegestaan (bedoel je `formal`?)",
    "invalid-gave-contact-not-bool.toml": "gave_contact: verwacht true of false, kreeg tekst",
    "invalid-missing-candidate.toml": "[candidate]: tabel ontbreekt",
    "invalid-contact-missing-id.toml": "[contacts #1] id: verplichte sleutel ontbreekt",
    "invalid-latin1-encoding.toml": "geen UTF-8-tekst",
    "invalid-start-date-only.toml": "verwacht een TOML-datum-tijd",
    "invalid-x-handle.toml": "is geen X-naam",
}


def test_every_invalid_fixture_has_a_dutch_case() -> None:
    assert set(DUTCH) == set(CASES)


@pytest.mark.parametrize("name", sorted(DUTCH))
def test_invalid_notes_explain_themselves_in_dutch_too(name: str) -> None:
    with pytest.raises(NotesError) as info:
        load_notes(NOTES / name)
    err = info.value
    assert err.bilingual
    assert DUTCH[name] in err.located_in("nl")
    assert err.located_in("en") == err.located() != err.located_in("nl")
    assert CASES[name][1] not in err.located_in("nl")
