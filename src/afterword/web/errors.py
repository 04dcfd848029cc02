"""Error pages: a friendly page in the user's language; never a stack trace or a secret."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from afterword.core.errors import AfterwordError

if TYPE_CHECKING:
    from litestar import Request, Response
    from litestar.exceptions import HTTPException

log = logging.getLogger("afterword.web")

def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a message for extraction; it is translated when the page is rendered."""
    return message


#: status -> (title, explanation)
MESSAGES: dict[int, tuple[str, str]] = {
    400: (N_("Bad request"), N_("The request could not be understood. Go back and try again.")),
    403: (N_("Not allowed"), N_("The form had expired or came from another site. Reload the page and try again.")),
    404: (N_("Not found"), N_("There is no such page or interview. It may have been deleted.")),
    405: (N_("Not allowed"), N_("This page cannot be used that way.")),
    409: (N_("Changed elsewhere"), N_("Someone changed this in another tab or window. Reload to see the latest version.")),
    413: (N_("File too large"), N_("That is too large: a notes file is at most 1 MB.")),
    500: (N_("Something went wrong"), N_("Afterword hit an unexpected problem. Nothing was lost; try again.")),
    503: (N_("Database unavailable"), N_("The database cannot be used right now.")),
}


def render_error(request: Request[Any, Any, Any], status: int, detail: str | None = None) -> Response[Any]:
    from afterword.web.render import page, ui_for

    _ = ui_for(request).gettext
    title, text = MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])
    return page(request, "error.html", status=status, code=status, title=_(title), text=_(text), detail=detail,
                page="error")


CROSS_SITE = (N_("Not allowed"), N_("This request came from another site or another program, so nothing was changed. "
                                   "Use Afterword's own pages."))


def http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    from afterword.web.session import CROSS_ORIGIN, RENEWED

    if exc.detail == CROSS_ORIGIN:
        from afterword.web.render import page, ui_for

        _ = ui_for(request).gettext
        return page(request, "error.html", status=403, code=403, title=_(CROSS_SITE[0]), text=_(CROSS_SITE[1]),
                    detail=None, page="error")
    renewed = request.scope.get(RENEWED)  # type: ignore[call-overload]
    if not isinstance(renewed, str):
        return render_error(request, exc.status_code)
    # The form's token had expired: this page (and the one that sent it, through `x-csrftoken`) gets a
    # fresh one, so trying again works without a reload and without losing what was typed.
    from litestar.utils.scope.state import ScopeState

    from afterword.web.app import CSRF_COOKIE, CSRF_HEADER

    ScopeState.from_scope(request.scope).csrf_token = renewed
    response = render_error(request, exc.status_code)
    response.set_cookie(CSRF_COOKIE, renewed, path="/", httponly=True, samesite="strict")
    response.headers[CSRF_HEADER] = renewed
    return response


def internal_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    from afterword.core.errors import StoreError
    from afterword.service.outcomes import NotFoundError

    if isinstance(exc, NotFoundError):
        return render_error(request, 404)
    from afterword.web.render import ui_for

    if isinstance(exc, StoreError):
        # A clear one-line message (read-only database, newer schema, lost connection); no traceback.
        return render_error(request, 503, exc.located_in(ui_for(request).language))
    if isinstance(exc, AfterwordError):
        return render_error(request, 400, exc.located_in(ui_for(request).language))
    log.exception("internal error while serving %s %s", request.method, request.url.path)
    return render_error(request, 500)
