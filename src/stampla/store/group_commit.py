"""Group commit: writes that arrive while one is committing share the next transaction.

A durable commit is the dearest step of a single punch: SQLite (``synchronous=FULL``) and
PostgreSQL (``synchronous_commit=on``) both wait for the disk. When terminals post at a shift
change, many requests are ready to write at the same moment; here they queue, and one of them
(the *leader*) runs the queued writes one after another in one transaction and commits once for
all. Each caller gets its own result, and only after the commit that made it durable: nothing
is acknowledged that a crash could take back.

One write's failure never costs the others: if any write of a group raises, or the commit
fails, the transaction is rolled back and every write of the group runs again in a
transaction of its own, exactly as it would have without grouping, so each caller gets the
result or the error it would have had alone. A write must therefore be a function of the
database only (the same function may run twice; only the last run's effects are kept).

Leadership is handed on: a leader commits one group and, if more writes have queued, wakes
the oldest of them to lead the next. No caller waits longer than its own group and the one
before it, and no extra thread is needed (nothing to start, stop, or fork around).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Generic, NamedTuple, TypeVar

from sqlalchemy import Connection

T = TypeVar("T")

#: Writes in one transaction at most: bounds a group's latency and its transaction's size.
MAX_GROUP = 64


class Committed(NamedTuple, Generic[T]):
    """A write's result, and how many writes its transaction committed (1: alone)."""

    result: T
    writes: int


@dataclass(eq=False)
class _Write(Generic[T]):
    work: Callable[[Connection], T]
    wake: threading.Event = field(default_factory=threading.Event)
    leads: bool = False
    done: bool = False
    result: T | None = None
    error: BaseException | None = None
    writes: int = 1


class GroupCommit:
    """Runs writes in shared transactions opened by ``transaction`` (``Store.write``)."""

    def __init__(
        self,
        transaction: Callable[[], AbstractContextManager[Connection]],
        max_group: int = MAX_GROUP,
    ) -> None:
        self._transaction = transaction
        self._max_group = max_group
        self._lock = threading.Lock()
        self._queue: list[_Write] = []
        self._leading = False
        self._arrived = threading.Condition(self._lock)
        #: Groups committed and writes in them, since the start (for tests and metrics).
        self.groups = 0
        self.writes = 0

    def run(self, work: Callable[[Connection], T]) -> Committed[T]:
        """``work(conn)`` inside a transaction shared with concurrent writes; its result once
        that transaction committed, or the error it raised when run alone."""
        write: _Write[T] = _Write(work)
        with self._lock:
            self._queue.append(write)
            self._arrived.notify_all()
            if not self._leading:
                self._leading = write.leads = True
        if not write.leads:
            write.wake.wait()
        if not write.done:  # woken (or started) to lead: this write is first in the queue
            self._lead()
        if write.error is not None:
            raise write.error
        return Committed(write.result, write.writes)  # type: ignore[arg-type]

    def wait_queued(self, count: int, timeout: float) -> bool:
        """Whether ``count`` writes wait for a leader within ``timeout`` seconds (lets a test
        hold a group open until the writes it wants in it have arrived, without sleeping)."""
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self._queue) >= count, timeout)

    def _lead(self) -> None:
        with self._lock:
            group = self._queue[: self._max_group]
            del self._queue[: self._max_group]
        try:
            self._commit(group)
        finally:
            with self._lock:
                if self._queue:
                    successor = self._queue[0]
                    successor.leads = True
                    successor.wake.set()
                else:
                    self._leading = False
            for write in group:
                write.done = True
                if not write.leads:
                    write.wake.set()

    def _commit(self, group: list[_Write]) -> None:
        if len(group) > 1:
            try:
                results = []
                with self._transaction() as conn:
                    for write in group:
                        results.append(write.work(conn))
            except BaseException:  # noqa: BLE001 - every write runs again alone, below
                pass
            else:
                for write, result in zip(group, results, strict=True):
                    write.result, write.writes = result, len(group)
                self.groups += 1
                self.writes += len(group)
                return
        for write in group:
            try:
                with self._transaction() as conn:
                    write.result = write.work(conn)
            except BaseException as error:  # noqa: BLE001 - handed to its caller
                write.error = error
            else:
                self.groups += 1
                self.writes += 1
