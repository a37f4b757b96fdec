"""Two guards of a worker's time: a body that arrives too slowly, and a server that is
stopping.

A terminal on a bad link (or a client that means harm) can open a request and trickle its
body a byte at a time; every such request holds a connection and a slot of the worker for as
long as it likes. ``SlowBodyGuard`` gives the whole body ``body_timeout_seconds`` from the
first receive and answers 408 with ``Connection: close`` when it runs out. Nothing of such a
request has been written: the body is read completely before any service runs, so a cut-off
request is simply not acknowledged and the client resends it.

``Draining`` answers 503 with ``Retry-After`` to any request that starts after the process
was told to stop (SIGTERM), while requests already in flight finish normally (the grace
period is uvicorn's ``timeout_graceful_shutdown``, set by ``stampla serve``). Clients of the
outbox retry on 503, so a rolling restart loses nothing and answers nothing twice.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from stampla.errors import error_body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class DrainState:
    """Whether this process is stopping; set once by the server on SIGTERM."""

    def __init__(self) -> None:
        self.draining = False

    def start(self) -> None:
        self.draining = True


#: The process's own state: one server per process in ``stampla serve``.
PROCESS = DrainState()

DRAINING_MESSAGE = "The server is restarting; send the request again in a moment."
SLOW_BODY_MESSAGE = "The request body arrived too slowly and was not read; send it again."


async def _answer(send: Send, status: int, message: str, extra: list[tuple[bytes, bytes]]) -> None:
    body = json.dumps(error_body(message)).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Draining:
    """ASGI middleware: 503 for every HTTP request that starts once ``state`` is draining."""

    def __init__(self, app: ASGIApp, state: DrainState = PROCESS) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.state.draining:
            await _answer(send, 503, DRAINING_MESSAGE, [(b"retry-after", b"2")])
            return
        await self.app(scope, receive, send)


class SlowBodyGuard:
    """ASGI middleware: a request body must arrive within ``timeout`` seconds of the first
    receive, else 408 and the connection closes."""

    def __init__(self, app: ASGIApp, timeout: float) -> None:
        self.app = app
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline: float | None = None
        timed_out = False
        started = False
        body_done = False

        async def guarded_receive() -> Message:
            nonlocal deadline, timed_out, body_done
            if body_done:
                return await receive()  # after the body: only a disconnect can come
            loop = asyncio.get_running_loop()
            if deadline is None:
                deadline = loop.time() + self.timeout
            try:
                # A deadline on the running task, not wait_for's extra task per receive: this
                # runs on every request, single punches included.
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                timed_out = True
                return {"type": "http.disconnect"}
            if message["type"] == "http.request" and not message.get("more_body", False):
                body_done = True
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if timed_out and not started:
                return  # the 408 below answers instead of whatever the app makes of it
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, guarded_receive, guarded_send)
        except Exception:
            if not timed_out:
                raise
        if timed_out and not started:
            await _answer(send, 408, SLOW_BODY_MESSAGE, [])
