"""ASGI guard: a Host allow-list against DNS rebinding, and security headers on every response.

Pages show notes and drafts, so nothing but the static files may be kept by a cache (`no-store`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

DEFAULT_HOSTS = ("127.0.0.1", "localhost", "::1")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # Not `no-referrer`: under it browsers send `Origin: null` on our own forms, and the Origin check
    # (web.session) could not tell them from a stranger's. Other sites still get no referrer at all.
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                            b"microphone=(), payment=(), usb=()"),
)
NO_STORE = (b"cache-control", b"no-store")

_BAD_HOST_PAGE = (
    b"<!doctype html><meta charset=utf-8><title>Unknown host</title>"
    b"<p>This address is not served by Afterword. Open it as http://127.0.0.1 or http://localhost."
    b"<p>Dit adres hoort niet bij Afterword. Open het als http://127.0.0.1 of http://localhost."
)


def host_name(header: str) -> str:
    """The host part of a Host header, lower-cased, without port; IPv6 without brackets."""
    value = header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[1:end] if end > 0 else ""
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


class Guard:
    """Rejects requests whose Host is not ours (400) and adds the security headers."""

    def __init__(self, app: Any, allowed_hosts: Iterable[str] = ()) -> None:
        self.app = app
        self.allowed = {host_name(h) for h in (*DEFAULT_HOSTS, *allowed_hosts)}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"host"), None)
        if host is None or host_name(host) not in self.allowed:
            await _reply(send, 400, _BAD_HOST_PAGE)
            return

        private = not scope.get("path", "").startswith("/static/")

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                headers = list(message.get("headers", []))
                headers.extend((k, v) for k, v in SECURITY_HEADERS if k not in present)
                if private and NO_STORE[0] not in present:
                    headers.append(NO_STORE)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _reply(send: Any, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode()),
               *SECURITY_HEADERS, NO_STORE]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
