"""Reading the register version (migration 0018): one indexed read of one row.

The statement runs on the driver's cursor: it is on the path of every request, where building
a SQLAlchemy statement and result would cost more than the read itself.
"""

from __future__ import annotations

from sqlalchemy import Connection

_SQL = "SELECT version FROM register_version WHERE id = 1"


def current(conn: Connection) -> int | None:
    """The version now; None if its row is gone (then nothing may be served from a cache)."""
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.execute(_SQL)
        row = cursor.fetchone()
    finally:
        cursor.close()
    return int(row[0]) if row else None
