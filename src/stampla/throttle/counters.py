"""Rate-limit counters in a database, as a storage of the ``limits`` library.

``limits`` brings the strategies (here its fixed window) and storages in memory, Redis and
others, but none in SQL. Without Redis, the counters must still be shared by every worker
process of a server, or a guesser would get five tries per worker; so they live in a
database the workers share:

* **SQLite**: a file of its own beside the store's (``<database>-limits``), so that counting
  never waits behind the store's queue of punch writers (``store/writer_lock.py``), with
  ``synchronous=OFF``: a counter lost in a power cut costs nothing.
* **PostgreSQL**: an ``UNLOGGED`` table in the store's database (no WAL, emptied after a
  crash, which again costs nothing). It is made with ``CREATE TABLE IF NOT EXISTS`` when
  first used, outside the migrations, because it holds no data of the product, only
  seconds-long counts.

Every operation is one statement in autocommit. Time comes from ``now`` (the server's
clock), so tests can move it past a window instead of waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from limits.storage import Storage
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

TABLE = "stampla_rate_limits"

#: Expired counters are swept after this many increments of one process.
SWEEP_EVERY = 1000

_CREATE = {
    "sqlite": f"CREATE TABLE IF NOT EXISTS {TABLE} "
    "(key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires_at REAL NOT NULL) WITHOUT ROWID",
    "postgresql": f"CREATE UNLOGGED TABLE IF NOT EXISTS {TABLE} "
    "(key TEXT PRIMARY KEY, count BIGINT NOT NULL, expires_at DOUBLE PRECISION NOT NULL)",
}

# A window that has ended starts again with this hit; otherwise the hit is added.
_INCR = text(
    f"INSERT INTO {TABLE} AS c (key, count, expires_at) VALUES (:key, :amount, :expires) "
    "ON CONFLICT (key) DO UPDATE SET "
    "count = CASE WHEN c.expires_at <= :now THEN :amount ELSE c.count + :amount END, "
    "expires_at = CASE WHEN c.expires_at <= :now THEN :expires ELSE c.expires_at END "
    "RETURNING count"
)
_GET = text(f"SELECT count, expires_at FROM {TABLE} WHERE key = :key AND expires_at > :now")
_CLEAR = text(f"DELETE FROM {TABLE} WHERE key = :key")
_SWEEP = text(f"DELETE FROM {TABLE} WHERE expires_at <= :now")
_RESET = text(f"DELETE FROM {TABLE}")


def counters_url(database_url: str) -> str:
    """Where the counters of the store at ``database_url`` live (see the module's text)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return url.set(database=f"{url.database}-limits").render_as_string(hide_password=False)
    return database_url


class DatabaseCounters(Storage):
    """``limits`` storage over one table; enough for the fixed-window strategy."""

    STORAGE_SCHEME = ["stampla+database"]

    def __init__(
        self,
        uri: str | None = None,
        wrap_exceptions: bool = False,
        *,
        now: Callable[[], float] = time.time,
        **options: Any,
    ) -> None:
        super().__init__(uri, wrap_exceptions=True, **options)
        assert uri is not None
        self.now = now
        self.engine = _engine(counters_url(uri))
        self._increments = 0
        self._table_made = False

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = self.now()
        params = {"key": key, "amount": amount, "expires": now + expiry, "now": now}
        with self._connect() as conn:
            count = conn.execute(_INCR, params).scalar_one()
            self._increments += 1
            if self._increments % SWEEP_EVERY == 0:
                conn.execute(_SWEEP, {"now": now})
        return int(count)

    def get(self, key: str) -> int:
        row = self._row(key)
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._row(key)
        return float(row[1]) if row else self.now()

    def check(self) -> bool:
        with self._connect() as conn:
            conn.execute(text("SELECT 1"))
        return True

    def reset(self) -> int | None:
        with self._connect() as conn:
            return conn.execute(_RESET).rowcount

    def clear(self, key: str) -> None:
        with self._connect() as conn:
            conn.execute(_CLEAR, {"key": key})

    def dispose(self) -> None:
        self.engine.dispose()

    def _row(self, key: str) -> Any:
        with self._connect() as conn:
            return conn.execute(_GET, {"key": key, "now": self.now()}).first()

    def _connect(self) -> Connection:
        """A connection, the table made first if this process has not yet seen it (on
        first use, not at start, so a server whose database is down still starts)."""
        conn = self.engine.connect()
        if not self._table_made:
            try:
                conn.execute(text(_CREATE[self.engine.dialect.name]))
            except BaseException:
                conn.close()
                raise
            self._table_made = True
        return conn


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, isolation_level="AUTOCOMMIT", pool_size=2, max_overflow=8)
    if parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _tune(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.close()

    return engine
