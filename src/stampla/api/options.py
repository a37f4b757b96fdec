"""``OPTIONS`` on any route: ``204`` with an ``Allow`` header naming its methods.

Starlette answers OPTIONS on a route declared for other methods with 405, which tells a
client (or an operator probing with ``curl -X OPTIONS``) nothing about what the route does
take. This middleware answers it from the routing table itself, so the list cannot drift
from the routes: the API's, the root's and, through their mount, the pages'. A path that
no route matches goes on to the application and gets its 404.

It runs inside the case-insensitive routing, so it sees the canonical spelling of a path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Mount
from starlette.types import ASGIApp, Receive, Scope, Send

#: A mount without a routing table of its own (static files) serves reads only.
STATIC_METHODS = frozenset({"GET", "HEAD"})
#: The methods a route may be declared for (OPTIONS itself is always allowed).
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"})


class AllowOptions:
    """ASGI middleware answering OPTIONS from ``routes()`` (read at each request, so that
    routes added after the middleware, such as the pages' mount, are included)."""

    def __init__(self, app: ASGIApp, *, routes: Callable[[], Iterable[BaseRoute]]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "OPTIONS":
            await self.app(scope, receive, send)
            return
        methods = allowed_methods(self.routes(), scope)
        if not methods:
            await self.app(scope, receive, send)
            return
        allow = ", ".join(sorted(methods | {"OPTIONS"}))
        await Response(status_code=204, headers={"Allow": allow})(scope, receive, send)


def allowed_methods(routes: Iterable[BaseRoute], scope: Scope) -> set[str]:
    """Every method some route answers at the path of ``scope`` (empty when none matches).

    Each method is tried with the routes' own matching, so included routers, path
    parameters and mounts count exactly as they do when a request is routed.
    """
    found: set[str] = set()
    for route in routes:
        if isinstance(route, Mount):
            match, child = route.matches(scope)
            if match is Match.FULL:
                inner = route.routes
                found |= allowed_methods(inner, {**scope, **child}) if inner else STATIC_METHODS
            continue
        for method in METHODS - found:
            if route.matches({**scope, "method": method})[0] is Match.FULL:
                found.add(method)
    return found
