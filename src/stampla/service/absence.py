"""Absence HR registers: an employee away for a range of dates, with an absence time code.

A registration covers ``FirstDate``..``LastDate`` (inclusive) and is one of three extents:

* ``FullDay``: the whole expected time of each date;
* ``Percent``: that share of each date's expected time (``Percent``, above 0 and at most 100);
* ``Hours``: the scheduled work between ``From`` and ``To`` on each date (a ``To`` at or
  before ``From`` is on the next day).

The time code must be an active time code of kind ``absence`` (Sjuk, VAB, Semester, …); an
attendance code is refused naming ``TimeCode``. Two registrations of one employee may not
cover the same date, except two ``Hours`` registrations whose hours do not meet; the overlap
is refused (409) naming the registration it meets. Dates lie within the window any request
may name, and inside the employment (not before the hire date, not after the end date).

A registration is changed in place or cancelled; a cancelled one is kept (``cancelledAt``),
no longer counts, and cannot change again. Every change is in the audit trail (entity
``absence``). Attest reads registrations on every read (``store.planning``), so a change shows
in the very next day rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import Field as About
from sqlalchemy import Connection, Row

from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.store import masterdata as store_md
from stampla.store.engine import Store
from stampla.store.tables import absences, employees, time_codes
from stampla.wire.base import OutputModel

from . import audit
from .audit import SYSTEM, Actor, Event
from .date_range import DateWindow, check_range
from .masterdata.tx import writing
from .masterdata.values import blank, decimal_number, text
from .schedules.common import employee_row, read_date, read_value

ENTITY = "absence"
EXTENTS = ("FullDay", "Percent", "Hours")
#: The longest registration, and the longest range a list may ask for.
MAX_DAYS = 3_700
_note = text(500)
_CLOCK = re.compile(r"^(\d{1,2})[:.]?([0-5]\d)$")
#: What may be sent, by column; the rest are TypeErrors (the callers' models say so first).
FIELDS = (
    "employee_nr",
    "time_code",
    "first_date",
    "last_date",
    "extent",
    "percent",
    "start",
    "stop",
    "note",
)


class AbsenceView(OutputModel):
    id: int
    employee_nr: str
    time_code: str = About(description="The absence time code, e.g. Sjuk.")
    first_date: date
    last_date: date
    extent: str = About(description="FullDay, Percent or Hours.")
    percent: float | None = About(None, description="Percent: the share of the expected time.")
    start: str | None = About(None, description='Hours: from, e.g. "08:00".')
    stop: str | None = About(None, description='Hours: to, e.g. "12:00".')
    note: str | None = None
    created_at: datetime
    cancelled_at: datetime | None = About(None, description="Set when it was cancelled.")


# Use cases ------------------------------------------------------------------------------------


def register_absence(
    store: Store,
    company_id: int,
    given: Mapping[str, Any],
    now: datetime,
    *,
    window: DateWindow,
    actor: Actor = SYSTEM,
) -> AbsenceView:
    """Register absence from the values sent (see ``FIELDS``), as people write them."""
    with writing(store) as conn:
        return put_absence(conn, company_id, given, now, window=window, actor=actor)


def put_absence(
    conn: Connection,
    company_id: int,
    given: Mapping[str, Any],
    now: datetime,
    *,
    window: DateWindow,
    actor: Actor = SYSTEM,
) -> AbsenceView:
    """``register_absence`` inside the caller's transaction (seeding makes many at once)."""
    _known(given)
    employee = employee_row(conn, company_id, given.get("employee_nr"), named_in_body=True)
    store_md.lock_row(conn, employees, company_id, employee.id)  # overlaps checked one at a time
    values = _values(conn, company_id, employee, given, window)
    _refuse_overlap(conn, company_id, employee, values, None)
    new_id = store_md.insert_company_row(
        conn, absences, company_id, created_at=now, employee_id=employee.id, **values
    )
    view = _view(conn, company_id, _row(conn, company_id, new_id), employee)
    event = Event(ENTITY, _key(view), "create", new_id, audit.created(_shown(view)))
    audit.record(conn, company_id, actor, now, [event])
    return view


