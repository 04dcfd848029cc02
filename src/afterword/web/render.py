"""Rendering helpers shared by the handlers: the UI language of a request and page templates."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from afterword.web.i18n import COOKIE, UiText, negotiate

if TYPE_CHECKING:
    from litestar import Request
    from litestar.response import Template

    from afterword.service.pages import Pages


def ui_for(request: Request[Any, Any, Any]) -> UiText:
    return UiText(negotiate(request.cookies.get(COOKIE), request.headers.get("accept-language")))


def page(request: Request[Any, Any, Any], template: str, *, status: int = 200, **context: Any) -> Template:
    """A full page or a partial, with the translation helpers and the clock in its context."""
    from litestar.response import Template

    ui = ui_for(request)
    values = {**ui.template_globals(), "now": now_of(request), **context}
    values.setdefault("page", template.removesuffix(".html"))
    return Template(template, context=values, status_code=status, media_type="text/html")


def now_of(request: Request[Any, Any, Any]) -> datetime:
    clock = request.app.state.get("now")
    moment: datetime = clock() if clock is not None else datetime.now().astimezone()
    return moment


def backend_of(request: Request[Any, Any, Any]) -> Pages:
    backend: Pages = request.app.state["backend"]
    return backend
