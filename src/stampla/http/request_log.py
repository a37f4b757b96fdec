"""One record per request: its id, its route, its outcome, and whom it was for.

``RequestLog`` is the server's outermost layer. It gives every request an id (the caller's
``X-Request-Id`` when it sent a sane one, else a new one), answers it as ``X-Request-Id``,
times the request, and when the answer is sent logs one line to ``stampla.request`` with:

* the method, the **route template** (``/Personell/Time/TimeStampEntry``, never the raw URL,
  whose query string holds the keys), the status and the duration;
* the company and integration, once the API has authenticated the caller;
* for a save, how many entries were saved, were duplicates, were rejected.

Layers further in fill the request's ``RequestRecord`` (``record_of``): ``NoteRoute`` the
template, once routing has chosen a route, and the API's dependencies and routes the rest.
The id is also kept in a context variable, so every other line logged while the request is
served (in the event loop or in a worker thread) carries it too (``stampla.logs``).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import asdict, dataclass

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.routing import Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("stampla.request")

HEADER = "X-Request-Id"
SCOPE_KEY = "stampla.request"
#: A caller's own request id is kept when it looks like one; anything else is replaced.
_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")

#: The id of the request being served, for every log line written meanwhile.
current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)


@dataclass(slots=True)
class RequestRecord:
    """What the line of one request says; filled in as the request goes through layers."""

    request_id: str
    method: str
    route: str | None = None
    status: int | None = None
    duration_ms: float | None = None
    client: str | None = None
    company_id: int | None = None
    integration_id: int | None = None
    entries: int | None = None
    saved: int | None = None
    duplicates: int | None = None
    rejected: int | None = None
    reasons: dict[str, int] | None = None
    #: Batches that shared this one's commit (group commit).
    commit_group: int | None = None

    def fields(self) -> dict[str, object]:
        """The record without its empty fields, as a log line shows it."""
        return {name: value for name, value in asdict(self).items() if value is not None}


def record_of(connection: HTTPConnection) -> RequestRecord | None:
    """The record of the request ``connection`` belongs to (None outside a server)."""
    return connection.scope.get(SCOPE_KEY)


#: Called with each finished record (metrics listen here).
Listener = Callable[[RequestRecord], None]


class RequestLog:
    """ASGI middleware: the id, the timing and the one line of every HTTP request."""

    def __init__(self, app: ASGIApp, *, listeners: tuple[Listener, ...] = ()) -> None:
        self.app = app
        self.listeners = listeners

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        record = RequestRecord(_request_id(scope), scope["method"], client=_client(scope))
        scope[SCOPE_KEY] = record
        token = current_request_id.set(record.request_id)
        # At debug level, the start too: a request that never finishes shows up by its id.
        log.debug("started %s %s", record.method, scope.get("path", ""))

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                record.status = message["status"]
                MutableHeaders(scope=message)[HEADER] = record.request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            record.duration_ms = round((time.perf_counter() - started) * 1000, 3)
            if record.status is None:  # the application raised before answering
                record.status = 500
            if record.entries is not None and record.saved is None:
                record.rejected = record.entries  # refused as a whole: nothing was saved
            self._finish(record)
            current_request_id.reset(token)

    def _finish(self, record: RequestRecord) -> None:
        log.info(
            "%s %s %s %.1f ms",
            record.method,
            record.route or "(no route)",
            record.status,
            record.duration_ms,
            extra={"request": record.fields()},
        )
        for listener in self.listeners:
            listener(record)


class NoteRoute:
    """ASGI middleware, inside the case-insensitive routing: notes the template of the route
    that served the request, as the router left it in the scope."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        finally:
            record = scope.get(SCOPE_KEY)
            if record is not None and record.route is None:
                record.route = route_template(scope)


def route_template(scope: Scope) -> str | None:
    """The path pattern of the route the router chose (a mount's as ``…/{path}``)."""
    route = scope.get("route")
    prefix = scope.get("root_path", "").removeprefix(scope.get("app_root_path", ""))
    if route is None or isinstance(route, Mount):
        # A mount (static files, or the pages with no page of that name) leaves its
        # application as the endpoint and its path as the root path.
        return f"{prefix}/{{path}}" if scope.get("endpoint") is not None else None
    path = getattr(route, "path", None)
    return f"{prefix}{path}" if path is not None else None


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            if _SANE_ID.fullmatch(text):
                return text
            break
    return uuid.uuid4().hex


def _client(scope: Scope) -> str | None:
    client = scope.get("client")
    return client[0] if client else None
