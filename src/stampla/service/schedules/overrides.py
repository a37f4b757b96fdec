"""Overrides: one date of an employee planned otherwise than the template says.

An override is named by its employee and date, and replaces that date's shifts whatever the
employee's assignment plans (a swapped shift, an extra one, or none: a day off); it holds
for an employee without an assignment too. Setting one on a date that has one replaces it.
Like assignments, overrides are plans, so one may be removed; the audit trail keeps it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import Field as About
from sqlalchemy import Connection, Row, delete

from stampla.errors import NotFound
from stampla.store import masterdata as store_md
from stampla.store.engine import Store
from stampla.store.tables import employees, schedule_overrides
from stampla.wire.base import OutputModel

from .. import audit
from ..audit import SYSTEM, Actor, Event
from ..date_range import DateWindow, check_range
from ..masterdata import shifts
from ..masterdata.registers.schedule_templates import ShiftOut
from ..masterdata.tx import writing
from ..masterdata.values import format_hours, text
from .common import employee_row, read_date, read_value

ENTITY = "schedule_override"
_note = text(500)
#: The longest range a list of overrides may ask for (the attest read's limit is smaller).
MAX_LIST_DAYS = 3_700


class OverrideView(OutputModel):
    id: int
    employee_nr: str
    date: date
    shifts: list[ShiftOut] = About(description="The date's shifts; none: a day off.")
    scheduled_hours: str = About(description='The scheduled work of the date, e.g. "8:00".')
    note: str | None = None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class OverrideSet:
    override: OverrideView
    created: bool  # False: it replaced the date's override


def set_override(
    store: Store,
    company_id: int,
    given: Mapping[str, Any],
    now: datetime,
    *,
    window: DateWindow,
    actor: Actor = SYSTEM,
) -> OverrideSet:
    """Plan ``date`` of ``employee_nr`` as ``shifts`` (a day text, or a list of shift
    documents; "-" or [] for a day off), with an optional ``note``."""
    with writing(store) as conn:
        return put_override(conn, company_id, given, now, window=window, actor=actor)


def put_override(
    conn: Connection,
    company_id: int,
    given: Mapping[str, Any],
    now: datetime,
    *,
    window: DateWindow,
    actor: Actor = SYSTEM,
) -> OverrideSet:
    """``set_override`` inside the caller's transaction."""
    employee = employee_row(conn, company_id, given.get("employee_nr"), named_in_body=True)
    day = read_date(given.get("date"), "Date", window)
    documents = read_value(_shifts, given.get("shifts"), "Shifts")
    shifts.check_references(conn, company_id, "Override", shifts.located_day("Shifts", documents))
    note = read_value(_note, given.get("note"), "Note")
    key = _key(employee.employee_nr, day)  # type: ignore[arg-type]
    existing = store_md.find_row(
        conn, schedule_overrides, company_id, employee_id=employee.id, date=day
    )
    if existing is None:
        values = {"employee_id": employee.id, "date": day, "shifts": documents, "note": note}
        new_id = store_md.insert_company_row(
            conn, schedule_overrides, company_id, created_at=now, **values
        )
        view = _view(employee, _row(conn, company_id, new_id))
        event = Event(ENTITY, key, "create", new_id, audit.created(_shown(view, documents)))
        audit.record(conn, company_id, actor, now, [event])
        return OverrideSet(view, True)
    old = _shown(_view(employee, existing), existing.shifts)
    store_md.update_row(
        conn, schedule_overrides, company_id, existing.id, {"shifts": documents, "note": note}
    )
    view = _view(employee, _row(conn, company_id, existing.id))
    changes = audit.changed(old, _shown(view, documents))
    if changes:
        event = Event(ENTITY, key, "update", existing.id, changes)
        audit.record(conn, company_id, actor, now, [event])
    return OverrideSet(view, False)


