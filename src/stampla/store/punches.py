"""Punch rows: finding duplicates, superseding, inserting a batch, reading a range."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Insert, Table, insert, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite

from .references import chunks
from .tables import PUNCH_DEDUP_COLUMNS, employees, ingest_batches, punches

#: (employee_id, instant, entry_type, is_break, terminal_id): what makes two punches equal.
PunchKey = tuple[int, datetime, int, bool, int]


@dataclass(frozen=True, slots=True)
class StoredPunch:
    """An existing punch, as far as deduplication needs to know it."""

    id: int
    key: PunchKey
    local_date: date
    current: bool


def _key_columns() -> list[Any]:
    c = punches.c
    return [c.id, c.employee_id, c.instant, c.entry_type, c.is_break, c.terminal_id]


def _stored(row: Any) -> StoredPunch:
    key = (row.employee_id, row.instant, row.entry_type, bool(row.is_break), row.terminal_id)
    return StoredPunch(row.id, key, row.local_date, row.dedup_slot == 0)


def find_equal(
    conn: Connection, company_id: int, probes: Collection[tuple[date, int, datetime]]
) -> list[StoredPunch]:
    """Stored punches (current or superseded) at any (local_date, employee_id, instant)."""
    c = punches.c
    found: list[StoredPunch] = []
    for chunk in chunks(probes, 2_000):
        query = select(*_key_columns(), c.local_date, c.dedup_slot).where(
            c.company_id == company_id,
            tuple_(c.local_date, c.employee_id, c.instant).in_(chunk),
        )
        found.extend(_stored(row) for row in conn.execute(query))
    return found


def find_current_of_days(
    conn: Connection, company_id: int, days: Collection[tuple[date, int]]
) -> list[StoredPunch]:
    """The current punches of each (local_date, employee_id)."""
    c = punches.c
    found: list[StoredPunch] = []
    for chunk in chunks(days, 2_000):
        query = select(*_key_columns(), c.local_date, c.dedup_slot).where(
            c.company_id == company_id,
            tuple_(c.local_date, c.employee_id).in_(chunk),
            c.dedup_slot == 0,
        )
        found.extend(_stored(row) for row in conn.execute(query))
    return found


def supersede(
    conn: Connection, company_id: int, ids: Sequence[int], batch_id: int, now: datetime
) -> None:
    """Mark punches as replaced by ``batch_id``; they stay stored and leave the dedup key."""
    c = punches.c
    for chunk in chunks(ids):
        conn.execute(
            update(punches)
            .where(c.company_id == company_id, c.id.in_(chunk), c.dedup_slot == 0)
            .values(superseded_at=now, superseded_by_batch_id=batch_id, dedup_slot=c.id)
        )


def insert_batch(conn: Connection, **values: Any) -> None:
    conn.execute(insert(ingest_batches).values(**values))


def update_batch(conn: Connection, company_id: int, batch_id: int, **values: Any) -> None:
    b = ingest_batches.c
    conn.execute(
        update(ingest_batches).where(b.company_id == company_id, b.id == batch_id).values(**values)
    )


def insert_punches(conn: Connection, rows: Sequence[dict[str, Any]]) -> set[int]:
    """Insert rows (ids already allocated); returns the ids actually inserted.

    A row whose dedup key a concurrent writer took first is skipped, not an error: the caller
    reports it as a duplicate.
    """
    if not rows:
        return set()
    statement = _insert_ignoring_duplicates(conn, punches).returning(punches.c.id)
    return {row[0] for row in conn.execute(statement, list(rows))}


def _insert_ignoring_duplicates(conn: Connection, table: Table) -> Insert:
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    return dialect_insert(table).on_conflict_do_nothing(index_elements=list(PUNCH_DEDUP_COLUMNS))


def read_current(
    conn: Connection,
    company_id: int,
    date_from: date,
    date_to: date,
    employee_ids: Collection[int] | None = None,
) -> list[Any]:
    """Current punches with local dates in [date_from, date_to], by employee nr and time."""
    p, e = punches.c, employees.c
    query = (
        select(punches, e.employee_nr.label("current_employee_nr"))
        .join(employees, (e.company_id == p.company_id) & (e.id == p.employee_id))
        .where(
            p.company_id == company_id,
            p.local_date >= date_from,
            p.local_date <= date_to,
            p.dedup_slot == 0,
        )
        .order_by(e.employee_nr, p.instant, p.id)
    )
    if employee_ids is not None:
        query = query.where(p.employee_id.in_(list(employee_ids)))
    return list(conn.execute(query))
