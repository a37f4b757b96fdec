"""Employees (Staff > Employee > Employees), found by EmployeeNr."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, or_

from stampla.store import masterdata as rows
from stampla.store.engine import Store
from stampla.store.tables import employees
from stampla.store.text_search import contains_text

from ..audit import SYSTEM, Actor
from .records import already_exists, insert_record, require, update_record
from .registers import EMPLOYEE
from .specs import EmployeeSpec
from .tx import writing
from .values import format_hours
from .views import EmployeeView


def put_employee(
    conn: Connection, company_id: int, spec: EmployeeSpec, now: datetime, *, actor: Actor = SYSTEM
) -> int:
    """A new employee from typed values, inside the caller's transaction; its id."""
    given = asdict(spec)
    given["weekly_minutes"] = format_hours(spec.weekly_minutes)
    return _insert(conn, company_id, given, now, actor)


def _insert(
    conn: Connection, company_id: int, given: Mapping[str, Any], now: datetime, actor: Actor
) -> int:
    values = EMPLOYEE.checked(given, creating=True)
    nr = values["employee_nr"]
    existing = rows.find_row(conn, employees, company_id, employee_nr=nr)
    if existing is not None:
        raise already_exists(EMPLOYEE, "employee_nr", nr, existing.employee_nr)
    return insert_record(conn, EMPLOYEE, company_id, values, now, actor, nr)


def _row(conn: Connection, company_id: int, employee_nr: str) -> Row:
    found = rows.find_row(conn, employees, company_id, employee_nr=employee_nr)
    return require(found, EMPLOYEE, repr(employee_nr))


def add_employee(
    store: Store,
    company_id: int,
    given: Mapping[str, Any],
    now: datetime,
    *,
    actor: Actor = SYSTEM,
) -> EmployeeView:
    """A new employee from raw values by column (``weekly_minutes`` as hours, e.g. "38:15")."""
    with writing(store) as conn:
        new_id = _insert(conn, company_id, given, now, actor)
        return EmployeeView.of(rows.get_row(conn, employees, company_id, new_id))


def update_employee(
    store: Store,
    company_id: int,
    employee_nr: str,
    given: Mapping[str, Any],
    now: datetime,
    *,
    actor: Actor = SYSTEM,
) -> EmployeeView:
    """Change the ``given`` fields of an employee; EmployeeNr itself cannot change."""
    with writing(store) as conn:
        row = _row(conn, company_id, employee_nr)
        args = (company_id, row, given, now, actor, row.employee_nr)
        return EmployeeView.of(update_record(conn, EMPLOYEE, *args, fixed=("employee_nr",)))


def set_employee_active(
    store: Store,
    company_id: int,
    employee_nr: str,
    active: bool,
    now: datetime,
    *,
    actor: Actor = SYSTEM,
) -> EmployeeView:
    """Deactivate (or reactivate) an employee; existing punches stay, new ones are refused."""
    return update_employee(store, company_id, employee_nr, {"active": active}, now, actor=actor)


def get_employee(store: Store, company_id: int, employee_nr: str) -> EmployeeView:
    with store.read() as conn:
        return EmployeeView.of(_row(conn, company_id, employee_nr))


def list_employees(
    store: Store,
    company_id: int,
    *,
    active: bool | None = None,
    search: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[EmployeeView]:
    """The company's employees by EmployeeNr; ``search`` matches number, names or code."""
    where = _filters(store, active, search)
    with store.read() as conn:
        found = rows.select_rows(
            conn,
            employees,
            company_id,
            *where,
            order_by=["employee_nr"],
            limit=limit,
            offset=offset,
        )
    return [EmployeeView.of(row) for row in found]


def count_employees(
    store: Store, company_id: int, *, active: bool | None = None, search: str | None = None
) -> int:
    """How many employees ``list_employees`` would list without a limit."""
    with store.read() as conn:
        return rows.count_rows(conn, employees, company_id, *_filters(store, active, search))


def _filters(store: Store, active: bool | None, search: str | None) -> list[Any]:
    c = employees.c
    where: list[Any] = []
    if active is not None:
        where.append(c.active == active)
    if search and search.strip():
        needle = search.strip()
        columns = (c.employee_nr_key, c.first_name, c.last_name, c.external_code)
        where.append(or_(*(contains_text(store.dialect, column, needle) for column in columns)))
    return where
