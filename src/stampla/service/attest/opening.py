"""Opening balances: comp-time and flex balances carried from an earlier system.

An employee has at most one, dated: the balances at the start of that date. From then on
the balances (``balances``) start from it instead of zero, and the days before its date are
not counted (the earlier system counted them). Set through ``PUT
/Admin/Employees/{employeeNr}/OpeningBalance`` or ``stampla employee opening-balance``, as
signed ``hours:minutes`` (``12:30``, ``-1:15``); every change is audited (entity
``opening_balance``, the old and new values).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from pydantic import Field

from stampla.domain.rules.balances import Opening, hours_minutes, parse_hours_minutes
from stampla.errors import InvalidInput, NotFound, Problem
from stampla.store import masterdata as store_md
from stampla.store import opening_balances as opening_store
from stampla.store.engine import Store
from stampla.store.tables import employees
from stampla.wire.base import OutputModel

from .. import audit
from ..audit import SYSTEM, Actor, Event

#: Audit entity of this module (``service.audit.ENTITIES``).
ENTITY = "opening_balance"
#: The longest note kept (its column's width).
MAX_NOTE = 500


class OpeningBalanceView(OutputModel):
    """An employee's opening balance: the balances at the start of ``date``."""

    employee_nr: str
    date: date
    comp_seconds: int = Field(description="Comp time (kompsaldo) carried over, in seconds.")
    flex_seconds: int = Field(description="Flex time (flexsaldo) carried over, in seconds.")
    comp: str = Field(description="The same, as hours:minutes (e.g. 12:30).")
    flex: str = Field(description="The same, as hours:minutes (e.g. -1:15).")
    note: str | None = None


def read_opening_balance(store: Store, company_id: int, employee_nr: Any) -> OpeningBalanceView:
    """The employee's opening balance; NotFound when it has none."""
    with store.read() as conn:
        employee = _employee(conn, company_id, employee_nr)
        found = opening_store.read(conn, company_id, [employee.id]).get(employee.id)
    if found is None:
        raise NotFound(f"Employee {employee.employee_nr!r} has no opening balance")
    return _view(employee.employee_nr, found)


def set_opening_balance(
    store: Store,
    company_id: int,
    employee_nr: Any,
    given: Mapping[str, Any],
    now: datetime,
    *,
    actor: Actor = SYSTEM,
) -> OpeningBalanceView:
    """Set the employee's opening balance from ``given`` (``date``, ``comp``, ``flex``,
    ``note``; ``comp`` and ``flex`` as hours:minutes, 0:00 when not given). It replaces the
    one before, if any. InvalidInput names every bad field."""
    opening = parsed(given)
    with store.write() as conn:
        employee = _employee(conn, company_id, employee_nr)
        before = opening_store.read(conn, company_id, [employee.id]).get(employee.id)
        opening_store.write(conn, company_id, employee.id, opening, now)
        old = _shown(before) if before else {}
        changes = audit.changed(old, _shown(opening)) if before else audit.created(_shown(opening))
        action = "update" if before else "create"
        event = Event(ENTITY, employee.employee_nr, action, employee.id, changes)
        audit.record(conn, company_id, actor, now, [event])
    return _view(employee.employee_nr, opening)


def remove_opening_balance(
    store: Store, company_id: int, employee_nr: Any, now: datetime, *, actor: Actor = SYSTEM
) -> None:
    """Remove the employee's opening balance (the balances count from zero again)."""
    with store.write() as conn:
        employee = _employee(conn, company_id, employee_nr)
        before = opening_store.read(conn, company_id, [employee.id]).get(employee.id)
        if before is None:
            raise NotFound(f"Employee {employee.employee_nr!r} has no opening balance")
        opening_store.remove(conn, company_id, employee.id)
        changes = {name: [value, None] for name, value in _shown(before).items()}
        event = Event(ENTITY, employee.employee_nr, "delete", employee.id, changes)
        audit.record(conn, company_id, actor, now, [event])


def parsed(given: Mapping[str, Any]) -> Opening:
    """The opening balance ``given`` says; InvalidInput naming each bad field (``Date``,
    ``Comp``, ``Flex``, ``Note``)."""
    problems: list[Problem] = []
    day = None
    raw_date = given.get("date")
    if raw_date is None or (isinstance(raw_date, str) and not raw_date.strip()):
        problems.append(Problem("is required", "Date"))
    elif isinstance(raw_date, date):
        day = raw_date
    else:
        try:
            day = date.fromisoformat(str(raw_date).strip())
        except ValueError:
            problems.append(Problem(f"{raw_date!r} is not a date (YYYY-MM-DD)", "Date"))
    seconds = {}
    for name in ("comp", "flex"):
        value = given.get(name)
        try:
            seconds[name] = 0 if value is None else parse_hours_minutes(str(value))
        except ValueError as error:
            problems.append(Problem(str(error), name.capitalize()))
    note = given.get("note")
    note = None if note is None or not str(note).strip() else str(note).strip()
    if note is not None and len(note) > MAX_NOTE:
        problems.append(Problem(f"at most {MAX_NOTE} characters", "Note"))
    if problems:
        fields = ", ".join(dict.fromkeys(p.field for p in problems if p.field))
        raise InvalidInput(f"Bad opening balance: {fields}", problems)
    assert day is not None
    return Opening(day, seconds["comp"], seconds["flex"], note)


def _employee(conn: Any, company_id: int, employee_nr: Any) -> Any:
    if employee_nr is None or not str(employee_nr).strip():
        raise InvalidInput("EmployeeNr is required", [Problem("is required", "EmployeeNr")])
    nr = str(employee_nr).strip()
    row = store_md.find_row(conn, employees, company_id, employee_nr=nr)
    if row is None:
        raise NotFound(f"Employee {nr!r} does not exist in this company")
    store_md.lock_row(conn, employees, company_id, row.id)
    return row


def _shown(opening: Opening) -> dict[str, Any]:
    return {
        "date": opening.date.isoformat(),
        "comp": hours_minutes(opening.comp_seconds),
        "flex": hours_minutes(opening.flex_seconds),
        "note": opening.note,
    }


def _view(employee_nr: str, opening: Opening) -> OpeningBalanceView:
    return OpeningBalanceView(
        employee_nr=employee_nr,
        date=opening.date,
        comp_seconds=opening.comp_seconds,
        flex_seconds=opening.flex_seconds,
        comp=hours_minutes(opening.comp_seconds),
        flex=hours_minutes(opening.flex_seconds),
        note=opening.note,
    )
