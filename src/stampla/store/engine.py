"""Opening the database, and the two kinds of transaction the services use.

SQLite is tuned for durability first: WAL with ``synchronous=FULL`` (a committed punch survives
power loss; measured to cost no more than NORMAL here), foreign keys on, and write transactions
started with ``BEGIN IMMEDIATE`` so that a writer takes the lock before it reads. That makes
"look for duplicates, then insert" atomic across processes without retry loops.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any, TypeVar

import psycopg
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError

from stampla.errors import Conflict, Problem, Unavailable
from stampla.settings import Settings

from .group_commit import Committed, GroupCommit
from .register_cache import RegisterCache
from .text_search import fold
from .writer_lock import WriterLock

T = TypeVar("T")


class Store:
    """A database handle; services open ``read()`` or ``write()`` transactions on it."""

    @classmethod
    def from_settings(cls, settings: Settings) -> Store:
        """The store the settings name: the one way a server or a command opens it."""
        return cls(settings.database_url, sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms)

    def __init__(self, url: str, *, sqlite_busy_timeout_ms: int = 30_000) -> None:
        self.url = url
        self.engine = _create_engine(url, sqlite_busy_timeout_ms)
        #: The process's copy of the rows every punch is checked against.
        self.registers = RegisterCache()
        self._group = GroupCommit(self.write)
        parsed = make_url(url)
        self._writers = (
            WriterLock(parsed.database if parsed.database not in (None, "", ":memory:") else None)
            if self.dialect == "sqlite"
            else None
        )

    @property
    def writers_waiting(self) -> int:
        """Writers of this process queued behind the one writing (SQLite; 0 on PostgreSQL,
        whose writers do not queue on one lock)."""
        return self._writers.waiting if self._writers is not None else 0

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A transaction for reading (the server's default isolation: no extra round trips)."""
        with _available(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def lookup(self) -> Iterator[Connection]:
        """A connection for independent look-ups that need no common snapshot.

        Checking a token and resolving a batch's references are single-statement reads, each
        consistent on its own. On PostgreSQL they run in autocommit, which saves the BEGIN and
        ROLLBACK round trips of a transaction: two of the dozen a single punch used to cost.
        SQLite has no round trips, so there it is ``read()``.
        """
        if self.dialect != "postgresql":
            with self.read() as conn:
                yield conn
            return
        with _available(), self.engine.connect() as conn:
            yield conn.execution_options(isolation_level="AUTOCOMMIT")

    @contextmanager
    def lookup_when_needed(self) -> Iterator[Connection]:
        """``lookup()``, opened only if the block uses the connection: a batch whose
        references the process already holds (``register_cache.py``) needs none."""
        with ExitStack() as stack:
            yield _OpenedOnUse(lambda: stack.enter_context(self.lookup()))  # type: ignore[misc]

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction that commits on success and rolls back on any exception.

        A unique key that a concurrent writer took first (two operators adding the same
        employee at one moment) rolls the transaction back and becomes Conflict here, the
        one place it is translated, so a clash is never a 500.
        """
        with _available(), _unclashed(), self._exclusive(), self.engine.connect() as conn:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    def write_grouped(self, work: Callable[[Connection], T]) -> Committed[T]:
        """``work(conn)`` in a write transaction that concurrent writes may share, committed
        once for all of them (``group_commit.py``); its result once durable, with the number
        of writes committed together. ``work`` may run twice (alone, after a write it shared
        a transaction with failed)."""
        return self._group.run(work)

    @property
    def group_commits(self) -> GroupCommit:
        """The group committer, whose counters say how many writes shared transactions."""
        return self._group

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        if self._writers is None:
            yield
        else:
            with self._writers.held():
                yield

    def dispose(self) -> None:
        self.engine.dispose()


class _OpenedOnUse:
    """Stands for a Connection, and opens it when first asked for anything."""

    __slots__ = ("_open", "_conn")

    def __init__(self, open_connection: Callable[[], Connection]) -> None:
        self._open = open_connection
        self._conn: Connection | None = None

    def __getattr__(self, name: str) -> Any:
        if self._conn is None:
            self._conn = self._open()
        return getattr(self._conn, name)


@contextmanager
def _unclashed() -> Iterator[None]:
    try:
        yield
    except (IntegrityError, sqlite3.IntegrityError, psycopg.IntegrityError) as error:
        raise Conflict(
            "Another change to the same records was saved at the same moment; nothing of this "
            "one was saved. Look at the current data and try again."
        ) from error


@contextmanager
def _available() -> Iterator[None]:
    """Database outages become Unavailable (503, retry) at this one boundary.

    No connection is pinged before use, which would cost a round trip on every request: a
    connection that turns out dead invalidates the pool and fails its one request, which the
    client retries.
    """
    try:
        yield
    except OperationalError as error:
        raise Unavailable(
            "The database is unavailable right now; retry shortly",
            [Problem(str(error.orig).splitlines()[0] if error.orig else "unavailable")],
        ) from error


def _create_engine(url: str, busy_timeout_ms: int) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(
            url,
            pool_size=10,
            max_overflow=10,
            connect_args={"options": "-c plan_cache_mode=force_custom_plan"},
        )
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
    )
    _tune_sqlite(engine, busy_timeout_ms)
    return engine


def _tune_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at the driver level: transactions are begun explicitly below.
        dbapi_connection.isolation_level = None
        dbapi_connection.create_function("match_key", 1, fold, deterministic=True)
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "foreign_keys=ON",
            f"busy_timeout={busy_timeout_ms}",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")