def remove_override(
    store: Store,
    company_id: int,
    employee_nr: str,
    day: Any,
    now: datetime,
    *,
    window: DateWindow,
    actor: Actor = SYSTEM,
) -> OverrideView:
    """Remove the override of ``day``: the date follows the employee's template again."""
    with writing(store) as conn:
        employee = employee_row(conn, company_id, employee_nr)
        found = read_date(day, "date", window)
        row = store_md.find_row(
            conn, schedule_overrides, company_id, employee_id=employee.id, date=found
        )
        if row is None:
            raise NotFound(f"Employee {employee.employee_nr} has no override on {found}")
        view = _view(employee, row)
        table = schedule_overrides
        conn.execute(delete(table).where(table.c.company_id == company_id, table.c.id == row.id))
        changes = {name: [value, None] for name, value in _shown(view, row.shifts).items()}
        key = _key(employee.employee_nr, row.date)
        audit.record(conn, company_id, actor, now, [Event(ENTITY, key, "delete", row.id, changes)])
        return view


def list_overrides(
    store: Store,
    company_id: int,
    *,
    window: DateWindow,
    employee_nr: str | None = None,
    date_from: Any = None,
    date_to: Any = None,
) -> list[OverrideView]:
    """The overrides of one employee (of all, when none is named) from ``date_from`` to
    ``date_to`` (either may be left open), by employee and date."""
    first = read_date(date_from, "dateFrom", window, required=False)
    last = read_date(date_to, "dateTo", window, required=False)
    if first is not None and last is not None:
        check_range(first, last, MAX_LIST_DAYS)
    with store.read() as conn:
        return read_overrides(conn, company_id, employee_nr, first, last)


def read_overrides(
    conn: Connection,
    company_id: int,
    employee_nr: str | None,
    first: date | None,
    last: date | None,
) -> list[OverrideView]:
    """``list_overrides`` inside the caller's read (the week of the pages)."""
    table = schedule_overrides
    where = []
    named = None
    if employee_nr is not None:
        named = employee_row(conn, company_id, employee_nr)
        where.append(table.c.employee_id == named.id)
    if first is not None:
        where.append(table.c.date >= first)
    if last is not None:
        where.append(table.c.date <= last)
    rows = store_md.select_rows(conn, table, company_id, *where, order_by=["employee_id", "date"])
    if named is not None:
        people = {named.id: named}
    else:
        found = store_md.rows_in(conn, employees, company_id, "id", {r.employee_id for r in rows})
        people = {row.id: row for row in found}
    views = [_view(people[row.employee_id], row) for row in rows]
    return sorted(views, key=lambda view: (view.employee_nr, view.date))


def _shifts(value: Any) -> list[dict[str, Any]]:
    found = shifts.day_shifts(value)
    if found is None:
        raise ValueError(
            "is required: the date's shifts, such as 12:00-20:00, or '-' for a day off"
        )
    return found


def _row(conn: Connection, company_id: int, row_id: int) -> Row:
    row = store_md.get_row(conn, schedule_overrides, company_id, row_id)
    assert row is not None
    return row


def _view(employee: Row, row: Row) -> OverrideView:
    minutes = sum(shifts.work_minutes(shift) for shift in shifts.stored_days([row.shifts])[0])
    return OverrideView(
        id=row.id,
        employee_nr=employee.employee_nr,
        date=row.date,
        shifts=row.shifts,
        scheduled_hours=format_hours(minutes) or "0:00",
        note=row.note,
        created_at=row.created_at,
    )


def _shown(view: OverrideView, documents: list[dict[str, Any]]) -> dict[str, Any]:
    """An override as the audit trail records it: its shifts as a day text where it can."""
    return {
        "employeeNr": view.employee_nr,
        "date": view.date.isoformat(),
        "shifts": shifts.shown_day(documents),
        "note": view.note,
    }


def _key(employee_nr: str, day: date) -> str:
    """How the audit trail names an override: "3002 on 2025-06-12"."""
    return f"{employee_nr} on {day}"
