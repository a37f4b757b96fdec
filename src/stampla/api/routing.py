"""Case-insensitive routes and query-string names, as ASP.NET matches them.

Clients written for SoftOne GO send ``/personell/time/timestampentry?Token=…`` as readily as
``/Personell/Time/TimeStampEntry?token=…``. This middleware rewrites the path and the names of
known query parameters to their canonical spelling before routing, so every route and every
parameter is declared once, in its documented form, and still matched in any letter case. A
trailing slash is ignored too.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter
from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Receive, Scope, Send


class CaseInsensitiveRouting:
    """ASGI middleware mapping any spelling of a known route or query name to the canonical one."""

    def __init__(self, app: ASGIApp, *, routers: list[APIRouter]) -> None:
        self.app = app
        self.paths, self.names = canonical_maps(routers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope = _rewrite(scope, self.paths, self.names)
        await self.app(scope, receive, send)


def canonical_maps(routers: list[APIRouter]) -> tuple[dict[str, str], dict[str, str]]:
    """Folded spelling -> canonical spelling, for route paths and for query names."""
    routes = [route for router in routers for route in router.routes if isinstance(route, APIRoute)]
    paths = {_fold(route.path): route.path for route in routes if "{" not in route.path}
    names = {param.lower(): param for route in routes for param in _query_params(route)}
    return paths, names


def _query_params(route: APIRoute) -> list[str]:
    found: list[str] = []
    stack = [route.dependant]
    while stack:
        dependant = stack.pop()
        found.extend(param.alias for param in dependant.query_params)
        stack.extend(dependant.dependencies)
    return found


def _fold(path: str) -> str:
    return path.rstrip("/").lower() or "/"


def _rewrite(scope: Scope, paths: dict[str, str], names: dict[str, str]) -> Scope:
    path: str = scope["path"]
    canonical_path = paths.get(_fold(path), path)
    query: bytes = scope.get("query_string", b"")
    canonical_query = _canonical_query(query, names) if query else query
    if canonical_path == path and canonical_query == query:
        return scope
    scope = dict(scope)
    scope["path"] = canonical_path
    scope["raw_path"] = canonical_path.encode()
    scope["query_string"] = canonical_query
    return scope


def _canonical_query(query: bytes, names: dict[str, str]) -> bytes:
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
    renamed = [(names.get(key.lower(), key), value) for key, value in pairs]
    if renamed == pairs:
        return query
    return urlencode(renamed).encode("latin-1")
