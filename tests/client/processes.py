"""Real servers and agents for the client tests: processes on 127.0.0.1, watched by their output.

Readiness and progress are read from the lines a process prints, never waited for by the
clock. A reader thread moves every line into a queue as it arrives, so a line that came in the
same read as the one before it is not missed.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from starlette.types import ASGIApp

from tests.serverproc import Watched

LINE_TIMEOUT = 60


class ServerProcess:
    """``stampla serve`` on a fixed port, so that it can be stopped and started again there."""

    def __init__(self, database_url: str, port: int) -> None:
        self.database_url = database_url
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.server: Watched | None = None

    def start(self) -> None:
        env = {
            "STAMPLA_DATABASE_URL": self.database_url,
            "STAMPLA_LOGIN_FAILURE_DELAY_SECONDS": "0",
        }
        self.server = Watched(["serve", "--host", "127.0.0.1", "--port", str(self.port)], env)
        # uvicorn prints "Application startup complete" before it binds the port, and this
        # line after: only now does a connection succeed.
        self.server.wait_for("Uvicorn running on")

    def stop(self) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server = None


@contextmanager
def serve_in_thread(app: ASGIApp) -> Iterator[str]:
    """``app`` behind a real uvicorn on 127.0.0.1, in this process; yields its base URL.

    The socket listens before the server thread starts, so a client can connect at once: the
    kernel queues the connection until uvicorn accepts it. No waiting for readiness.
    """
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=LINE_TIMEOUT)
        sock.close()
