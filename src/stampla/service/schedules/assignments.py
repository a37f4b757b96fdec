"""Assignments: which schedule template an employee follows, from which date, to which.

An assignment is named by its employee and its first date (``ValidFrom``); its last date
(``ValidTo``, inclusive) may be left open. An employee follows one template at a time:

* the template must exist and be active, and the start week must be one of its rotation's;
* dates lie within the window every request may name (``STAMPLA_EARLIEST_DATE``,
  ``STAMPLA_MAX_FUTURE_DAYS``);
* a new open-ended assignment ends the open-ended one before it on the day before it begins
  (recorded as a change of that one); any other overlap is refused (409) naming the
  assignment it overlaps.

Assignments are plans, not facts that punches refer to, so one made by mistake may be
removed; the audit trail keeps what it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import Field as About
from sqlalchemy import Connection, Row, delete

from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.store import masterdata as store_md
from stampla.store.engine import Store
from stampla.store.tables import employees, schedule_assignments, schedule_templates
from stampla.wire.base import OutputModel

from .. import audit
from ..audit import SYSTEM, Actor, Event
from ..date_range import DateWindow
from ..masterdata.shifts import MAX_WEEKS
from ..masterdata.tx import writing
from ..masterdata.values import integer
from .common import employee_row, read_date, read_value

ENTITY = "schedule_assignment"
_week_number = integer(1, MAX_WEEKS)


class AssignmentView(OutputModel):
    id: int
    employee_nr: str
    template: str = About(description="The schedule template's name.")
    valid_from: date
    valid_to: date | None = About(None, description="The last day; null: until further notice.")
    start_week: int = About(description="The rotation week of the week that holds validFrom.")
    rotation_weeks: int = About(description="How many weeks the template's rotation has.")
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Assigned:
    """A new assignment, and the open-ended one it ended, if any."""

    assignment: AssignmentView
    ended: AssignmentView | None = None


# Use cases ------------------------------------------------------------------------------------


def list_assignments(
    store: Store, company_id: int, employee_nr: str | None = None
) -> list[AssignmentView]:
    """The assignments of one employee (of all, when none is named), by employee and date."""
    with store.read() as conn:
        where = []
        if employee_nr is not None:
            employee = employee_row(conn, company_id, employee_nr)
            where.append(schedule_assignments.c.employee_id == employee.id)
        rows = store_md.select_rows(
            conn, schedule_assignments, company_id, *where, order_by=["employee_id", "valid_from"]
        )
        views = _views(conn, company_id, rows)
    return sorted(views, key=lambda view: (view.employee_nr, view.valid_from))


def add_assignment(
    store: Store,
    company_id: int,
    given: Mapping[str, Any],
    now: datetime,
    *,
    window: DateWindow,
    actor: Actor = SYSTEM,
) -> Assigned:
    """Assign a template to an employee: ``employee_nr``, ``template``, ``valid_from``,
    ``valid_to`` and ``start_week``, as sent."""
    with writing(store) as conn:
        return put_assignment(conn, company_id, given, now, window=window, actor=actor)


def put_assignment(
    conn: Connection,
    company_id: int,
    given: Mapping[str, Any],
    now: datetime,
    *,
    window: DateWindow,
    actor: Actor = SYSTEM,
) -> Assigned:
    """``add_assignment`` inside the caller's transaction (seeding makes many at once)."""
    employee = employee_row(conn, company_id, given.get("employee_nr"), named_in_body=True)
    store_md.lock_row(conn, employees, company_id, employee.id)  # overlaps checked one at a time
    template = _template(conn, company_id, given.get("template"))
    first = read_date(given.get("valid_from"), "ValidFrom", window)
    last = read_date(given.get("valid_to"), "ValidTo", window, required=False)
    assert first is not None
    _in_order(first, last)
    start_week = read_value(_week_number, given.get("start_week"), "StartWeek") or 1
    _within_rotation(start_week, template)
    others = _of_employee(conn, company_id, employee.id)
    ending = None
    if last is None:
        ending = next(
            (row for row in others if row.valid_to is None and row.valid_from < first), None
        )
    for row in others:
        until = first - timedelta(days=1) if row is ending else row.valid_to
        _refuse_overlap(conn, company_id, employee, row, until, first, last)
    ended = None
    if ending is not None:
        until = first - timedelta(days=1)
        store_md.update_row(conn, schedule_assignments, company_id, ending.id, {"valid_to": until})
        event = Event(
            ENTITY,
            _key(employee.employee_nr, ending.valid_from),
            "update",
            ending.id,
            {"validTo": [None, until.isoformat()]},
            note=f"ended by the assignment from {first}",
        )
        audit.record(conn, company_id, actor, now, [event])
        ended = _view(conn, company_id, _row(conn, company_id, ending.id))
    values = {
        "employee_id": employee.id,
        "template_id": template.id,
        "valid_from": first,
        "valid_to": last,
        "start_week": start_week,
    }
    new_id = store_md.insert_company_row(
        conn, schedule_assignments, company_id, created_at=now, **values
    )
    view = _view(conn, company_id, _row(conn, company_id, new_id))
    event = Event(
        ENTITY, _key(view.employee_nr, first), "create", new_id, audit.created(_shown(view))
    )
    audit.record(conn, company_id, actor, now, [event])
    return Assigned(view, ended)


