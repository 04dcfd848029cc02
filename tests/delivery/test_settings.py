"""Settings file and password sources: clear errors naming file and key; 0600 files only; never shown."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from afterword.core.errors import InputError
from afterword.delivery.config import Security, config_dir, load_config
from afterword.delivery.secrets import Secret, find_password, keyring_usable, read_secret_file, store_password


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_means_nothing_configured(tmp_path: Path) -> None:
    config = load_config(tmp_path / "config.toml")
    assert config.smtp is None and config.imap is None and config.linkedin_free_notes == 5


def test_defaults_and_ports(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, """
[smtp]
host = "smtp.example.org"
from = "Jan de Vries <jan@example.org>"
username = "jan"
[imap]
host = "imap.example.org"
username = "jan"
[social]
linkedin_free_notes = 3
"""))
    assert config.smtp is not None and config.smtp.port == 587 and config.smtp.security is Security.STARTTLS
    assert config.imap is not None and config.imap.port == 993 and config.imap.security is Security.TLS
    assert config.imap.save_sent
    assert config.linkedin_free_notes == 3


@pytest.mark.parametrize(("text", "expected"), [
    ('[smtp]\nhost = "h"\nfrom = "a@b.nl"\npassword = "x"', "[smtp] password: passwords never go in the settings"),
    ('[smtp]\nhost = "h"\nfrom = "a@b.nl"\nsecurity = "ssl"', "[smtp] security: `ssl` is not one of"),
    ('[smtp]\nhost = "h"\nfrom = "a@b.nl"\nport = 70000', "[smtp] port: 70000 is not a port number"),
    ('[smtp]\nhost = "h"', "[smtp] from: is required"),
    ('[smtp]\nhost = "h"\nfrom = "not an address"', "[smtp] from: `not an address` is not an email address"),
    ('[smtp]\nhost = "h"\nfrom = "a@b.nl"\nhots = 1', "[smtp] hots: unknown key"),
    ('[imap]\nhost = "h"', "[imap] username: is required"),
    ('[smtp]\nhost = "mail.example.org"\nfrom = "a@b.nl"\nsecurity = "none"\nusername = "jan"',
     "[smtp] security: `none` would send your password to mail.example.org unencrypted"),
    ('[imap]\nhost = "imap.example.org"\nsecurity = "none"\nusername = "jan"',
     "[imap] security: `none` would send your password"),
    ('[social]\nlinkedin_free_notes = "five"', "[social] linkedin_free_notes: must be a whole number"),
    ('[smtp\nhost = "h"', "not valid TOML"),
    ('[mail]\nhost = "h"', "unknown table `mail`"),
])
def test_bad_settings_name_file_and_key(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_config(path)
    message = caught.value.located()
    assert message.startswith(str(path)) and expected in message
    assert "\n" not in message


def test_config_dir_follows_afterword_home(tmp_path: Path) -> None:
    assert config_dir({"AFTERWORD_HOME": str(tmp_path)}) == tmp_path
    assert config_dir({}).name == "afterword"


def test_sources_in_order_and_the_user_is_told(tmp_path: Path) -> None:
    assert find_password("smtp", "jan", tmp_path, {}, use_keyring=False) is None
    file = tmp_path / "smtp.password"
    file.write_text("from-the-file\n")
    file.chmod(0o600)
    found = find_password("smtp", "jan", tmp_path, {}, use_keyring=False)
    assert found is not None and found.value == "from-the-file" and found.source == f"the file {file}"
    env = find_password("smtp", "jan", tmp_path, {"AFTERWORD_SMTP_PASSWORD": "from-env"}, use_keyring=False)
    assert env is not None and env.value == "from-env"
    assert env.source == "the environment variable AFTERWORD_SMTP_PASSWORD"


def test_a_secret_never_shows_its_value() -> None:
    secret = Secret("hunter2-geheim", "the file x")
    assert "hunter2" not in repr(secret) and "hunter2" not in str(secret) and "hunter2" not in f"{secret}"


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_a_password_file_readable_by_others_is_refused(tmp_path: Path, mode: int) -> None:
    file = tmp_path / "imap.password"
    file.write_text("geheim\n")
    file.chmod(mode)
    with pytest.raises(InputError, match=f"readable by others \\(mode {mode:04o}\\); run `chmod 600"):
        find_password("imap", "jan", tmp_path, {}, use_keyring=False)


def test_empty_password_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "smtp.password"
    file.write_text("\n")
    file.chmod(0o600)
    with pytest.raises(InputError, match="empty"):
        read_secret_file(file)


def test_storing_without_keyring_writes_a_0600_file(tmp_path: Path) -> None:
    where = store_password("smtp", "jan", "nieuw-Wachtwoord", tmp_path / "cfg", use_keyring=False)
    file = tmp_path / "cfg" / "smtp.password"
    assert where == f"the file {file}"
    assert (os.stat(file).st_mode & 0o777) == 0o600
    assert read_secret_file(file) == "nieuw-Wachtwoord"


def test_headless_machine_has_no_usable_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    import keyring.core

    keyring.core._keyring_backend = None  # let keyring choose again under the new environment
    try:
        assert keyring_usable() is False
    finally:
        keyring.core._keyring_backend = None


def test_password_command_stores_a_0600_file_and_says_where(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    (tmp_path / "config.toml").write_text('[smtp]\nhost = "h"\nfrom = "a@b.nl"\nusername = "jan"\n')
    env = {**os.environ, "AFTERWORD_HOME": str(tmp_path), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "PYTHONPATH": str(root / "src")}
    done = subprocess.run([sys.executable, "-m", "afterword.cli.main", "password", "smtp", "--stdin"],
                          input="Zeer-Geheim-1\n", capture_output=True, text=True, env=env, cwd=root)
    assert done.returncode == 0, done.stderr
    file = tmp_path / "smtp.password"
    assert done.stdout.strip() == f"SMTP password stored in the file {file}"
    assert (file.stat().st_mode & 0o777) == 0o600 and read_secret_file(file) == "Zeer-Geheim-1"
    assert "Zeer-Geheim" not in done.stdout + done.stderr
    missing = subprocess.run([sys.executable, "-m", "afterword.cli.main", "password", "imap", "--stdin"],
                             input="x\n", capture_output=True, text=True, env=env, cwd=root)
    assert missing.returncode == 2 and "[imap] table" in missing.stderr
