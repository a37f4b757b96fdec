"""Punch rows: finding duplicates, superseding, inserting a batch, reading a range."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Update, bindparam, insert, select, update

from . import bulk
from .references import chunks, one_of
from .tables import employees, ingest_batches, punches

#: (employee_id, instant, entry_type, is_break, terminal_id): what makes two punches equal.
PunchKey = tuple[int, datetime, int, bool, int]


@dataclass(frozen=True, slots=True)
class StoredPunch:
    """An existing punch, as far as deduplication needs to know it."""

    id: int
    key: PunchKey
    local_date: date
    current: bool


def _stored(row: Any) -> StoredPunch:
    key = (row.employee_id, row.instant, row.entry_type, bool(row.is_break), row.terminal_id)
    return StoredPunch(row.id, key, row.local_date, row.dedup_slot == 0)


def find_equal(
    conn: Connection, company_id: int, probes: Collection[tuple[date, int, datetime]]
) -> list[StoredPunch]:
    """Stored punches (current or superseded) at any (local_date, employee_id, instant)."""
    found: list[StoredPunch] = []
    for chunk in chunks(probes, 10_000):
        found.extend(_stored(row) for row in bulk.probe_keys(conn, company_id, chunk))
    return found


def find_current_of_days(
    conn: Connection, company_id: int, days: Collection[tuple[date, int]]
) -> list[StoredPunch]:
    """The current punches of each (local_date, employee_id)."""
    found: list[StoredPunch] = []
    for chunk in chunks(days, 10_000):
        found.extend(_stored(row) for row in bulk.probe_days(conn, company_id, chunk))
    return found


@cache
def _supersede_statement(dialect: str) -> Update:
    c = punches.c
    return (
        update(punches)
        .where(c.company_id == bindparam("company"), one_of(dialect, c.id), c.dedup_slot == 0)
        .values(
            superseded_at=bindparam("now"),
            superseded_by_batch_id=bindparam("batch"),
            dedup_slot=c.id,
        )
    )


def supersede(
    conn: Connection, company_id: int, ids: Sequence[int], batch_id: int, now: datetime
) -> None:
    """Mark punches as replaced by ``batch_id``; they stay stored and leave the dedup key."""
    statement = _supersede_statement(conn.dialect.name)
    for chunk in chunks(ids):
        conn.execute(
            statement, {"company": company_id, "values": chunk, "now": now, "batch": batch_id}
        )


_INSERT_BATCH = insert(ingest_batches)


def insert_batch(conn: Connection, **values: Any) -> None:
    conn.execute(_INSERT_BATCH, values)


def insert_punches(conn: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert new punch rows (ids allocated, tuples in ``bulk.INSERT_COLUMNS`` order).

    Raises ``bulk.ConcurrentInsert`` when another writer stored an equal punch meanwhile.
    """
    bulk.insert_rows(conn, rows)


def read_current(
    conn: Connection,
    company_id: int,
    date_from: date,
    date_to: date,
    employee_ids: Collection[int] | None = None,
) -> list[Any]:
    """Current punches with local dates in [date_from, date_to], by employee nr and time.

    The punches come from one range scan of the dedup index; the employees' current numbers
    are fetched once and the rows sorted here. Joining employees in SQL let a planner without
    statistics scan every employee for every punch (seconds for one busy day).
    """
    p = punches.c
    query = select(punches).where(
        p.company_id == company_id,
        p.local_date >= date_from,
        p.local_date <= date_to,
        p.dedup_slot == 0,
    )
    params: dict[str, Any] = {}
    if employee_ids is not None:
        query = query.where(one_of(conn.dialect.name, p.employee_id, "employees"))
        params["employees"] = list(employee_ids)
    found = list(conn.execute(query, params))
    numbers = _employee_numbers(conn, company_id, {row.employee_id for row in found})
    found.sort(key=lambda row: (numbers[row.employee_id], row.instant, row.id))
    return found


def _employee_numbers(conn: Connection, company_id: int, ids: set[int]) -> dict[int, str]:
    e = employees.c
    numbers: dict[int, str] = {}
    query = select(e.id, e.employee_nr).where(
        e.company_id == company_id, one_of(conn.dialect.name, e.id)
    )
    for chunk in chunks(ids):
        numbers.update((row.id, row.employee_nr) for row in conn.execute(query, {"values": chunk}))
    return numbers