def change_absence(
    store: Store,
    company_id: int,
    absence_id: Any,
    given: Mapping[str, Any],
    now: datetime,
    *,
    window: DateWindow,
    actor: Actor = SYSTEM,
) -> AbsenceView:
    """Change the fields sent of registration ``absence_id``; the others stay. Its employee
    cannot change (cancel it and register the other employee's instead)."""
    _known(given)
    with writing(store) as conn:
        row = _named(conn, company_id, absence_id)
        employee = store_md.get_row(conn, employees, company_id, row.employee_id)
        assert employee is not None
        if "employee_nr" in given and not blank(given["employee_nr"]):
            other = employee_row(conn, company_id, given["employee_nr"], named_in_body=True)
            if other.id != employee.id:
                raise InvalidInput(
                    "EmployeeNr cannot change: cancel the registration and register anew",
                    [Problem("cannot change", "EmployeeNr")],
                )
        if row.cancelled_at is not None:
            raise Conflict(
                f"Absence {row.id} was cancelled at {row.cancelled_at:%Y-%m-%d %H:%M}; "
                "register it anew instead",
                [Problem("is cancelled", "id")],
            )
        store_md.lock_row(conn, employees, company_id, employee.id)
        old = _view(conn, company_id, row, employee)
        merged = _merged(old, given)
        values = _values(conn, company_id, employee, merged, window)
        _refuse_overlap(conn, company_id, employee, values, row.id)
        different = {name: v for name, v in values.items() if row._mapping[name] != v}
        if not different:
            return old
        store_md.update_row(conn, absences, company_id, row.id, different)
        view = _view(conn, company_id, _row(conn, company_id, row.id), employee)
        changes = audit.changed(_shown(old), _shown(view))
        if changes:
            audit.record(
                conn, company_id, actor, now, [Event(ENTITY, _key(view), "update", row.id, changes)]
            )
        return view


def cancel_absence(
    store: Store,
    company_id: int,
    absence_id: Any,
    now: datetime,
    *,
    note: str | None = None,
    actor: Actor = SYSTEM,
) -> AbsenceView:
    """Cancel registration ``absence_id``: it is kept, marked cancelled, and counts no more."""
    with writing(store) as conn:
        row = _named(conn, company_id, absence_id)
        employee = store_md.get_row(conn, employees, company_id, row.employee_id)
        if row.cancelled_at is not None:
            raise Conflict(
                f"Absence {row.id} is already cancelled (at {row.cancelled_at:%Y-%m-%d %H:%M})",
                [Problem("is already cancelled", "id")],
            )
        why = read_value(_note, note, "Note")
        store_md.update_row(conn, absences, company_id, row.id, {"cancelled_at": now})
        view = _view(conn, company_id, _row(conn, company_id, row.id), employee)
        changes = {"cancelledAt": [None, now.isoformat()]}
        event = Event(ENTITY, _key(view), "cancel", row.id, changes, note=why)
        audit.record(conn, company_id, actor, now, [event])
        return view


def list_absences(
    store: Store,
    company_id: int,
    *,
    window: DateWindow,
    employee_nr: str | None = None,
    date_from: Any = None,
    date_to: Any = None,
    cancelled: bool = False,
) -> list[AbsenceView]:
    """The registrations of one employee (of all, when none is named) that reach into
    ``date_from``..``date_to`` (either may be open), by employee and first date; cancelled
    ones too when ``cancelled``."""
    first = read_date(date_from, "dateFrom", window, required=False)
    last = read_date(date_to, "dateTo", window, required=False)
    if first is not None and last is not None:
        check_range(first, last, MAX_DAYS)
    with store.read() as conn:
        return read_absences(conn, company_id, employee_nr, first, last, cancelled=cancelled)


def read_absences(
    conn: Connection,
    company_id: int,
    employee_nr: str | None,
    first: date | None,
    last: date | None,
    *,
    cancelled: bool = False,
) -> list[AbsenceView]:
    """``list_absences`` inside the caller's read (the pages' day panel)."""
    a = absences.c
    where = []
    named = None
    if employee_nr is not None:
        named = employee_row(conn, company_id, employee_nr)
        where.append(a.employee_id == named.id)
    if first is not None:
        where.append(a.last_date >= first)
    if last is not None:
        where.append(a.first_date <= last)
    if not cancelled:
        where.append(a.cancelled_at.is_(None))
    rows = store_md.select_rows(
        conn, absences, company_id, *where, order_by=["employee_id", "first_date", "id"]
    )
    if named is not None:
        people = {named.id: named}
    else:
        found = store_md.rows_in(conn, employees, company_id, "id", {r.employee_id for r in rows})
        people = {row.id: row for row in found}
    codes = _codes(conn, company_id, {row.time_code_id for row in rows})
    views = [_view_of(row, people[row.employee_id], codes[row.time_code_id]) for row in rows]
    return sorted(views, key=lambda view: (view.employee_nr, view.first_date, view.id))


