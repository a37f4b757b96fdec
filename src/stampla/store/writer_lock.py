"""One SQLite writer at a time, queued instead of polled.

SQLite allows one writer. A second one that finds the database locked is put to sleep by the
busy handler in growing millisecond steps, so under load writers spend more time asleep than
writing (PERF-NOTES measured a 750 ms p99). Here writers queue on a lock that hands over the
moment it is free: a thread lock within the process, and ``flock`` on a file next to the
database across processes (the kernel releases it if a process dies).
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class WriterLock:
    def __init__(self, database_path: str | None) -> None:
        self._threads = threading.Lock()
        self._path = f"{database_path}-writer.lock" if database_path else None
        self._fd: int | None = None
        self._counting = threading.Lock()
        self._waiting = 0

    @property
    def waiting(self) -> int:
        """Threads of this process queued for the lock right now (how long the queue is)."""
        return self._waiting

    @contextmanager
    def held(self) -> Iterator[None]:
        self._count(+1)
        try:
            self._threads.acquire()
        finally:
            self._count(-1)
        try:
            if self._path is None:
                yield
                return
            fd = self._file()
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()

    def _count(self, step: int) -> None:
        with self._counting:
            self._waiting += step

    def _file(self) -> int:
        if self._fd is None or self._fd_pid != os.getpid():
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            self._fd_pid = os.getpid()
        return self._fd

    _fd_pid: int = -1
