"""Passwords through a real keyring backend (keyrings.alt's file keyring stands in for a desktop one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from afterword.delivery.secrets import find_password, keyring_usable, secret_file, store_password


@pytest.fixture
def file_keyring(tmp_path: Path) -> Iterator[Path]:
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    store = tmp_path / "keyring.cfg"

    class TempKeyring(PlaintextKeyring):  # type: ignore[misc]
        @property
        def file_path(self) -> str:
            return str(store)

    previous = keyring.get_keyring()
    keyring.set_keyring(TempKeyring())
    try:
        yield store
    finally:
        keyring.set_keyring(previous)


def test_a_usable_keyring_is_preferred_and_no_password_file_is_written(file_keyring: Path, tmp_path: Path) -> None:
    config_dir = tmp_path / "config"
    assert keyring_usable()
    where = store_password("smtp", "priya@example.org", "s3cret-ä", config_dir)
    assert "the system keyring" in where
    assert not secret_file("smtp", config_dir).exists()
    found = find_password("smtp", "priya@example.org", config_dir, environ={})
    assert found is not None
    assert found.value == "s3cret-ä"
    assert "system keyring" in found.source
    assert "s3cret" not in str(found) and "s3cret" not in repr(found)
    # The keyring wins over the environment; another user name has nothing stored.
    again = find_password("smtp", "priya@example.org", config_dir, environ={"AFTERWORD_SMTP_PASSWORD": "env"})
    assert again is not None and again.value == "s3cret-ä"
    other = find_password("smtp", "someone@example.org", config_dir, environ={"AFTERWORD_SMTP_PASSWORD": "env"})
    assert other is not None and other.value == "env" and "environment variable" in other.source


def test_without_a_keyring_the_password_goes_to_a_0600_file(tmp_path: Path) -> None:
    config_dir = tmp_path / "config"
    where = store_password("imap", "priya@example.org", "pw", config_dir, use_keyring=False)
    path = secret_file("imap", config_dir)
    assert str(path) in where
    assert path.stat().st_mode & 0o777 == 0o600
