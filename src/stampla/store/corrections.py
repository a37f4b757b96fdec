"""Punch corrections' rows: the batch that is the correction, its punch, and what it replaced.

A correction is an ``ingest_batches`` row (route ``correction:<kind>``, with who, why and the
punch it corrects) plus, for an add or a change, one punch of origin ``Correction``. The
original is superseded the way ``replaceDays`` supersedes (``superseded_at``,
``superseded_by_batch_id``, ``dedup_slot``), and a change also names its successor
(``superseded_by_id``), since a new time or type gives it another key.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row, and_, insert, or_, select, update

from .references import chunks, one_of
from .tables import absences, audit_events, employees, ingest_batches, punches

#: The route of a correction's batch is this prefix and its kind (add, change, void).
ROUTE_PREFIX = "correction:"


def punch(conn: Connection, company_id: int, punch_id: int) -> Row | None:
    """One punch, current or superseded, by id."""
    p = punches.c
    return conn.execute(select(punches).where(p.company_id == company_id, p.id == punch_id)).first()


def punches_by_id(conn: Connection, company_id: int, ids: Collection[int]) -> dict[int, Row]:
    p = punches.c
    query = select(punches).where(p.company_id == company_id, one_of(conn.dialect.name, p.id))
    found: dict[int, Row] = {}
    for chunk in chunks(set(ids)):
        found.update((row.id, row) for row in conn.execute(query, {"values": chunk}))
    return found


def successor_in_batch(conn: Connection, company_id: int, row: Row) -> int | None:
    """The punch of the batch that superseded ``row`` with the same key (replaceDays)."""
    p = punches.c
    query = select(p.id).where(
        p.company_id == company_id,
        p.local_date == row.local_date,
        p.employee_id == row.employee_id,
        p.instant == row.instant,
        p.entry_type == row.entry_type,
        p.is_break == row.is_break,
        p.terminal_id == row.terminal_id,
        p.batch_id == row.superseded_by_batch_id,
    )
    return conn.execute(query).scalar()


def insert_batch(conn: Connection, values: Mapping[str, Any]) -> None:
    conn.execute(insert(ingest_batches), dict(values))


def supersede(
    conn: Connection,
    company_id: int,
    punch_id: int,
    batch_id: int,
    now: datetime,
    successor_id: int | None,
) -> bool:
    """Mark one current punch as replaced by a correction; False if it is no longer current
    (another writer superseded it first)."""
    p = punches.c
    done = conn.execute(
        update(punches)
        .where(p.company_id == company_id, p.id == punch_id, p.dedup_slot == 0)
        .values(
            superseded_at=now,
            superseded_by_batch_id=batch_id,
            superseded_by_id=successor_id,
            dedup_slot=p.id,
        )
    )
    return done.rowcount == 1


def insert_punch(conn: Connection, values: Mapping[str, Any]) -> None:
    conn.execute(insert(punches), dict(values))


def correction_batches(
    conn: Connection, company_id: int, batch_ids: Collection[int]
) -> dict[int, Row]:
    """Of ``batch_ids``, the batches that are corrections, by id."""
    b = ingest_batches.c
    query = select(ingest_batches).where(
        b.company_id == company_id,
        one_of(conn.dialect.name, b.id),
        b.route.startswith(ROUTE_PREFIX),
    )
    found: dict[int, Row] = {}
    for chunk in chunks(set(batch_ids)):
        found.update((row.id, row) for row in conn.execute(query, {"values": chunk}))
    return found


def batch(conn: Connection, company_id: int, batch_id: int) -> Row | None:
    b = ingest_batches.c
    query = select(ingest_batches).where(b.company_id == company_id, b.id == batch_id)
    return conn.execute(query).first()


def employee_numbers(conn: Connection, company_id: int, ids: Collection[int]) -> dict[int, str]:
    """The current EmployeeNr of each employee id."""
    e = employees.c
    query = select(e.id, e.employee_nr).where(
        e.company_id == company_id, one_of(conn.dialect.name, e.id)
    )
    found: dict[int, str] = {}
    for chunk in chunks(set(ids)):
        found.update((row.id, row.employee_nr) for row in conn.execute(query, {"values": chunk}))
    return found


def day_events(
    conn: Connection, company_id: int, key: str, employee_id: int, day: date
) -> list[Row]:
    """Audit events keyed ``key`` (an employee-day), and those of the employee's absence
    registrations (cancelled ones too) that cover ``day``, oldest first."""
    a = absences.c
    covering = select(a.id).where(
        a.company_id == company_id,
        a.employee_id == employee_id,
        a.first_date <= day,
        a.last_date >= day,
    )
    ids = list(conn.execute(covering).scalars())
    ev = audit_events.c
    named = ev.entity_key == key
    if ids:
        named = or_(named, and_(ev.entity == "absence", ev.entity_id.in_(ids)))
    query = select(audit_events).where(ev.company_id == company_id, named)
    return list(conn.execute(query.order_by(ev.at, ev.id)))
