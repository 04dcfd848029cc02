"""Form tokens that never strand a page, and state changes only from our own pages.

Litestar's CSRF middleware keeps a cookie whose token no longer verifies (say the key changed)
forever, so every later form is refused. Here a page load replaces such a cookie, and a refused form
gets a fresh token with its 403 (`x-csrftoken`), so the page can try again. A state-changing request
whose `Origin` or `Sec-Fetch-Site` says it came from another origin (another port counts) is refused
before the token is even looked at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from litestar.enums import ScopeType
from litestar.exceptions import PermissionDeniedException
from litestar.middleware.csrf import CSRFMiddleware, generate_csrf_token

if TYPE_CHECKING:
    from litestar.types import Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CROSS_ORIGIN = "cross-origin request refused"
BAD_TOKEN = "CSRF token verification failed"
#: The scope key that carries a token issued with a refusal (read by `web.errors`).
RENEWED = "afterword_renewed_csrf"


def header(scope: Scope, name: bytes) -> str | None:
    return next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == name), None)


def same_origin(scope: Scope) -> bool:
    """False when the browser says the request came from another origin; True when it says nothing.

    `Sec-Fetch-Site` decides where the browser sends it (`same-site` is another port); else `Origin`.
    """
    site = header(scope, b"sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = header(scope, b"origin")
    if origin is None:
        return True
    host = header(scope, b"host") or ""
    scheme = scope.get("scheme", "http")
    return origin.strip().lower() == f"{scheme}://{host.strip().lower()}"


class SessionGuard(CSRFMiddleware):
    """Litestar's CSRF check, plus the Origin check, and fresh tokens where the old ones are dead."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        method = scope.get("method", "GET")
        if method not in SAFE_METHODS and not same_origin(scope):
            raise PermissionDeniedException(CROSS_ORIGIN)
        if method in SAFE_METHODS:
            scope = self._without_dead_cookie(scope)
        try:
            await super().__call__(scope, receive, send)
        except PermissionDeniedException as exc:
            if exc.detail == BAD_TOKEN:
                scope[RENEWED] = generate_csrf_token(secret=self.config.secret)  # type: ignore[literal-required]
            raise

    def _without_dead_cookie(self, scope: Scope) -> Scope:
        """The scope without our cookie when its token does not verify, so a new one is issued."""
        from http.cookies import SimpleCookie

        name = self.config.cookie_name
        raw = header(scope, b"cookie")
        if not raw or name not in raw:
            return scope
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(raw)
        except Exception:
            return scope
        morsel = jar.get(name)
        if morsel is None or self._decode_csrf_token(morsel.value) is not None:
            return scope
        rest = "; ".join(f"{k}={m.value}" for k, m in jar.items() if k != name)
        headers: list[Any] = [(k, v) for k, v in scope["headers"] if k != b"cookie"]
        if rest:
            headers.append((b"cookie", rest.encode("latin-1")))
        new: Any = {**scope, "headers": headers}
        return new  # type: ignore[no-any-return]
