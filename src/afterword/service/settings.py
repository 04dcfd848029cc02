"""The user's settings that the edges share: which language messages and findings speak, the web UI's key."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from afterword.core.model import Language


def ui_language(option: str | None = None, environ: Mapping[str, str] | None = None) -> Language:
    """The interface language at the command line: the option, then `[ui] language` in config.toml, then the
    locale (LC_ALL, LC_MESSAGES, LANG), then English."""
    if option:
        return Language(option)
    env = os.environ if environ is None else environ
    from afterword.delivery.config import CONFIG_NAME, config_dir

    path = config_dir(env) / CONFIG_NAME
    if path.exists():
        from afterword.delivery.config import load_config

        configured = load_config(path, env).ui_language
        if configured:
            return Language(configured)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return Language.NL if value.lower().startswith("nl") else Language.EN
    return Language.EN


WEB_SECRET_NAME = "web-secret"


def web_secret(directory: Path | None = None) -> str:
    """The key that signs the web UI's form tokens, kept in the Afterword data folder (mode 0600).

    The same key after a restart keeps every open page able to save. The file is created once, with
    `O_EXCL`, so two servers starting together agree on it. When the folder cannot be written (a
    read-only home), a key for this process only is returned: the web UI then reissues tokens that no
    longer verify instead of refusing every form.
    """
    import secrets

    if directory is None:
        from afterword.store.peek import default_db_path

        directory = default_db_path().parent
    path = directory / WEB_SECRET_NAME
    try:
        existing = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        existing = ""
    if len(existing) >= 32:
        return existing
    fresh = secrets.token_urlsafe(32)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f"{WEB_SECRET_NAME}.{os.getpid()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, fresh.encode("ascii") + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(temp, path)  # never replaces a key another server wrote first
        except FileExistsError:
            won = path.read_text(encoding="ascii").strip()
            if len(won) >= 32:
                os.unlink(temp)
                return won
            os.replace(temp, path)  # the file there was damaged
        else:
            os.unlink(temp)
    except OSError:
        return fresh
    return fresh
