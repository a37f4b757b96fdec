"""Real ``stampla`` processes for tests, watched by the lines they print.

Readiness and progress are read from the lines a process prints, never waited for by the
clock. A reader thread moves every line into a queue as it arrives, so a line that came in the
same read as the one before it is not missed.
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STAMPLA = Path(sys.executable).with_name("stampla")
LINE_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Watched:
    """A subprocess (``stampla …`` unless ``argv`` is whole) whose output lines a test awaits."""

    def __init__(self, args: list[str], env: dict[str, str], *, argv: bool = False) -> None:
        self.process = subprocess.Popen(
            args if argv else [str(STAMPLA), *args],
            env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200", **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._queue.put(line)
        self._queue.put(None)

    def wait_for(self, marker: str) -> str:
        """The first unread line containing ``marker``; fails if the process ends first."""
        while True:
            try:
                line = self._queue.get(timeout=LINE_TIMEOUT)
            except queue.Empty:
                raise AssertionError(f"no line with {marker!r}; output:\n{self.output}") from None
            if line is None:
                raise AssertionError(f"ended before printing {marker!r}; output:\n{self.output}")
            self.lines.append(line)
            if marker in line:
                return line

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def kill(self) -> None:
        """SIGKILL: no handler runs, nothing is flushed, as when the power goes."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=LINE_TIMEOUT)

    def terminate(self) -> int:
        """SIGTERM, then the exit code once the process has stopped by itself."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=LINE_TIMEOUT)

    def rest(self) -> str:
        """Everything printed until the process ended."""
        while (line := self._queue.get(timeout=LINE_TIMEOUT)) is not None:
            self.lines.append(line)
        return self.output


@contextmanager
def serving(database_url: str, *args: str, **env: str) -> Iterator[str]:
    """``stampla serve`` on a free port; yields its base URL, stops it afterwards."""
    port = free_port()
    server = Watched(
        ["serve", "--host", "127.0.0.1", "--port", str(port), *args],
        {"STAMPLA_DATABASE_URL": database_url, **env},
    )
    try:
        # uvicorn prints "Application startup complete" before it binds the port, and this
        # line after: only now does a connection succeed.
        server.wait_for("Uvicorn running on")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
