"""Shared pieces of the commands: options, loading notes, the clock, JSON output."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

import click

from afterword.core.model import Channel, Interview

F = TypeVar("F", bound=Callable[..., Any])


def now_option(func: F) -> F:
    return click.option(
        "--now", "now_text", metavar="T", default=None,
        help="Pretend it is this time (ISO 8601 with offset); default: the clock.",
    )(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(func)


def linkedin_limit_option(free: str) -> Callable[[F], F]:
    """`--linkedin-limit`: a free account's note limit or Premium's (the numbers are `Channel.limit`'s)."""
    low, high = (Channel.LINKEDIN.note_limit(premium=premium) for premium in (False, True))
    return click.option("--linkedin-limit", type=click.Choice([str(low), str(high)]), default=str(low),
                        show_default=True, help=f"LinkedIn note limit: {low} ({free}) or {high} (Premium).")


def ui_language_option(func: F) -> F:
    return click.option(
        "--ui-language", "ui_language_text", type=click.Choice(["en", "nl"]), default=None,
        help="Language of the findings' messages; default: [ui] language in config.toml, then the locale, "
             "then English.",
    )(func)


def resolve_ui_language(option: str | None) -> Any:
    from afterword.service.settings import ui_language

    return ui_language(option)


def resolve_now(text: str | None, option: str = "--now") -> datetime:
    """The CLI is an edge: here, and only here, the clock is read."""
    from afterword.core.timeutil import parse_instant

    if text is not None:
        return parse_instant(text, option=option)
    from datetime import UTC

    return datetime.now(UTC).astimezone()


def load(path: str) -> Interview:
    from afterword.core.notes import load_notes

    return load_notes(path)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def console() -> Any:
    """A rich console (imported lazily); plain when stdout is not a terminal."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)
