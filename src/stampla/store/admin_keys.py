"""Admin key rows: found by company and digest, never by digest alone."""

from __future__ import annotations

from sqlalchemy import Connection, Row, select

from .tables import admin_keys, companies


def find_active(conn: Connection, company_id: int, key_hash: str) -> Row | None:
    """The active key with this digest in this active company, with the company's zone."""
    query = (
        select(admin_keys.c.id, admin_keys.c.name, companies.c.time_zone)
        .join(companies, companies.c.id == admin_keys.c.company_id)
        .where(
            admin_keys.c.company_id == company_id,
            admin_keys.c.key_hash == key_hash,
            admin_keys.c.active,
            companies.c.active,
        )
    )
    return conn.execute(query).first()
