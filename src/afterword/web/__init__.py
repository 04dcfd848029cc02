"""The local web UI (Litestar + Jinja2 + htmx): `create_app()` lives in `afterword.web.app`."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """`afterword.web.create_app` without importing Litestar when the package is merely imported."""
    if name == "create_app":
        from afterword.web.app import create_app

        return create_app
    raise AttributeError(name)