def change_assignment(
    store: Store,
    company_id: int,
    employee_nr: str,
    valid_from: Any,
    given: Mapping[str, Any],
    now: datetime,
    *,
    window: DateWindow,
    actor: Actor = SYSTEM,
) -> AssignmentView:
    """Change the ``valid_to`` (None: until further notice) or ``start_week`` of the
    assignment that begins on ``valid_from``; the others stay as they are."""
    unknown = set(given) - {"valid_to", "start_week"}
    if unknown:
        raise TypeError(f"an assignment's {', '.join(sorted(unknown))} cannot change")
    with writing(store) as conn:
        employee, row = _named(conn, company_id, employee_nr, valid_from, window)
        wanted: dict[str, Any] = {}
        if "valid_to" in given:
            wanted["valid_to"] = read_date(given["valid_to"], "ValidTo", window, required=False)
            _in_order(row.valid_from, wanted["valid_to"])
        if "start_week" in given:
            week = read_value(_week_number, given["start_week"], "StartWeek")
            if week is None:
                raise InvalidInput("StartWeek is required", [Problem("is required", "StartWeek")])
            template = store_md.get_row(conn, schedule_templates, company_id, row.template_id)
            _within_rotation(week, template)
            wanted["start_week"] = week
        different = {name: v for name, v in wanted.items() if row._mapping[name] != v}
        if not different:
            return _view(conn, company_id, row)
        if "valid_to" in different:
            for other in _of_employee(conn, company_id, employee.id):
                if other.id != row.id:
                    until = other.valid_to
                    _refuse_overlap(
                        conn, company_id, employee, other, until, row.valid_from, wanted["valid_to"]
                    )
        old = _shown(_view(conn, company_id, row))
        store_md.update_row(conn, schedule_assignments, company_id, row.id, different)
        view = _view(conn, company_id, _row(conn, company_id, row.id))
        changes = audit.changed(old, _shown(view))
        event = Event(ENTITY, _key(view.employee_nr, row.valid_from), "update", row.id, changes)
        audit.record(conn, company_id, actor, now, [event])
        return view


def end_assignment(
    store: Store,
    company_id: int,
    employee_nr: str,
    last_day: Any,
    now: datetime,
    *,
    window: DateWindow,
    valid_from: Any = None,
    actor: Actor = SYSTEM,
) -> AssignmentView:
    """End an assignment on ``last_day``: the one that begins on ``valid_from`` or, without
    it, the one ``last_day`` falls in."""
    if valid_from is None:
        day = read_date(last_day, "ValidTo", window)
        with store.read() as conn:
            employee = employee_row(conn, company_id, employee_nr)
            covering = [
                row
                for row in _of_employee(conn, company_id, employee.id)
                if row.valid_from <= day and (row.valid_to is None or day <= row.valid_to)  # type: ignore[operator]
            ]
        if not covering:
            raise NotFound(
                f"Employee {employee.employee_nr} follows no schedule on {day}; name the "
                "assignment by its first date"
            )
        valid_from = covering[0].valid_from
    given = {"valid_to": last_day}
    return change_assignment(
        store, company_id, employee_nr, valid_from, given, now, window=window, actor=actor
    )


def remove_assignment(
    store: Store,
    company_id: int,
    employee_nr: str,
    valid_from: Any,
    now: datetime,
    *,
    window: DateWindow,
    actor: Actor = SYSTEM,
) -> AssignmentView:
    """Remove the assignment that begins on ``valid_from``; what it was stays in the audit
    trail."""
    with writing(store) as conn:
        _, row = _named(conn, company_id, employee_nr, valid_from, window)
        view = _view(conn, company_id, row)
        table = schedule_assignments
        conn.execute(delete(table).where(table.c.company_id == company_id, table.c.id == row.id))
        changes = {name: [value, None] for name, value in _shown(view).items()}
        event = Event(ENTITY, _key(view.employee_nr, view.valid_from), "delete", row.id, changes)
        audit.record(conn, company_id, actor, now, [event])
        return view


