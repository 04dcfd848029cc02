"""Notes addresses of the everyday shape are accepted without loading email_validator, and only ever those
that email_validator accepts too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.core.notes.parse import _PLAIN_EMAIL, plainly_valid_email


def accepted(value: str) -> bool:
    try:
        validate_email(value, check_deliverability=False, test_environment=True)
    except EmailNotValidError:
        return False
    return True


@settings(max_examples=400)
@given(st.from_regex(_PLAIN_EMAIL, fullmatch=True))
def test_every_address_the_shortcut_accepts_email_validator_accepts(value: str) -> None:
    if plainly_valid_email(value):
        assert accepted(value), value


@settings(max_examples=400)
@given(st.text(alphabet="abcXYZ019.-_+%@ä ", max_size=30))
def test_the_shortcut_never_accepts_what_email_validator_refuses(value: str) -> None:
    if plainly_valid_email(value):
        assert accepted(value), value


def test_the_everyday_shapes_pass_and_the_rest_is_left_to_email_validator() -> None:
    for value in ("maria@acme.example", "tom.de-vries+jobs@mail.northwind-health.com", "K_Okafor@uni.ac.uk"):
        assert plainly_valid_email(value) and accepted(value)
    for value in ("a@localhost", "a@b.local", "x@xn--bcher-kva.example", "a..b@c.com", "a@c.123", "A@B.COM",
                  "zoë@example.com", "no-at-sign", "a@nodot", "a" * 65 + "@c.com"):
        assert not plainly_valid_email(value)


def test_loading_notes_with_plain_addresses_does_not_import_email_validator() -> None:
    notes = Path(__file__).resolve().parents[2] / "examples" / "northwind-panel.toml"
    code = (f"import sys; from afterword.core.notes import load_notes; load_notes({str(notes)!r}); "
            "print('email_validator' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
