"""An ASGI middleware in front of the real application, for what cannot happen for real here.

The server has no rate limiter and never dies on cue, so the gate plays those parts: it
answers the n-th post of entries in the application's stead (a 429 with Retry-After, a 503),
or lets the application process it and then holds the answer back until the test releases it
(the moment between the server's commit and the client hearing of it). Everything else is the
real application. It also records every request, so tests can count logins.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

POST_ENTRIES = "POST /Personell/Time/TimeStampEntry"
LOGIN = "POST /Login/Token"


class Gate:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.requests: list[str] = []
        self.before_post: Callable[[int], None] | None = None
        self._answers: dict[int, tuple[int, dict[str, str], dict | None]] = {}
        self._hold: int | None = None
        self._drop: int | None = None
        self.held = threading.Event()
        self.release = threading.Event()

    def count(self, request: str) -> int:
        return self.requests.count(request)

    def answer(
        self,
        nth: int,
        status: int,
        headers: dict[str, str] | None = None,
        body: dict | None = None,
    ) -> None:
        """Answer the ``nth`` post of entries (1-based) instead of the app.

        The body is the error shape with a message naming the status, unless given.
        """
        self._answers[nth] = (status, headers or {}, body)

    def hold_answer(self, nth: int) -> None:
        """Let the app process the ``nth`` post, then hold its answer until ``release``."""
        self._hold = nth

    def hold_unprocessed(self, nth: int) -> None:
        """Hold the ``nth`` post before the app sees it, then drop it on ``release``."""
        self._drop = nth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = f"{scope['method']} {scope['path']}"
        self.requests.append(request)
        if request != POST_ENTRIES:
            await self.app(scope, receive, send)
            return
        nth = self.count(POST_ENTRIES)
        if self.before_post is not None:
            self.before_post(nth)
        if nth in self._answers:
            await _answer(receive, send, *self._answers[nth])
        elif nth == self._hold:
            await self._hold_answer(scope, receive, send)
        elif nth == self._drop:
            self.held.set()
            await anyio.to_thread.run_sync(self.release.wait)
        else:
            await self.app(scope, receive, send)

    async def _hold_answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        answer: list[Message] = []

        async def keep(message: Message) -> None:
            answer.append(message)

        await self.app(scope, receive, keep)
        self.held.set()
        await anyio.to_thread.run_sync(self.release.wait)
        for message in answer:
            await send(message)


async def _answer(
    receive: Receive, send: Send, status: int, headers: dict[str, str], body: dict | None
) -> None:
    while (await receive()).get("more_body"):
        pass
    content = body or {"success": False, "errorMessage": f"HTTP {status} from the gate"}
    raw = [(b"content-type", b"application/json")]
    raw += [(name.lower().encode(), value.encode()) for name, value in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": json.dumps(content).encode()})
