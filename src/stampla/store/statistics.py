"""Keeping PostgreSQL's planner statistics current for Stampla's tables.

PostgreSQL plans from statistics that ANALYZE gathers, normally autovacuum's job. A server
with autovacuum off never gets any, and even with it on, a table that has just grown (the first
day of a big company, an import of 50,000 employees) is planned from figures that no longer
fit. With no statistics, the planner believes a company has a handful of rows and picks plans
that compare every row with every other: GET of one busy day took 4.9 s instead of 15 ms.

The keeper applies autovacuum's own threshold (rows changed since the last ANALYZE above
50 + 10 % of the table) every few seconds and runs ANALYZE where it is crossed. Workers of
one server share the job through an advisory lock, so only one of them analyses at a time.
SQLite needs none of this: its planner works from the schema.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import Engine, text

from .tables import metadata

log = logging.getLogger("stampla.statistics")

INTERVAL_SECONDS = 10.0
_LOCK_KEY = 0x5374616D  # "Stam": one advisory lock for the keepers of all processes

_STALE = text(
    """SELECT s.relname FROM pg_stat_user_tables AS s
       JOIN pg_class AS c ON c.oid = s.relid
       WHERE s.relname = ANY(:tables)
         AND (s.last_analyze IS NULL AND s.last_autoanalyze IS NULL
              OR s.n_mod_since_analyze > 50 + 0.1 * GREATEST(c.reltuples, 0))"""
)


def analyze_stale(engine: Engine) -> list[str]:
    """ANALYZE every Stampla table whose statistics are missing or out of date; their names."""
    tables = sorted(metadata.tables)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _LOCK_KEY}).scalar():
            return []
        try:
            stale = list(conn.execute(_STALE, {"tables": tables}).scalars())
            for table in stale:
                conn.execute(text(f'ANALYZE "{table}"'))
            return stale
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _LOCK_KEY})


class StatisticsKeeper:
    """A daemon thread that calls ``analyze_stale`` now and then, until stopped."""

    def __init__(self, engine: Engine, interval: float = INTERVAL_SECONDS) -> None:
        self.engine = engine
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="statistics", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while True:  # the first pass runs at once, whatever happens to stop meanwhile
            try:
                analysed = analyze_stale(self.engine)
                if analysed:
                    log.info("analysed %s", ", ".join(analysed))
            except Exception:  # noqa: BLE001 - statistics must never take the server down
                log.exception("could not refresh planner statistics")
            if self._stop.wait(self.interval):
                return
