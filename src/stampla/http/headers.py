"""Headers on every answer of the server, API and pages alike.

* ``X-Content-Type-Options: nosniff`` everywhere: a browser must take a JSON error or a
  CSV export for what its Content-Type says, never guess that it is a page or a script.
* ``X-Frame-Options: DENY`` on the pages and the API's documentation (``/docs``): the
  pages' Content-Security-Policy already says ``frame-ancestors 'none'``, and this header
  says the same to browsers and scanners that read only the older one. A page with forms
  (or an *Authorize* dialog holding keys) inside another site's frame invites clickjacking.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Paths whose answers are meant for a browser window, and so must never be framed.
FRAMED_PREFIXES = ("/web", "/docs", "/redoc")


def is_page(path: str) -> bool:
    """Whether ``path`` is one of the pages or of the documentation."""
    return any(path == prefix or path.startswith(prefix + "/") for prefix in FRAMED_PREFIXES)


class SecurityHeaders:
    """ASGI middleware adding the headers above; the outermost layer of the server."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        page = is_page(scope["path"])

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                if page:
                    headers["X-Frame-Options"] = "DENY"
            await send(message)

        await self.app(scope, receive, with_headers)