# Parts ----------------------------------------------------------------------------------------


def _template(conn: Connection, company_id: int, name: Any) -> Row:
    if name is None or not str(name).strip():
        raise InvalidInput("Template is required", [Problem("is required", "Template")])
    written = str(name).strip()
    row = store_md.find_row(conn, schedule_templates, company_id, name=written)
    if row is None:
        raise InvalidInput(
            f"Schedule template {written!r} does not exist in this company",
            [Problem(f"schedule template {written!r} does not exist", "Template")],
        )
    if not row.active:
        raise InvalidInput(
            f"Schedule template {row.name!r} is inactive; activate it before assigning it",
            [Problem(f"schedule template {row.name!r} is inactive", "Template")],
        )
    return row


def _in_order(first: date, last: date | None) -> None:
    if last is not None and last < first:
        raise InvalidInput(
            f"ValidTo {last} is before ValidFrom {first}",
            [Problem(f"must not be before ValidFrom {first}", "ValidTo")],
        )


def _within_rotation(week: int, template: Row) -> None:
    weeks = len(template.weeks)
    if week > weeks:
        raise InvalidInput(
            f"StartWeek {week}: schedule template {template.name!r} has "
            f"{weeks} week{'s' if weeks != 1 else ''}",
            [Problem(f"must be between 1 and {weeks}", "StartWeek")],
        )


def _refuse_overlap(
    conn: Connection,
    company_id: int,
    employee: Row,
    other: Row,
    until: date | None,
    first: date,
    last: date | None,
) -> None:
    """Conflict if ``first``..``last`` overlaps ``other`` (lasting ``until``)."""
    if (until is not None and until < first) or (last is not None and last < other.valid_from):
        return
    template = store_md.get_row(conn, schedule_templates, company_id, other.template_id)
    period = f"from {other.valid_from} " + (f"to {until}" if until else "until further notice")
    field = "ValidFrom" if other.valid_from <= first else "ValidTo"
    raise Conflict(
        f"Employee {employee.employee_nr} already follows {template.name!r} {period}; "
        "end that assignment first, or choose dates outside it",
        [Problem(f"overlaps the assignment of {template.name!r} {period}", field)],
    )


def _named(
    conn: Connection, company_id: int, employee_nr: str, valid_from: Any, window: DateWindow
) -> tuple[Row, Row]:
    """The employee and its assignment that begins on ``valid_from``; NotFound if none."""
    employee = employee_row(conn, company_id, employee_nr)
    store_md.lock_row(conn, employees, company_id, employee.id)
    first = read_date(valid_from, "validFrom", window)
    row = store_md.find_row(
        conn, schedule_assignments, company_id, employee_id=employee.id, valid_from=first
    )
    if row is None:
        raise NotFound(f"Employee {employee.employee_nr} has no assignment from {first}")
    return employee, row


def _of_employee(conn: Connection, company_id: int, employee_id: int) -> list[Row]:
    table = schedule_assignments
    where = table.c.employee_id == employee_id
    return store_md.select_rows(conn, table, company_id, where, order_by=["valid_from"])


def _row(conn: Connection, company_id: int, row_id: int) -> Row:
    row = store_md.get_row(conn, schedule_assignments, company_id, row_id)
    assert row is not None
    return row


def _view(conn: Connection, company_id: int, row: Row) -> AssignmentView:
    return _views(conn, company_id, [row])[0]


def _views(conn: Connection, company_id: int, rows: list[Row]) -> list[AssignmentView]:
    if not rows:
        return []
    people = store_md.rows_in(conn, employees, company_id, "id", {r.employee_id for r in rows})
    nrs = {row.id: row.employee_nr for row in people}
    templates = {
        row.id: row
        for row in store_md.rows_in(
            conn, schedule_templates, company_id, "id", {r.template_id for r in rows}
        )
    }
    return [
        AssignmentView(
            id=row.id,
            employee_nr=nrs[row.employee_id],
            template=templates[row.template_id].name,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
            start_week=row.start_week,
            rotation_weeks=len(templates[row.template_id].weeks),
            created_at=row.created_at,
        )
        for row in rows
    ]


def _shown(view: AssignmentView) -> dict[str, Any]:
    """An assignment as the audit trail records it."""
    return {
        "employeeNr": view.employee_nr,
        "template": view.template,
        "validFrom": view.valid_from.isoformat(),
        "validTo": view.valid_to.isoformat() if view.valid_to else None,
        "startWeek": view.start_week,
    }


def _key(employee_nr: str, valid_from: date) -> str:
    """How the audit trail names an assignment: "3002 from 2025-06-01"."""
    return f"{employee_nr} from {valid_from}"