@dataclass(frozen=True, slots=True)
class DayAbsence:
    """What the pages' day panel offers: the registrations that cover the day (to cancel)
    and the codes a new one may have."""

    registrations: list[AbsenceView]
    codes: list[str]


def day_absence(store: Store, company_id: int, employee_nr: str, day: date) -> DayAbsence:
    with store.read() as conn:
        found = read_absences(conn, company_id, employee_nr, day, day)
        return DayAbsence(found, absence_codes(conn, company_id))


def absence_codes(conn: Connection, company_id: int) -> list[str]:
    """The company's active absence time codes, by code (for a form's choice)."""
    c = time_codes.c
    rows = store_md.select_rows(
        conn, time_codes, company_id, c.kind == "absence", c.active.is_(True), order_by=["code"]
    )
    return [row.code for row in rows]


# Reading what was sent ------------------------------------------------------------------------


def _known(given: Mapping[str, Any]) -> None:
    unknown = set(given) - set(FIELDS)
    if unknown:
        raise TypeError(f"absence has no field {', '.join(sorted(unknown))}")


def _values(
    conn: Connection,
    company_id: int,
    employee: Row,
    given: Mapping[str, Any],
    window: DateWindow,
) -> dict[str, Any]:
    """The stored form of a registration, checked whole; InvalidInput naming the field."""
    code = _time_code(conn, company_id, given.get("time_code"))
    first = read_date(given.get("first_date"), "FirstDate", window)
    assert first is not None
    last = read_date(given.get("last_date"), "LastDate", window, required=False) or first
    if last < first:
        raise InvalidInput(
            f"LastDate {last} is before FirstDate {first}",
            [Problem("must not be before FirstDate", "LastDate")],
        )
    if (last - first).days + 1 > MAX_DAYS:
        raise InvalidInput(
            f"An absence is at most {MAX_DAYS} days long",
            [Problem(f"at most {MAX_DAYS} days after FirstDate", "LastDate")],
        )
    if employee.hire_date is not None and first < employee.hire_date:
        raise InvalidInput(
            f"FirstDate {first} is before the hire date {employee.hire_date} of employee "
            f"{employee.employee_nr}",
            [Problem(f"must not be before the hire date {employee.hire_date}", "FirstDate")],
        )
    if employee.end_date is not None and last > employee.end_date:
        raise InvalidInput(
            f"LastDate {last} is after the end date {employee.end_date} of employee "
            f"{employee.employee_nr}",
            [Problem(f"must not be after the end date {employee.end_date}", "LastDate")],
        )
    extent = _extent(given)
    percent = start = stop = None
    if extent == "Percent":
        percent = _percent(given.get("percent"))
    elif extent == "Hours":
        start = _minute(given.get("start"), "From")
        stop = _minute(given.get("stop"), "To")
        if start % 1440 == stop % 1440:
            raise InvalidInput(
                "From and To are the same time: no hours are away",
                [Problem("must differ from From", "To")],
            )
    _only_with(given, extent)
    return {
        "time_code_id": code.id,
        "first_date": first,
        "last_date": last,
        "extent": extent,
        "percent": percent,
        "start_minute": start,
        "stop_minute": stop,
        "note": read_value(_note, given.get("note"), "Note"),
    }


