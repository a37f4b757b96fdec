"""Reading the register version (migration 0018): one indexed read of one row.

It is the first statement of every request, so it goes through SQLAlchemy's execution
rather than the driver's cursor: a connection that died while pooled is recognised there
(the pool is invalidated, the request answers 503 and is retried), and an outage is the
database's ``OperationalError`` that ``Store`` turns into 503.
"""

from __future__ import annotations

from sqlalchemy import Connection

_SQL = "SELECT version FROM register_version WHERE id = 1"


def current(conn: Connection) -> int | None:
    """The version now; None if its row is gone (then nothing may be served from a cache)."""
    row = conn.exec_driver_sql(_SQL).first()
    return int(row[0]) if row else None
