"""Writing and finding the registers: companies, credentials, employees, terminals, accounts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, insert, select

from .ids import allocate_id
from .tables import coding_levels, companies


def insert_company(conn: Connection, **values: Any) -> int:
    result = conn.execute(insert(companies).values(**values).returning(companies.c.id))
    return result.scalar_one()


def insert_company_row(conn: Connection, table: Table, company_id: int, **values: Any) -> int:
    """Insert one row of a company table and return its new id."""
    row_id = allocate_id(conn, table, company_id)
    conn.execute(insert(table).values(company_id=company_id, id=row_id, **values))
    return row_id


def find_id(conn: Connection, table: Table, company_id: int, **key: Any) -> int | None:
    """The id of the row of ``company_id`` whose columns equal ``key``, if there is one."""
    query = select(table.c.id).where(
        table.c.company_id == company_id, *(table.c[name] == value for name, value in key.items())
    )
    return conn.execute(query).scalar_one_or_none()


def find_company_id(conn: Connection, *, name: str | None = None, key_hash: str | None = None):
    query = select(companies.c.id)
    if name is not None:
        query = query.where(companies.c.name == name)
    if key_hash is not None:
        query = query.where(companies.c.api_key_hash == key_hash)
    return conn.execute(query).scalar_one_or_none()


def level_id_by_number(conn: Connection, company_id: int, number: int) -> int | None:
    return find_id(conn, coding_levels, company_id, number=number)
