"""SMTP/IMAP passwords: the system keyring when usable, else an environment variable, else a 0600 file.

A password is held in a `Secret`, whose repr and str never show it, so it cannot end up
in a log line, an error message, the database, an export or a page by accident.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from afterword.core.errors import InputError

Service = Literal["smtp", "imap"]
KEYRING_SERVICE = "afterword-{service}"


@dataclass(frozen=True)
class Secret:
    """A password and where it came from; printing it shows only the source."""

    value: str = field(repr=False)
    source: str

    def __str__(self) -> str:
        return f"password from {self.source}"


def env_name(service: Service) -> str:
    return f"AFTERWORD_{service.upper()}_PASSWORD"


def secret_file(service: Service, directory: Path) -> Path:
    return directory / f"{service}.password"


def keyring_usable() -> bool:
    """A real keyring backend exists (not the 'fail' or 'null' one of a headless machine)."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # keyring's backend discovery can fail in many ways; then it is not usable
        return False
    if isinstance(backend, fail.Keyring):
        return False
    priority = getattr(backend, "priority", 0)
    return bool(priority and priority > 0) and type(backend).__name__ != "NullKeyring"


def _from_keyring(service: Service, username: str) -> Secret | None:
    import keyring

    try:
        value = keyring.get_password(KEYRING_SERVICE.format(service=service), username)
    except Exception:  # a locked or broken keyring: fall back to the next source
        return None
    if not value:
        return None
    return Secret(value, f"the system keyring ({type(keyring.get_keyring()).__name__})")


def read_secret_file(path: Path) -> str:
    """Read a password file, refusing one that others could read or that another user owns."""
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError(f"cannot read the password file: {exc.strerror}", file=str(path)) from None
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise InputError(
            f"the password file is readable by others (mode {stat.S_IMODE(info.st_mode):04o}); "
            f"run `chmod 600 {path}`", file=str(path),
        )
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise InputError("the password file belongs to another user", file=str(path))
    value = path.read_text(encoding="utf-8").rstrip("\r\n")
    if not value:
        raise InputError("the password file is empty", file=str(path))
    return value


def find_password(
    service: Service,
    username: str,
    directory: Path,
    environ: Mapping[str, str] | None = None,
    *,
    use_keyring: bool | None = None,
) -> Secret | None:
    """The password for `service`, or None when no source has one."""
    env = os.environ if environ is None else environ
    if use_keyring is None:
        use_keyring = keyring_usable()
    if use_keyring:
        found = _from_keyring(service, username)
        if found is not None:
            return found
    name = env_name(service)
    if env.get(name):
        return Secret(env[name], f"the environment variable {name}")
    path = secret_file(service, directory)
    if path.exists():
        return Secret(read_secret_file(path), f"the file {path}")
    return None


def store_password(
    service: Service, username: str, password: str, directory: Path, *, use_keyring: bool | None = None
) -> str:
    """Keep a password in the keyring when usable, else in a 0600 file; returns where it went."""
    if not password:
        raise InputError("the password is empty", key=service)
    if use_keyring is None:
        use_keyring = keyring_usable()
    if use_keyring:
        import keyring

        keyring.set_password(KEYRING_SERVICE.format(service=service), username, password)
        return f"the system keyring ({type(keyring.get_keyring()).__name__})"
    directory.mkdir(parents=True, exist_ok=True)
    path = secret_file(service, directory)
    temp = path.with_name(path.name + ".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, password.encode("utf-8") + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)
    return f"the file {path}"
