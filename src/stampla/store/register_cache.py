"""A process's copy of the rows a punch is checked against, right as of the last request.

Every punch resolves its employee, terminal, accounts and time codes, and every request its
token's grant: on PostgreSQL those were four of a single punch's round trips and a third of its
time. The rows change seldom (an admin edits a register), so each process keeps the rows it
has read, and every request first reads the register version (``register_version.py``), which
database triggers move on each change to those tables, whoever makes it. A version other than
the one the copy was made at empties the copy before anything is served from it: a deactivated
employee, a revoked key or a disabled user is refused on the next request, in every process.

Only rows that were found are kept. A value that matched nothing is looked up again next time:
a register's new rows need no invalidation then (the triggers watch inserts only where a new
row can change what a kept value means, see migration 0018).

A lookup that ran against an older version than the copy's does not add its rows (another
thread saw a newer version meanwhile): the copy never holds rows older than its version.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Connection

from . import register_version

#: Rows kept before the copy starts over (a 30,000-employee company's registers are far less).
LIMIT = 250_000

Row = tuple[Any, ...]

#: The snapshot of each cache (by id) taken within the current ``one_version`` scope.
_scoped: ContextVar[dict[int, Snapshot] | None] = ContextVar("register_snapshots", default=None)


class RegisterCache:
    def __init__(self, limit: int = LIMIT) -> None:
        self._lock = threading.Lock()
        self._version: int | None = None
        self._rows: dict[tuple[str, int], dict[Hashable, tuple[Row, ...]]] = {}
        self._grants: dict[tuple[str, str, str], Any] = {}
        self._count = 0
        self._limit = limit

    @contextmanager
    def one_version(self) -> Iterator[None]:
        """Within this block, snapshots read the version once: one request checks its token
        and its batch's references against the same version, for one statement, not two."""
        taken: dict[int, Snapshot] = {}
        reset = _scoped.set(taken)
        try:
            yield
        finally:
            _scoped.reset(reset)

    def snapshot(self, conn: Connection) -> Snapshot:
        """The copy as of now: reads the version on ``conn`` (one statement) and empties the
        copy if it moved. Lookups through the snapshot must run on ``conn`` or later.
        Inside ``one_version``, the first snapshot of the block is reused."""
        taken = _scoped.get()
        if taken is not None and id(self) in taken:
            return taken[id(self)]
        version = register_version.current(conn)
        with self._lock:
            if version != self._version:
                self._rows, self._grants, self._count = {}, {}, 0
                self._version = version
        snapshot = Snapshot(self, version)
        if taken is not None:
            taken[id(self)] = snapshot
        return snapshot

    def _get(
        self, version: int | None, register: str, company_id: int, keys: Collection[Hashable]
    ) -> tuple[list[Row], list[Hashable]]:
        found: list[Row] = []
        missing: list[Hashable] = []
        with self._lock:
            kept = self._rows.get((register, company_id)) if version == self._version else None
            if kept is None:
                return found, list(keys)
            for key in keys:
                rows = kept.get(key)
                if rows is None:
                    missing.append(key)
                else:
                    found.extend(rows)
        return found, missing

    def _put(
        self, version: int | None, register: str, company_id: int, rows: list[Row], key_at: int
    ) -> None:
        if version is None or not rows:
            return
        grouped: dict[Hashable, list[Row]] = {}
        for row in rows:
            grouped.setdefault(row[key_at], []).append(row)
        with self._lock:
            if version != self._version:
                return
            if self._count + len(rows) > self._limit:
                self._rows, self._grants, self._count = {}, {}, 0
            kept = self._rows.setdefault((register, company_id), {})
            for key, same in grouped.items():
                kept[key] = tuple(same)
            self._count += len(rows)

    def _grant(self, version: int | None, key: tuple[str, str, str]) -> Any:
        with self._lock:
            return self._grants.get(key) if version == self._version else None

    def _keep_grant(self, version: int | None, key: tuple[str, str, str], grant: Any) -> None:
        if version is None:
            return
        with self._lock:
            if version == self._version:
                self._grants[key] = grant
                self._count += 1


class Snapshot:
    """The copy at one version, for the lookups of one request."""

    __slots__ = ("_cache", "_version")

    def __init__(self, cache: RegisterCache, version: int | None) -> None:
        self._cache = cache
        self._version = version

    def rows(
        self,
        register: str,
        company_id: int,
        keys: Collection[Hashable],
        fetch: Callable[[list[Hashable]], list[Row]],
        key_at: int = 0,
    ) -> list[Row]:
        """The rows of ``register`` for ``keys``: kept ones, and ``fetch(missing)`` for the
        rest (whose rows are kept; ``row[key_at]`` is the key a row was found by)."""
        found, missing = self._cache._get(self._version, register, company_id, keys)
        if missing:
            fetched = fetch(missing)
            self._cache._put(self._version, register, company_id, fetched, key_at)
            found.extend(fetched)
        return found

    def grant(self, key: tuple[str, str, str], fetch: Callable[[], Any]) -> Any:
        """The grant behind a token's digests: kept, or ``fetch()`` (kept if found)."""
        kept = self._cache._grant(self._version, key)
        if kept is not None:
            return kept
        grant = fetch()
        if grant is not None:
            self._cache._keep_grant(self._version, key, grant)
        return grant
