"""Starting ``stampla serve`` for a benchmark and reading its workers' peak memory."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
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


def stampla_serve(port: int, workers: int) -> list[str]:
    return [str(STAMPLA), "serve", "--host", "127.0.0.1", "--port", str(port),
            "--workers", str(workers)]  # fmt: skip


@contextmanager
def serving(
    database_url: str, workers: int, command: Callable[[int, int], list[str]] = stampla_serve,
    **env: str,
) -> Iterator[Server]:  # fmt: skip
    """``command(port, workers)`` (default ``stampla serve``) until every worker is up."""
    port = free_port()
    process = subprocess.Popen(
        command(port, workers),
        env={**os.environ, "STAMPLA_DATABASE_URL": database_url,
             "STAMPLA_LOGIN_FAILURE_DELAY_SECONDS": "0", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    server = Server(f"http://127.0.0.1:{port}", process)
    drain = None
    try:
        _wait_for(process, workers, server.output)
        # From here a separate process drains the log: a thread of this busy client would get
        # the GIL only now and then, and a full pipe would stall the server.
        drain = subprocess.Popen(["cat"], stdin=process.stdout, stdout=subprocess.DEVNULL)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=60)
        if drain is not None:
            drain.wait(timeout=10)


def _worker_ready(line: str) -> bool:
    """A worker's "ready" line: uvicorn's (stampla, gunicorn's uvicorn workers) or granian's."""
    return "Application startup complete" in line or "Started worker-" in line


def _wait_for(process: subprocess.Popen, workers: int, seen: list[str]) -> None:
    """Until every worker has started its application (each listens before it starts)."""
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        started = 0
        for line in process.stdout:
            lines.put(line)
            started += _worker_ready(line)
            if started >= workers:
                break
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    while (line := lines.get(timeout=60)) is not None:
        seen.append(line)
    if sum(_worker_ready(line) for line in seen) < workers:
        raise RuntimeError("server did not start:\n" + "".join(seen))
