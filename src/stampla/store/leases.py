"""Leases: which process runs a periodic job now, on SQLite and PostgreSQL alike.

A lease is one row per job: its holder and when it expires. Taking it is one upsert that
only succeeds when the row is free (expired) or already the taker's, so of several workers
asking at once exactly one gets it: SQLite runs write transactions one at a time, and
PostgreSQL's ``ON CONFLICT DO UPDATE … WHERE`` locks the row and re-checks the condition
for the second asker. A holder that dies leaves a lease that expires by itself.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects import postgresql, sqlite

from .tables import job_leases


def acquire(conn: Connection, job: str, holder: str, now: datetime, until: datetime) -> bool:
    """Take (or keep) the lease of ``job`` until ``until``; False when another holds it."""
    lease = job_leases.c
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = dialect_insert(job_leases).values(job=job, holder=holder, expires_at=until)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["job"],
            set_={"holder": holder, "expires_at": until},
            where=(lease.expires_at <= now) | (lease.holder == holder),
        )
    )
    current = conn.execute(select(lease.holder).where(lease.job == job)).scalar_one()
    return current == holder


def release(conn: Connection, job: str, holder: str, now: datetime) -> None:
    """Give the lease back at once (if still held), so the next run need not wait for it."""
    lease = job_leases.c
    conn.execute(
        update(job_leases).where(lease.job == job, lease.holder == holder).values(expires_at=now)
    )


def holder_of(conn: Connection, job: str, now: datetime) -> str | None:
    """Who holds the lease of ``job`` now (None: nobody)."""
    lease = job_leases.c
    query = select(lease.holder).where(lease.job == job, lease.expires_at > now)
    return conn.execute(query).scalar_one_or_none()
