"""Attest states in the database: a company's configured states and transitions, the state
of each employee-day that left the initial state, and dismissed late punches.

Queries only; what the states mean is ``service.attest.states``'s.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, func, select

from . import bulk_rows
from .tables import (
    attest_days,
    attest_states,
    attest_transitions,
    employees,
    late_punch_dismissals,
    punches,
)

#: The most ids one IN list holds (SQLite's default limit of bound values is 32766).
CHUNK = 500


@dataclass(frozen=True, slots=True)
class StoredDay:
    """One employee-day's row in ``attest_days``."""

    employee_id: int
    date: date
    state_code: str
    changed_by: str
    changed_at: datetime
    reason: str | None
    overridden: bool
    frozen: dict[str, Any] | None
    digest: str | None
    frozen_at: datetime | None
    export_run_id: int | None


@dataclass(frozen=True, slots=True)
class StoredLatePunch:
    """A current punch stored for a locked day after the day locked."""

    punch_id: int
    employee_id: int
    employee_nr: str
    date: date
    instant: datetime
    entry_type: int
    is_break: bool
    origin: str
    received_at: datetime
    state_code: str
    frozen: dict[str, Any]
    dismissed_reason: str | None
    dismissed_by: str | None
    dismissed_at: datetime | None


def read_states(conn: Connection, company_id: int) -> list[Any]:
    query = (
        select(attest_states)
        .where(attest_states.c.company_id == company_id)
        .order_by(attest_states.c.sort_order)
    )
    return list(conn.execute(query))


def read_transitions(conn: Connection, company_id: int) -> list[Any]:
    t = attest_transitions
    query = select(t).where(t.c.company_id == company_id).order_by(t.c.from_code, t.c.to_code)
    return list(conn.execute(query))


def replace_config(
    conn: Connection,
    company_id: int,
    states: Sequence[dict[str, Any]],
    transitions: Sequence[dict[str, Any]],
) -> None:
    """The company's states and transitions become exactly these."""
    conn.execute(delete(attest_transitions).where(attest_transitions.c.company_id == company_id))
    conn.execute(delete(attest_states).where(attest_states.c.company_id == company_id))
    bulk_rows.insert(conn, attest_states, [{**s, "company_id": company_id} for s in states])
    rows = [{**t, "company_id": company_id} for t in transitions]
    if rows:
        bulk_rows.insert(conn, attest_transitions, rows)


def days_per_state(conn: Connection, company_id: int) -> dict[str, int]:
    """How many days are stored in each state (a state in use cannot be removed)."""
    query = (
        select(attest_days.c.state_code, func.count())
        .where(attest_days.c.company_id == company_id)
        .group_by(attest_days.c.state_code)
    )
    return {code: count for code, count in conn.execute(query)}


def read_days(
    conn: Connection,
    company_id: int,
    first: date,
    last: date,
    employee_ids: Collection[int] | None,
    state_codes: Collection[str] | None = None,
) -> dict[tuple[int, date], StoredDay]:
    """The stored days of ``first``..``last`` (of those employees, in those states)."""
    d = attest_days
    where = [d.c.company_id == company_id, d.c.date >= first, d.c.date <= last]
    if state_codes is not None:
        where.append(d.c.state_code.in_(list(state_codes)))
    found: dict[tuple[int, date], StoredDay] = {}
    for chunk in _chunks(employee_ids):
        query = select(d).where(*where)
        if chunk is not None:
            query = query.where(d.c.employee_id.in_(chunk))
        for row in conn.execute(query):
            found[row.employee_id, row.date] = _day(row)
    return found


def any_days(conn: Connection, company_id: int, first: date, last: date) -> bool:
    """Whether any day of ``first``..``last`` has a stored state (one index probe)."""
    d = attest_days
    query = (
        select(d.c.employee_id)
        .where(d.c.company_id == company_id, d.c.date >= first, d.c.date <= last)
        .limit(1)
    )
    return conn.execute(query).first() is not None


