"""Dated employment terms: weekly hours, rate, time agreement and position, valid from a date.

A term holds from its ``ValidFrom`` until the next term's, so a new term ends the one before
it. Every computation for a date uses the term valid on it (``domain.schedule.term_on``), and
a change dated D never reaches a day before D.

The employee's own fields (WeeklyHours, EmploymentRate, TimeAgreement, EmploymentPosition)
are the term valid today, and writing them writes a term:

* with ``ValidFrom``: the term from that date (changed, if there is one from that date);
* without: the term from today (the company's date), so that no past day changes.

An employee that never had a dated term is its own term since always; its first change keeps
the old values as the term since its hire date (or since always) and adds the new one. A
change that equals the term valid on its date writes nothing. ``ValidFrom`` may not be before
the hire date nor after the end date. Every term written is in the audit trail (entity
``employment_term``, named "3002 from 2025-06-01").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import Field as About
from sqlalchemy import Connection, Row

from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.store import masterdata as store_md
from stampla.store.engine import Store
from stampla.store.tables import employees, employment_terms
from stampla.wire.base import OutputModel

from .. import audit
from ..audit import SYSTEM, Actor, Event
from . import values as v
from .fields import FLAG, NUMBER, Field
from .tx import writing

ENTITY = "employment_term"
#: The employee's fields that are its current term.
TERM_COLUMNS = ("time_agreement", "employment_position", "employment_rate", "weekly_minutes")
#: What else a term holds (the time rules' choices), set through the terms' own routes.
RULE_COLUMNS = ("overtime_compensation", "flex_time")
#: Where the terms of an employee without a hire date begin.
SINCE_ALWAYS = v.FIRST_CALENDAR_DATE


def _overtime(value: Any) -> str | None:
    if v.blank(value):
        return None
    for choice in ("Money", "Comp"):
        if str(value).strip().lower() == choice.lower():
            return choice
    raise ValueError(f"{value!r} is not Money or Comp")


def _rate(value: Decimal | None) -> str | None:
    """Rates are recorded as text ("52.29"), so that no digit is lost in JSON."""
    return None if value is None else str(value)


TIME_AGREEMENT = Field(
    "time_agreement",
    "TimeAgreement",
    "Time agreement",
    v.text(100),
    ("Tidavtal",),
    help="Time agreement, e.g. Timavlönad.",
)
EMPLOYMENT_POSITION = Field(
    "employment_position",
    "EmploymentPosition",
    "Employment position",
    v.text(100),
    ("Anställningsform", "Befattning"),
    option="--position",
)
EMPLOYMENT_RATE = Field(
    "employment_rate",
    "EmploymentRate",
    "Employ. rate",
    v.rate,
    ("Employment rate", "Sysselsättningsgrad"),
    show=_rate,
    help="Employment rate in per cent of full time, e.g. 52,29.",
    accepts=NUMBER,
    option="--rate",
)
WEEKLY_HOURS = Field(
    "weekly_minutes",
    "WeeklyHours",
    "Weekly working hours",
    v.hours,
    ("Veckoarbetstid",),
    show=v.format_hours,
    help="Weekly working hours, e.g. 38:15; expected time comes from them.",
    accepts=NUMBER,
)
VALID_FROM = Field(
    "valid_from",
    "ValidFrom",
    "Valid from",
    v.calendar_date,
    ("Giltig från", "Gäller från", "Från och med"),
    show=v.format_date,
    help="From when the terms sent (weekly hours, rate, agreement, position) hold, e.g. "
    "2025-06-01; default today. Days before it keep the terms they had.",
    stored=False,
)
OVERTIME_COMPENSATION = Field(
    "overtime_compensation",
    "OvertimeCompensation",
    "Overtime compensation",
    _overtime,
    help="What overtime becomes: Money or Comp (comp leave).",
)
FLEX_TIME = Field(
    "flex_time",
    "FlexTime",
    "Flex time",
    v.flag,
    help="Whether the term has flex time.",
    accepts=FLAG,
)
#: What a term of the terms' own routes holds, ValidFrom first.
TERM_FIELDS = (
    VALID_FROM,
    TIME_AGREEMENT,
    EMPLOYMENT_POSITION,
    EMPLOYMENT_RATE,
    WEEKLY_HOURS,
    OVERTIME_COMPENSATION,
    FLEX_TIME,
)
_BY_COLUMN = {spec.column: spec for spec in TERM_FIELDS}


class TermView(OutputModel):
    id: int
    employee_nr: str
    valid_from: date
    valid_to: date | None = About(None, description="The day before the next term; null: none.")
    time_agreement: str | None = None
    employment_position: str | None = None
    employment_rate: float | None = About(None, description="Per cent of full time.")
    weekly_hours: str | None = About(None, description='Weekly working hours, e.g. "38:15".')
    weekly_minutes: int | None = None
    overtime_compensation: str = About(description="Money or Comp.")
    flex_time: bool
    current: bool = About(description="Whether it is the term valid today.")
    created_at: datetime


class _Employed:
    """An employee's row with the hire and end dates a change is about to store."""

    def __init__(self, mapping: Mapping[str, Any], **changes: Any) -> None:
        self._mapping = {**mapping, **changes}

    def __getattr__(self, name: str) -> Any:
        try:
            return self._mapping[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass(frozen=True, slots=True)
class TermWritten:
    term: Row | None  # None: nothing needed writing
    created: bool = False


# Use cases ------------------------------------------------------------------------------------


def list_terms(store: Store, company_id: int, employee_nr: Any, now: datetime) -> list[TermView]:
    """An employee's terms, oldest first (an employee without any shows none)."""
    with store.read() as conn:
        employee = _employee(conn, company_id, employee_nr)
        return _views(
            employee, terms_of(conn, company_id, employee.id), today(conn, company_id, now)
        )


def add_term(
    store: Store,
    company_id: int,
    employee_nr: Any,
    given: Mapping[str, Any],
    now: datetime,
    *,
    actor: Actor = SYSTEM,
) -> TermView:
    """A new term from ``valid_from``: the values sent, the rest as the term before it had
    them. A term from that date already is a Conflict naming ValidFrom."""
    with writing(store) as conn:
        return put_term(conn, company_id, employee_nr, given, now, actor=actor)


def put_term(
    conn: Connection,
    company_id: int,
    employee_nr: Any,
    given: Mapping[str, Any],
    now: datetime,
    *,
    actor: Actor = SYSTEM,
) -> TermView:
    """``add_term`` inside the caller's transaction (seeding)."""
    employee = _employee(conn, company_id, employee_nr, lock=True)
    values = _parsed(given)
    start = _valid_from(values)
    write_term(conn, company_id, employee, start, values, now, actor, adding=True)
    return _after(conn, company_id, employee, start, now, actor)


def change_term(
    store: Store,
    company_id: int,
    employee_nr: Any,
    valid_from: Any,
    given: Mapping[str, Any],
    now: datetime,
    *,
    actor: Actor = SYSTEM,
) -> TermView:
    """Change the fields sent of the term from ``valid_from`` (its date stays)."""
    if "valid_from" in given:
        raise InvalidInput(
            "ValidFrom of a term cannot change: add a term from the new date instead",
            [Problem("cannot change", "ValidFrom")],
        )
    with writing(store) as conn:
        employee = _employee(conn, company_id, employee_nr, lock=True)
        start = _valid_from({"valid_from": _read(VALID_FROM, valid_from)})
        values = _parsed(given)
        write_term(conn, company_id, employee, start, values, now, actor, adding=False)
        return _after(conn, company_id, employee, start, now, actor)


# The employee register's hooks ----------------------------------------------------------------


def employee_inserted(
    conn: Connection,
    company_id: int,
    row: Row,
    values: Mapping[str, Any],
    now: datetime,
    actor: Actor,
) -> None:
    """A new employee sent with ValidFrom gets its first term from that date; without, it is
    its own term since always."""
    check_employment(row.hire_date, row.end_date)
    start = values.get("valid_from")
    if start is None:
        return
    _within_employment(row, start)
    sent = {column: values.get(column) for column in TERM_COLUMNS}
    _insert(conn, company_id, row, start, sent, now, actor, None)


def employee_updating(
    conn: Connection,
    company_id: int,
    row: Row,
    wanted: dict[str, Any],
    extra: Mapping[str, Any],
    now: datetime,
    actor: Actor,
) -> dict[str, Any]:
    """The change of an employee as stored: its term fields go to the term from ValidFrom (or
    today), and the row takes the term valid today."""
    hired = wanted.get("hire_date", row.hire_date)
    ended = wanted.get("end_date", row.end_date)
    check_employment(hired, ended)
    start = extra.get("valid_from")
    sent = {column: wanted.pop(column) for column in TERM_COLUMNS if column in wanted}
    if start is not None and not sent:
        raise InvalidInput(
            "ValidFrom says from when the terms sent hold: send WeeklyHours, EmploymentRate, "
            "TimeAgreement or EmploymentPosition with it",
            [Problem("needs a term field sent with it", "ValidFrom")],
        )
    if not sent:
        return wanted
    store_md.lock_row(conn, employees, company_id, row.id)
    day = today(conn, company_id, now)
    as_employed = _Employed(row._mapping, hire_date=hired, end_date=ended)
    if start is None and ended is not None and day > ended:
        start = _after_the_end(as_employed, sent, ended)
    write_term(conn, company_id, as_employed, start or day, sent, now, actor, adding=None)
    current = current_values(conn, company_id, row, day)
    wanted.update({c: value for c, value in current.items() if row._mapping[c] != value})
    return wanted


def employees_imported(
    conn: Connection,
    company_id: int,
    records: list[tuple[int, Mapping[str, Any], Mapping[str, Any], Row | None, int]],
    now: datetime,
    actor: Actor,
) -> None:
    """The terms of an import's employees, as the single changes write them; InvalidInput
    naming each bad line (the import's transaction then writes nothing)."""
    problems: list[Problem] = []
    day: date | None = None
    for line, values, extra, before, row_id in records:
        start = extra.get("valid_from")
        sent = {c: values[c] for c in TERM_COLUMNS if c in values}
        source = before._mapping if before is not None else {}
        hired = values.get("hire_date", source.get("hire_date"))
        ended = values.get("end_date", source.get("end_date"))
        try:
            check_employment(hired, ended)
            if before is None and start is None:
                continue  # a new employee is its own term since always
            if start is not None and not sent:
                raise InvalidInput(
                    "ValidFrom needs a term column",
                    [Problem("needs WeeklyHours, EmploymentRate, … in the file", "ValidFrom")],
                )
            if before is None:
                row = store_md.get_row(conn, employees, company_id, row_id)
                assert row is not None and start is not None
                _within_employment(row, start)
                own = {c: row._mapping[c] for c in TERM_COLUMNS} | sent
                _insert(conn, company_id, row, start, own, now, actor, None)
                continue
            if not sent or (start is None and all(source[c] == v for c, v in sent.items())):
                continue  # the row is the term valid today, and it says so already
            day = day or today(conn, company_id, now)
            employed = _Employed(before._mapping, hire_date=hired, end_date=ended)
            if start is None and ended is not None and day > ended:
                start = _after_the_end(employed, sent, ended)
            write_term(conn, company_id, employed, start or day, sent, now, actor, adding=None)
            current = store_md.get_row(conn, employees, company_id, row_id)
            assert current is not None
            sync_employee(conn, company_id, current, now, actor)
        except (InvalidInput, Conflict, NotFound) as error:
            problems += [Problem(p.message, p.field, line) for p in error.problems or []]
    if problems:
        raise InvalidInput(
            f"{len({p.index for p in problems})} rows have terms that cannot be written; "
            "nothing was imported",
            problems,
        )


def _after_the_end(employee: Any, sent: Mapping[str, Any], ended: date) -> date:
    """The employment ended before today: a change without ValidFrom would hold from today,
    when nothing is expected any more. Unless it changes nothing (the end date then serves),
    it is refused, asking for ValidFrom."""
    if all(employee._mapping[c] == value for c, value in sent.items()):
        return ended
    raise InvalidInput(
        f"Employee {employee.employee_nr}'s employment ended on {ended}: send ValidFrom to say "
        "from when the terms sent hold",
        [Problem(f"is required: the employment ended on {ended}", "ValidFrom")],
    )


def check_employment(hired: date | None, ended: date | None) -> None:
    if hired is not None and ended is not None and ended < hired:
        raise InvalidInput(
            f"EndDate {ended} is before HireDate {hired}",
            [Problem(f"must not be before the hire date {hired}", "EndDate")],
        )


# Writing one term -----------------------------------------------------------------------------


def write_term(
    conn: Connection,
    company_id: int,
    employee: Row,
    start: date,
    sent: Mapping[str, Any],
    now: datetime,
    actor: Actor,
    *,
    adding: bool | None,
) -> TermWritten:
    """Write the values ``sent`` as the term from ``start``.

    ``adding`` True: a new term (one from that date is a Conflict); False: the term from that
    date must exist; None (the employee's fields): whichever, and nothing when the values
    equal the term valid on ``start``.
    """
    rows = terms_of(conn, company_id, employee.id)
    existing = next((term for term in rows if term.valid_from == start), None)
    key = _key(employee.employee_nr, start)
    if existing is not None and adding is True:
        raise Conflict(
            f"Employee {employee.employee_nr} has a term from {start} already; change it instead",
            [Problem(f"a term from {start} exists", "ValidFrom")],
        )
    if existing is None and adding is False:
        raise NotFound(f"Employee {employee.employee_nr} has no term from {start}")
    if existing is not None:
        different = {c: value for c, value in sent.items() if existing._mapping[c] != value}
        if not different:
            return TermWritten(None)
        _within_employment(employee, start)
        old = _shown({c: existing._mapping[c] for c in different})
        store_md.update_row(conn, employment_terms, company_id, existing.id, different)
        event = Event(ENTITY, key, "update", existing.id, audit.changed(old, _shown(different)))
        audit.record(conn, company_id, actor, now, [event])
        return TermWritten(_term(conn, company_id, existing.id))
    before = _valid_on(rows, start)
    carried = before or (rows[0] if rows else None)  # before the first term: as the first
    base = carried._mapping if carried is not None else employee._mapping
    values = {c: base[c] for c in TERM_COLUMNS}
    values |= {c: carried._mapping[c] for c in RULE_COLUMNS} if carried is not None else {}
    values |= dict(sent)
    if adding is None and all(base[c] == values[c] for c in TERM_COLUMNS) and before is not None:
        return TermWritten(None)
    if not rows and adding is None and all(employee._mapping[c] == values[c] for c in TERM_COLUMNS):
        return TermWritten(None)
    _within_employment(employee, start)
    if not rows:
        # The employee was its own term since always: that stays the term until ``start``.
        since = employee.hire_date or SINCE_ALWAYS
        if since < start:
            old = {c: employee._mapping[c] for c in TERM_COLUMNS}
            _insert(conn, company_id, employee, since, old, now, actor, "the terms it had")
    note = f"ends the term from {before.valid_from}" if before is not None else None
    new_id = _insert(conn, company_id, employee, start, values, now, actor, note)
    return TermWritten(_term(conn, company_id, new_id), True)


def _insert(
    conn: Connection,
    company_id: int,
    employee: Row,
    start: date,
    values: Mapping[str, Any],
    now: datetime,
    actor: Actor,
    note: str | None,
) -> int:
    row = {"employee_id": employee.id, "valid_from": start, **values}
    new_id = store_md.insert_company_row(conn, employment_terms, company_id, created_at=now, **row)
    changes = audit.created(_shown({"valid_from": start, **values}))
    event = Event(ENTITY, _key(employee.employee_nr, start), "create", new_id, changes, note)
    audit.record(conn, company_id, actor, now, [event])
    return new_id


def current_values(conn: Connection, company_id: int, employee: Row, day: date) -> dict[str, Any]:
    """The term fields the employee's row holds: the term valid on ``day`` (the first term,
    when all begin later; the row's own, when it has none)."""
    rows = terms_of(conn, company_id, employee.id)
    term = _valid_on(rows, day) or (rows[0] if rows else None)
    source = term._mapping if term is not None else employee._mapping
    return {c: source[c] for c in TERM_COLUMNS}


def sync_employee(
    conn: Connection, company_id: int, employee: Row, now: datetime, actor: Actor
) -> Row:
    """Set the employee's fields to the term valid today, recording the change."""
    day = today(conn, company_id, now)
    current = current_values(conn, company_id, employee, day)
    different = {c: value for c, value in current.items() if employee._mapping[c] != value}
    if not different:
        return employee
    # The term fields are the employee register's own (``TERM_FIELDS``): the same names.
    old = _shown({c: employee._mapping[c] for c in different})
    changes = audit.changed(old, _shown(different))
    store_md.update_row(conn, employees, company_id, employee.id, different)
    note = f"the terms valid on {day}"
    event = Event("employee", employee.employee_nr, "update", employee.id, changes, note)
    audit.record(conn, company_id, actor, now, [event])
    found = store_md.get_row(conn, employees, company_id, employee.id)
    assert found is not None
    return found


# Reading --------------------------------------------------------------------------------------


def terms_of(conn: Connection, company_id: int, employee_id: int) -> list[Row]:
    t = employment_terms.c
    return store_md.select_rows(
        conn, employment_terms, company_id, t.employee_id == employee_id, order_by=["valid_from"]
    )


def today(conn: Connection, company_id: int, now: datetime) -> date:
    """The company's date at ``now``."""
    company = store_md.company_row(conn, company_id)
    assert company is not None
    return now.astimezone(ZoneInfo(company.time_zone)).date()


def _valid_on(rows: list[Row], day: date) -> Row | None:
    found = None
    for row in rows:
        if row.valid_from > day:
            break
        found = row
    return found


def _within_employment(employee: Row, start: date) -> None:
    if employee.hire_date is not None and start < employee.hire_date:
        raise InvalidInput(
            f"ValidFrom {start} is before the hire date {employee.hire_date} of employee "
            f"{employee.employee_nr}",
            [Problem(f"must not be before the hire date {employee.hire_date}", "ValidFrom")],
        )
    if employee.end_date is not None and start > employee.end_date:
        raise InvalidInput(
            f"ValidFrom {start} is after the end date {employee.end_date} of employee "
            f"{employee.employee_nr}",
            [Problem(f"must not be after the end date {employee.end_date}", "ValidFrom")],
        )


def _employee(conn: Connection, company_id: int, employee_nr: Any, *, lock: bool = False) -> Row:
    if v.blank(employee_nr):
        raise InvalidInput("EmployeeNr is required", [Problem("is required", "EmployeeNr")])
    nr = str(employee_nr).strip()
    row = store_md.find_row(conn, employees, company_id, employee_nr=nr)
    if row is None:
        raise NotFound(f"Employee {nr!r} does not exist in this company")
    if lock:
        store_md.lock_row(conn, employees, company_id, row.id)
    return row


def _read(spec: Field, value: Any) -> Any:
    try:
        return spec.parse(value)
    except ValueError as error:
        raise InvalidInput(f"{spec.name}: {error}", [Problem(str(error), spec.name)]) from None


def _parsed(given: Mapping[str, Any]) -> dict[str, Any]:
    """The term's values sent, read by its fields; every bad one named."""
    unknown = set(given) - set(_BY_COLUMN)
    if unknown:
        raise TypeError(f"a term has no field {', '.join(sorted(unknown))}")
    found: dict[str, Any] = {}
    problems = []
    for column, value in given.items():
        spec = _BY_COLUMN[column]
        try:
            found[column] = spec.parse(value)
        except ValueError as error:
            problems.append(Problem(f"{spec.name}: {error}", spec.name))
    for column in RULE_COLUMNS:  # not null in the table: blank is refused, not stored
        if column in found and found[column] is None:
            name = _BY_COLUMN[column].name
            problems.append(Problem(f"{name} cannot be blank", name))
    if problems:
        raise InvalidInput("Term: " + "; ".join(p.message for p in problems), problems)
    return found


def _valid_from(values: dict[str, Any]) -> date:
    start = values.pop("valid_from", None)
    if start is None:
        raise InvalidInput("ValidFrom is required", [Problem("is required", "ValidFrom")])
    return start


def _term(conn: Connection, company_id: int, term_id: int) -> Row:
    row = store_md.get_row(conn, employment_terms, company_id, term_id)
    assert row is not None
    return row


def _after(
    conn: Connection, company_id: int, employee: Row, start: date, now: datetime, actor: Actor
) -> TermView:
    """The term from ``start`` as it is now, with the employee's row synced."""
    sync_employee(conn, company_id, employee, now, actor)
    rows = terms_of(conn, company_id, employee.id)
    views = _views(employee, rows, today(conn, company_id, now))
    return next(view for view in views if view.valid_from == start)


def _views(employee: Row, rows: list[Row], day: date) -> list[TermView]:
    current = _valid_on(rows, day)
    views = []
    for index, row in enumerate(rows):
        following = rows[index + 1].valid_from if index + 1 < len(rows) else None
        rate = row.employment_rate
        views.append(
            TermView(
                id=row.id,
                employee_nr=employee.employee_nr,
                valid_from=row.valid_from,
                valid_to=following - timedelta(days=1) if following else None,
                time_agreement=row.time_agreement,
                employment_position=row.employment_position,
                employment_rate=float(rate) if rate is not None else None,
                weekly_hours=v.format_hours(row.weekly_minutes),
                weekly_minutes=row.weekly_minutes,
                overtime_compensation=row.overtime_compensation,
                flex_time=row.flex_time,
                current=current is not None and row.id == current.id,
                created_at=row.created_at,
            )
        )
    return views


def _shown(values: Mapping[str, Any]) -> dict[str, Any]:
    """A term's values as the audit trail records them, by public name."""
    return {
        _BY_COLUMN[c].public: _BY_COLUMN[c].written(value) if c in _BY_COLUMN else value
        for c, value in values.items()
        if c in _BY_COLUMN
    }


def _key(employee_nr: str, start: date) -> str:
    """How the audit trail names a term: "3002 from 2025-06-01"."""
    return f"{employee_nr} from {start}"
