"""Running ``stampla serve`` as a real process on 127.0.0.1 for tests."""

from __future__ import annotations

import os
import selectors
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STAMPLA = Path(sys.executable).with_name("stampla")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_line(process: subprocess.Popen, marker: str, timeout: float = 30) -> list[str]:
    """Read the process's output until a line contains ``marker`` (event-driven, no polling)."""
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    while time.monotonic() < deadline:
        if not selector.select(deadline - time.monotonic()):
            break
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        if marker in line:
            return seen
    raise RuntimeError(f"server did not print {marker!r}; output:\n{''.join(seen)}")


@contextmanager
def serving(database_url: str, *args: str, **env: str) -> Iterator[str]:
    """``stampla serve`` on a free port; yields its base URL, stops it afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [str(STAMPLA), "serve", "--host", "127.0.0.1", "--port", str(port), *args],
        env={**os.environ, "STAMPLA_DATABASE_URL": database_url, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_line(process, "Application startup complete")
        wait_for_line(process, "running on")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)