def _time_code(conn: Connection, company_id: int, value: Any) -> Row:
    if blank(value):
        raise InvalidInput("TimeCode is required", [Problem("is required", "TimeCode")])
    code = str(value).strip()
    row = store_md.find_row(conn, time_codes, company_id, code=code)
    if row is None:
        raise InvalidInput(
            f"TimeCode {code!r} does not exist in this company",
            [Problem(f"time code {code!r} does not exist", "TimeCode")],
        )
    if row.kind != "absence":
        raise InvalidInput(
            f"TimeCode {row.code!r} is of kind {row.kind}; absence needs a time code of kind "
            "absence (such as Sjuk, VAB or Semester)",
            [Problem(f"{row.code!r} is not an absence time code", "TimeCode")],
        )
    if not row.active:
        raise InvalidInput(
            f"TimeCode {row.code!r} is inactive",
            [Problem(f"{row.code!r} is inactive", "TimeCode")],
        )
    return row


def _extent(given: Mapping[str, Any]) -> str:
    """The extent named, or the one the values sent imply: Percent, Hours, else FullDay."""
    value = given.get("extent")
    if blank(value):
        if not blank(given.get("percent")):
            return "Percent"
        if not blank(given.get("start")) or not blank(given.get("stop")):
            return "Hours"
        return "FullDay"
    folded = str(value).strip().lower().replace(" ", "").replace("-", "")
    for extent in EXTENTS:
        if folded == extent.lower():
            return extent
    raise InvalidInput(
        f"Extent {value!r} is not one of {', '.join(EXTENTS)}",
        [Problem(f"must be one of {', '.join(EXTENTS)}", "Extent")],
    )


def _only_with(given: Mapping[str, Any], extent: str) -> None:
    """A value sent that the extent does not use is refused, not silently dropped."""
    unused = {"percent": "Percent", "start": "From", "stop": "To"}
    wanted = {"Percent": {"percent"}, "Hours": {"start", "stop"}}.get(extent, set())
    for column, name in unused.items():
        if column not in wanted and not blank(given.get(column)):
            raise InvalidInput(
                f"{name} does not belong to an absence of extent {extent}",
                [Problem(f"is not used by extent {extent}", name)],
            )


def _percent(value: Any) -> Decimal:
    if blank(value):
        raise InvalidInput(
            "Percent is required for extent Percent", [Problem("is required", "Percent")]
        )
    try:
        written = value.strip().removesuffix("%") if isinstance(value, str) else value
        number = decimal_number(written)
    except ValueError as error:
        raise InvalidInput(f"Percent: {error}", [Problem(str(error), "Percent")]) from None
    if not Decimal(0) < number <= Decimal(100):
        raise InvalidInput(
            f"Percent {value!r} is not above 0 and at most 100",
            [Problem("must be above 0 and at most 100", "Percent")],
        )
    if number != number.quantize(Decimal("0.01")):
        raise InvalidInput(
            f"Percent {value!r} has more than two decimals",
            [Problem("has more than two decimals", "Percent")],
        )
    return number.quantize(Decimal("0.01"))


def _minute(value: Any, field: str) -> int:
    """A clock time as minutes after midnight: "08:00", "8:00", "0800"; 24:00 is midnight."""
    if blank(value):
        raise InvalidInput(f"{field} is required for extent Hours", [Problem("is required", field)])
    written = str(value).strip()
    match = _CLOCK.match(written)
    minutes = int(match[1]) * 60 + int(match[2]) if match else -1
    if not 0 <= minutes <= 1440:
        shown = written if len(written) <= 20 else written[:19] + "…"
        raise InvalidInput(
            f"{field} must be a time such as 08:00",
            [Problem(f"{shown!r} is not a time such as 08:00", field)],
        )
    return minutes


# Overlaps -------------------------------------------------------------------------------------


def _refuse_overlap(
    conn: Connection, company_id: int, employee: Row, values: Mapping[str, Any], own: int | None
) -> None:
    a = absences.c
    others = store_md.select_rows(
        conn,
        absences,
        company_id,
        a.employee_id == employee.id,
        a.cancelled_at.is_(None),
        a.first_date <= values["last_date"],
        a.last_date >= values["first_date"],
        order_by=["first_date", "id"],
    )
    for other in others:
        if other.id == own:
            continue
        if _hours_apart(values, other._mapping):
            continue
        code = store_md.get_row(conn, time_codes, company_id, other.time_code_id)
        view = _view_of(other, employee, code)
        raise Conflict(
            f"Employee {employee.employee_nr} already has absence {other.id} ({view.time_code}, "
            f"{_span(view)}) on these dates; change or cancel it first",
            [Problem(f"meets absence {other.id} ({_span(view)})", "FirstDate")],
        )


