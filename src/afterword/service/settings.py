"""The user's settings that the edges share: which language messages and findings speak."""

from __future__ import annotations

import os
from collections.abc import Mapping

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
