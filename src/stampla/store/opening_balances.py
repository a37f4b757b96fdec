"""Opening balances: one row per employee, the balances at the start of its date."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from stampla.domain.rules.balances import Opening

from .references import chunks, one_of
from .tables import opening_balances


def read(conn: Connection, company_id: int, employee_ids: Collection[int]) -> dict[int, Opening]:
    """The opening balances of the employees that have one, by employee id."""
    t = opening_balances.c
    query = select(t.employee_id, t.date, t.comp_seconds, t.flex_seconds, t.note).where(
        t.company_id == company_id, one_of(conn.dialect.name, t.employee_id)
    )
    found: dict[int, Opening] = {}
    for chunk in chunks(employee_ids):
        for row in conn.execute(query, {"values": chunk}):
            found[row.employee_id] = Opening(*row[1:])
    return found


def write(
    conn: Connection, company_id: int, employee_id: int, opening: Opening, now: datetime
) -> None:
    """Set (insert or replace) the employee's opening balance."""
    values = {
        "date": opening.date,
        "comp_seconds": opening.comp_seconds,
        "flex_seconds": opening.flex_seconds,
        "note": opening.note,
        "changed_at": now,
    }
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = dialect_insert(opening_balances).values(
        company_id=company_id, employee_id=employee_id, **values
    )
    conn.execute(
        statement.on_conflict_do_update(index_elements=["company_id", "employee_id"], set_=values)
    )


def remove(conn: Connection, company_id: int, employee_id: int) -> bool:
    """Remove the employee's opening balance; whether there was one."""
    t = opening_balances.c
    statement = delete(opening_balances).where(
        t.company_id == company_id, t.employee_id == employee_id
    )
    return conn.execute(statement).rowcount > 0