def write_days(conn: Connection, company_id: int, days: Sequence[dict[str, Any]]) -> None:
    """Store these days' states (each dict: every column but company_id), replacing any."""
    if not days:
        return
    d = attest_days
    by_date: dict[date, list[int]] = {}
    for day in days:
        by_date.setdefault(day["date"], []).append(day["employee_id"])
    for day_date, ids in by_date.items():
        for chunk in _chunks(ids):
            assert chunk is not None
            conn.execute(
                delete(d).where(
                    d.c.company_id == company_id, d.c.date == day_date, d.c.employee_id.in_(chunk)
                )
            )
    bulk_rows.insert(conn, d, [{**day, "company_id": company_id} for day in days])


def late_punches(
    conn: Connection,
    company_id: int,
    employee_ids: Collection[int] | None = None,
    first: date | None = None,
    last: date | None = None,
) -> list[StoredLatePunch]:
    """Current punches whose local date is a locked day of their employee and that were
    stored after it locked, with their dismissal if any; by date, employee and instant.

    Punches the frozen row holds are left to the caller to leave out (they are in the
    document, not a column)."""
    d, p, x, e = attest_days, punches, late_punch_dismissals, employees
    join = (
        d.join(
            p,
            and_(
                p.c.company_id == d.c.company_id,
                p.c.local_date == d.c.date,
                p.c.employee_id == d.c.employee_id,
            ),
        )
        .join(e, and_(e.c.company_id == d.c.company_id, e.c.id == d.c.employee_id))
        .outerjoin(x, and_(x.c.company_id == p.c.company_id, x.c.punch_id == p.c.id))
    )
    where = [
        d.c.company_id == company_id,
        d.c.frozen_at.is_not(None),
        p.c.received_at >= d.c.frozen_at,
        p.c.superseded_at.is_(None),
    ]
    if first is not None:
        where.append(d.c.date >= first)
    if last is not None:
        where.append(d.c.date <= last)
    found: list[StoredLatePunch] = []
    for chunk in _chunks(employee_ids):
        query = (
            select(
                p.c.id,
                p.c.employee_id,
                e.c.employee_nr,
                d.c.date,
                p.c.instant,
                p.c.entry_type,
                p.c.is_break,
                p.c.origin,
                p.c.received_at,
                d.c.state_code,
                d.c.frozen,
                x.c.reason,
                x.c.dismissed_by,
                x.c.dismissed_at,
            )
            .select_from(join)
            .where(*where)
        )
        if chunk is not None:
            query = query.where(d.c.employee_id.in_(chunk))
        found.extend(StoredLatePunch(*row) for row in conn.execute(query))
    found.sort(key=lambda late: (late.date, late.employee_nr, late.instant, late.punch_id))
    return found


def dismiss(
    conn: Connection, company_id: int, punch_id: int, reason: str, by: str, at: datetime
) -> None:
    bulk_rows.insert(
        conn,
        late_punch_dismissals,
        [
            {
                "company_id": company_id,
                "punch_id": punch_id,
                "reason": reason,
                "dismissed_by": by,
                "dismissed_at": at,
            }
        ],
    )


def employee_numbers(conn: Connection, company_id: int, ids: Collection[int]) -> dict[int, str]:
    """EmployeeNr by employee id."""
    found: dict[int, str] = {}
    for chunk in _chunks(ids):
        assert chunk is not None
        query = select(employees.c.id, employees.c.employee_nr).where(
            employees.c.company_id == company_id, employees.c.id.in_(chunk)
        )
        found.update({row.id: row.employee_nr for row in conn.execute(query)})
    return found


def _day(row: Any) -> StoredDay:
    return StoredDay(
        row.employee_id,
        row.date,
        row.state_code,
        row.changed_by,
        row.changed_at,
        row.reason,
        row.overridden,
        row.frozen,
        row.digest,
        row.frozen_at,
        row.export_run_id,
    )


def _chunks(ids: Iterable[int] | None) -> Iterable[list[int] | None]:
    if ids is None:
        yield None
        return
    every = sorted(set(ids))
    for start in range(0, len(every), CHUNK):
        yield every[start : start + CHUNK]