def _hours_apart(one: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Two Hours registrations whose hours do not meet (neither crossing midnight)."""
    if one["extent"] != "Hours" or other["extent"] != "Hours":
        return False
    a_start, a_stop = one["start_minute"], one["stop_minute"]
    b_start, b_stop = other["start_minute"], other["stop_minute"]
    if a_stop <= a_start or b_stop <= b_start:
        return False
    return a_stop <= b_start or b_stop <= a_start


# Views ----------------------------------------------------------------------------------------


def _named(conn: Connection, company_id: int, absence_id: Any) -> Row:
    try:
        number = int(str(absence_id).strip())
    except ValueError:
        raise InvalidInput(
            f"{absence_id!r} is not an absence id", [Problem("must be a whole number", "id")]
        ) from None
    row = store_md.get_row(conn, absences, company_id, number) if 0 < number < 2**62 else None
    if row is None:
        raise NotFound(f"Absence {number} does not exist in this company")
    return row


def _row(conn: Connection, company_id: int, row_id: int) -> Row:
    row = store_md.get_row(conn, absences, company_id, row_id)
    assert row is not None
    return row


def _codes(conn: Connection, company_id: int, ids: set[int]) -> dict[int, Row]:
    return {row.id: row for row in store_md.rows_in(conn, time_codes, company_id, "id", ids)}


def _view(conn: Connection, company_id: int, row: Row, employee: Row) -> AbsenceView:
    code = store_md.get_row(conn, time_codes, company_id, row.time_code_id)
    return _view_of(row, employee, code)


def _view_of(row: Row, employee: Row, code: Row) -> AbsenceView:
    return AbsenceView(
        id=row.id,
        employee_nr=employee.employee_nr,
        time_code=code.code,
        first_date=row.first_date,
        last_date=row.last_date,
        extent=row.extent,
        percent=None if row.percent is None else float(row.percent),
        start=_clock_text(row.start_minute),
        stop=_clock_text(row.stop_minute),
        note=row.note,
        created_at=row.created_at,
        cancelled_at=row.cancelled_at,
    )


def _clock_text(minutes: int | None) -> str | None:
    return None if minutes is None else f"{minutes // 60:02d}:{minutes % 60:02d}"


def _given_of(view: AbsenceView) -> dict[str, Any]:
    """A registration as values sent, so that a change can be checked whole."""
    return {
        "time_code": view.time_code,
        "first_date": view.first_date,
        "last_date": view.last_date,
        "extent": view.extent,
        "percent": None if view.percent is None else str(view.percent),
        "start": view.start,
        "stop": view.stop,
        "note": view.note,
    }


def _merged(old: AbsenceView, given: Mapping[str, Any]) -> dict[str, Any]:
    """A registration with the changes sent: a new extent (named, or implied by a Percent or
    hours sent) drops the values of the old one that were not sent again."""
    merged = {**_given_of(old), **{k: v for k, v in given.items() if k != "employee_nr"}}
    parts = {"percent", "start", "stop"}
    if "extent" not in given and parts & set(given):
        merged["extent"] = _extent({part: given.get(part) for part in parts})
    if merged["extent"] != old.extent:
        for part in parts - set(given):
            merged[part] = None
    return merged


def _shown(view: AbsenceView) -> dict[str, Any]:
    """A registration as the audit trail records it."""
    return {
        "employeeNr": view.employee_nr,
        "timeCode": view.time_code,
        "firstDate": view.first_date.isoformat(),
        "lastDate": view.last_date.isoformat(),
        "extent": view.extent,
        "percent": view.percent,
        "from": view.start,
        "to": view.stop,
        "note": view.note,
    }


def _span(view: AbsenceView) -> str:
    dates = (
        f"{view.first_date}"
        if view.first_date == view.last_date
        else (f"{view.first_date}..{view.last_date}")
    )
    if view.extent == "Percent":
        return f"{dates} {view.percent:g} %"
    if view.extent == "Hours":
        return f"{dates} {view.start}-{view.stop}"
    return dates


def _key(view: AbsenceView) -> str:
    """How the audit trail names a registration: "3002 Sjuk 2025-06-12..2025-06-13"."""
    return f"{view.employee_nr} {view.time_code} {_span(view)}"
