"""The few queries paged reads need: the order of a company's employees, and how many rows
an unpaged read would answer (so that a read too large is refused before it is made)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, func, select

from .references import chunks, one_of
from .tables import employees, punches


def employee_order(
    conn: Connection, company_id: int, ids: Collection[int] | None = None
) -> list[tuple[str, int]]:
    """``(employee_nr, id)`` of the company's employees (or of ``ids``) in the order reads
    answer them: by number compared in Python, as ``store.punches`` sorts its rows (the SQL
    collations of SQLite and PostgreSQL differ)."""
    e = employees.c
    query = select(e.employee_nr, e.id).where(e.company_id == company_id)
    if ids is None:
        return sorted((row.employee_nr, row.id) for row in conn.execute(query))
    found: list[tuple[str, int]] = []
    limited = query.where(one_of(conn.dialect.name, e.id))
    for chunk in chunks(set(ids)):
        found.extend((row.employee_nr, row.id) for row in conn.execute(limited, {"values": chunk}))
    return sorted(found)


def punch_count(
    conn: Connection,
    company_id: int,
    date_from: date,
    date_to: date,
    employee_ids: Collection[int] | None,
    current_only: bool,
) -> int:
    """How many punches a read of the range would answer (one range scan of the index)."""
    query = _in_range(select(punches.c.id), company_id, date_from, date_to, current_only)
    return _count(conn, query, employee_ids)


def employee_day_count(
    conn: Connection,
    company_id: int,
    date_from: date,
    date_to: date,
    employee_ids: Collection[int] | None,
) -> int:
    """How many (employee, date) pairs of the range have a current punch: the day rows of
    an attest read without its empty days."""
    pairs = select(punches.c.employee_id, punches.c.local_date).distinct()
    return _count(conn, _in_range(pairs, company_id, date_from, date_to, True), employee_ids)


def _in_range(
    query: Select[Any], company_id: int, date_from: date, date_to: date, current_only: bool
) -> Select[Any]:
    p = punches.c
    query = query.where(
        p.company_id == company_id, p.local_date >= date_from, p.local_date <= date_to
    )
    return query.where(p.dedup_slot == 0) if current_only else query


def _count(conn: Connection, query: Select[Any], employee_ids: Collection[int] | None) -> int:
    params: dict[str, Any] = {}
    if employee_ids is not None:
        query = query.where(one_of(conn.dialect.name, punches.c.employee_id, "employees"))
        params["employees"] = list(employee_ids)
    counted = select(func.count()).select_from(query.subquery())
    return int(conn.execute(counted, params).scalar_one())
