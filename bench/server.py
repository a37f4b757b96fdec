"""Starting ``stampla serve`` for a benchmark and reading its workers' peak memory."""

from __future__ import annotations

import os
import selectors
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

STAMPLA = Path(sys.executable).with_name("stampla")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    base_url: str
    process: subprocess.Popen
    output: list[str] = field(default_factory=list)

    def worker_pids(self) -> list[int]:
        """The processes answering requests: the children of the server, or itself."""
        children = _children(self.process.pid)
        return children or [self.process.pid]

    def peak_rss_mb(self) -> float:
        """The largest peak resident size (VmHWM) among the worker processes, in MB."""
        peaks = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        return max(peaks, default=0.0)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.extend(int(child) for child in (task / "children").read_text().split())
    return found


@contextmanager
def serving(database_url: str, workers: int, **env: str) -> Iterator[Server]:
    port = free_port()
    process = subprocess.Popen(
        [
            str(STAMPLA),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],  # fmt: skip
        env={
            **os.environ,
            "STAMPLA_DATABASE_URL": database_url,
            "STAMPLA_LOGIN_FAILURE_DELAY_SECONDS": "0",
            **env,
        },  # fmt: skip
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    server = Server(f"http://127.0.0.1:{port}", process)
    try:
        _wait_for(process, workers, server.output)
        # A separate process drains the log: a thread of this (busy) client would only get
        # the GIL now and then, and a full pipe would stall the server.
        drain = subprocess.Popen(["cat"], stdin=process.stdout, stdout=subprocess.DEVNULL)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=60)
        if "drain" in locals():
            drain.wait(timeout=10)


def _wait_for(process: subprocess.Popen, workers: int, seen: list[str]) -> None:
    """Until the socket listens and every worker has started its application."""
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + 60
    listening, started = False, 0
    while not (listening and started >= workers) and time.monotonic() < deadline:
        if not selector.select(deadline - time.monotonic()):
            break
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        listening = listening or "running on" in line
        started += "Application startup complete" in line
    if not (listening and started >= workers):
        raise RuntimeError("server did not start:\n" + "".join(seen))
