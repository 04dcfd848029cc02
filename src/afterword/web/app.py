"""`create_app()`: the Litestar application with templates, CSRF, the Host guard and error pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from litestar import Litestar

HERE = Path(__file__).resolve().parent
#: Largest request body accepted at all; a notes file itself is limited to 1 MB in the handler.
MAX_BODY_BYTES = 2_000_000
CSRF_COOKIE = "afterword_csrf"
CSRF_HEADER = "x-csrftoken"


def _clock() -> datetime:
    return datetime.now(UTC).astimezone()


def create_app(
    db_url: str | None = None,
    *,
    now: Callable[[], datetime] | None = None,
    allowed_hosts: Iterable[str] = (),
    csrf_secret: str | None = None,
    debug: bool = False,
) -> Litestar:
    """Build the ASGI app over the store at `db_url` (None: the default store).

    `now` is the clock (tests pass a fixed one); `allowed_hosts` extends the Host allow-list
    (127.0.0.1, localhost, ::1); `csrf_secret` signs the form tokens (None: the key kept in the
    Afterword data folder).
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
    from litestar import Litestar
    from litestar.config.csrf import CSRFConfig
    from litestar.exceptions import HTTPException
    from litestar.logging.config import LoggingConfig
    from litestar.middleware import DefineMiddleware
    from litestar.plugins.jinja import JinjaTemplateEngine
    from litestar.static_files import create_static_files_router
    from litestar.template.config import TemplateConfig

    from afterword.service.mail_desk import MailDesk
    from afterword.service.pages import Pages
    from afterword.web import errors, follow_handlers, handlers, mail_handlers, outcome_handlers, settings_handlers
    from afterword.web.guard import Guard
    from afterword.web.session import SessionGuard

    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["address"] = soft_breaks
    backend = Pages.open(db_url)
    app = Litestar(
        route_handlers=[
            *handlers.ROUTES,
            *mail_handlers.ROUTES,
            *follow_handlers.ROUTES,
            *settings_handlers.ROUTES,
            *outcome_handlers.ROUTES,
            create_static_files_router(path="/static", directories=[HERE / "static"], name="static",
                                       send_as_attachment=False, cache_control=None),
        ],
        template_config=TemplateConfig(instance=JinjaTemplateEngine.from_environment(env)),
        # Litestar's CSRF check with an Origin check in front and fresh tokens for dead ones (web.session).
        # The token reaches pages in their forms and `hx-headers`, so no script needs the cookie.
        middleware=[DefineMiddleware(SessionGuard, config=CSRFConfig(
            secret=csrf_secret or _secret(),
            cookie_name=CSRF_COOKIE,
            header_name=CSRF_HEADER,
            cookie_samesite="strict",
            cookie_httponly=True,
        ))],
        exception_handlers={HTTPException: errors.http_error, Exception: errors.internal_error},
        before_request=_ids_in_range,
        request_max_body_size=MAX_BODY_BYTES,
        state=_state(backend=backend, mail=MailDesk(backend.service), now=now or _clock),
        on_shutdown=[backend.close],
        debug=debug,
        openapi_config=None,
        # Litestar's default would configure the root logger; the CLI and uvicorn own logging.
        logging_config=LoggingConfig(configure_root_logger=False, log_exceptions="never"),
    )
    # Outermost, so that the Host check and the headers cover 404s and error pages too.
    app.asgi_handler = Guard(app.asgi_handler, allowed_hosts)  # type: ignore[assignment]
    return app


#: The largest id a database integer holds (SQLite and PostgreSQL BIGINT): a larger one in a path names
#: nothing, and handing it to the driver is an OverflowError (HTTP 500) rather than "not found".
_LARGEST_ID = 2**63 - 1


async def _ids_in_range(request: Any) -> None:
    from litestar.exceptions import NotFoundException

    for value in request.path_params.values():
        if isinstance(value, int) and not -_LARGEST_ID <= value <= _LARGEST_ID:
            raise NotFoundException()


def form_token_key() -> str:
    """The key that signs the form tokens (kept in the Afterword data folder), read once by `serve` and
    handed to every web process, so a token one process issued verifies in all."""
    return _secret()


def _secret() -> str:
    """The key kept in the Afterword data folder, so pages stay usable across restarts."""
    from afterword.service.settings import web_secret

    return web_secret()


def _state(**values: Any) -> Any:
    from litestar.datastructures import State

    return State(values)


class ServedApp:
    """The app of one `afterword serve` worker process: built in that process on its first ASGI call.

    Picklable (the database URL, the extra hosts and the form-token key), so uvicorn can hand it to the
    processes it spawns; the parent reads the key once, so every process signs and verifies alike. A
    process whose parent dies (even by SIGKILL) is stopped too, so no orphan keeps the port.
    """

    def __init__(self, db_url: str | None, allowed_hosts: Iterable[str], csrf_secret: str) -> None:
        self.db_url = db_url
        self.allowed_hosts = tuple(allowed_hosts)
        self.csrf_secret = csrf_secret
        self._app: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"db_url": self.db_url, "allowed_hosts": self.allowed_hosts, "csrf_secret": self.csrf_secret}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _app=None)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if self._app is None:
            _stop_with_parent()
            self._app = create_app(self.db_url, allowed_hosts=self.allowed_hosts, csrf_secret=self.csrf_secret)
        await self._app(scope, receive, send)


def _stop_with_parent() -> None:
    """Ask Linux to send this process SIGTERM when its parent dies (elsewhere: nothing)."""
    import sys

    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def soft_breaks(value: object) -> object:
    """An address with places to wrap after "@", "." and "/" (escaped first): on a phone it breaks there, not
    mid-word ("northwind.examp|le")."""
    from markupsafe import Markup, escape

    text = str(escape(str(value)))
    for mark in ("@", ".", "/"):
        text = text.replace(mark, mark + "<wbr>")
    return Markup(text)
