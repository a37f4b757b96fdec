"""Attest time: day rows for a range of dates, and the company settings that shape them.

Day rows are computed on read, from the punches, every time (see docs/attest-rules.md for the
measurements behind that choice). Nothing derived is stored, so a punch posted a moment ago,
even a late one for an earlier day, is in the very next read, and a correction can never
leave a stale row behind.

Each employee's punches are read for a window one day wider than the range on each side, so
that night shifts crossing either edge are seen whole. Where the domain says that is not
enough (a shift chained across the edge), that employee's window is widened until it is.

Rows are made a group of employees at a time, so that a company-wide read never holds more
than two groups: the next group's punches are read on a second thread while this one is
computed (``_fetched``), with the garbage collector paused (``_group_rows``).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from pydantic.alias_generators import to_camel
from sqlalchemy import Connection

from stampla.domain import attest as domain
from stampla.domain.attest import AttestSettings, DayRow, DayRule, HolidayCalendar
from stampla.domain.attest.settings import BOUNCE_SECONDS, GAP_MINUTES, MAX_SHIFT_MINUTES
from stampla.domain.localtime import day_bounds
from stampla.errors import InvalidInput, Problem
from stampla.store import attest as rows
from stampla.store.engine import Store

from . import audit
from .audit import SYSTEM, Actor
from .date_range import check_range

#: Employees whose punches are read in one query (bounded: dates x employees index probes).
EMPLOYEES_PER_READ = 500
#: The first query reads fewer, since nothing can be computed until it returns; each next
#: group is half as large again, so that its query is done by the time the group before it
#: is computed (SQLite and PostgreSQL read a group in about two thirds of that time).
EMPLOYEES_FIRST_READ = 100
#: Days read beyond each edge of the range before the domain is asked whether that suffices.
MARGIN_DAYS = 1
#: The widest margin a chained shift may pull in, on each side.
MAX_MARGIN_DAYS = 64


@dataclass(frozen=True, slots=True)
class AttestQuery:
    """What a caller asks for: company-local dates, inclusive, and optionally whom."""

    date_from: date
    date_to: date
    employee_nrs: Sequence[str] | None = None
    include_empty: bool = False


@dataclass(frozen=True, slots=True)
class EmployeeDay:
    employee_nr: str
    row: DayRow


@dataclass(frozen=True, slots=True)
class _Context:
    company_id: int
    zone: ZoneInfo
    settings: AttestSettings
    employees: list[rows.AttestEmployee]
    now: datetime
    latest: datetime
    code_names: dict[int, str]


def attest_time(
    store: Store,
    company_id: int,
    query: AttestQuery,
    now: datetime,
    *,
    max_days: int,
    max_future: timedelta = timedelta(minutes=5),
) -> Iterator[EmployeeDay]:
    """Day rows by employee number, then date.

    The query is checked before this returns (InvalidInput naming the field); the rows are
    then produced lazily, a group of employees at a time, so that a whole company's month
    never has to sit in memory at once.
    """
    check_range(query.date_from, query.date_to, max_days)
    with store.read() as conn:
        context = _context(conn, company_id, query, now, max_future)
    return _rows(store, context, query)


def company_zone(store: Store, company_id: int) -> ZoneInfo:
    """The company's time zone, in which day rows are dated (and shown by the CLI)."""
    with store.read() as conn:
        return ZoneInfo(rows.company_time_zone(conn, company_id))


def read_settings(store: Store, company_id: int) -> AttestSettings:
    """The company's attest settings (the defaults until it sets its own)."""
    with store.read() as conn:
        return _settings(conn, company_id)


def change_settings(
    store: Store,
    company_id: int,
    now: datetime,
    *,
    day_rule: str | None = None,
    gap_minutes: int | None = None,
    max_shift_minutes: int | None = None,
    bounce_seconds: int | None = None,
    holidays: str | None = None,
    actor: Actor = SYSTEM,
) -> AttestSettings:
    """Change some settings, keep the others; InvalidInput names every value out of bounds.

    A change is recorded in the audit trail (entity ``attest_settings``, old -> new by
    setting), in the same transaction: a day rule decides which day payroll pays a night
    shift on, so who changed it and when must be on record.
    """
    with store.write() as conn:
        current = _settings(conn, company_id)
        wanted = _wanted(
            current, day_rule, gap_minutes, max_shift_minutes, bounce_seconds, holidays
        )
        changes = {
            to_camel(name): old_new
            for name, old_new in audit.changed(_stored_values(current), wanted).items()
        }
        if changes:
            rows.write_settings(conn, company_id, updated_at=now, **wanted)
            event = audit.Event("attest_settings", "attest settings", "update", None, changes)
            audit.record(conn, company_id, actor, now, [event])
        return _settings(conn, company_id)


def _stored_values(settings: AttestSettings) -> dict[str, object]:
    """Settings in the form they are stored and audited in."""
    return {
        "day_rule": settings.day_rule.value,
        "gap_minutes": _minutes(settings.gap),
        "max_shift_minutes": _minutes(settings.max_shift),
        "bounce_seconds": int(settings.bounce.total_seconds()),
        "holidays": settings.holidays.value,
    }


def _wanted(
    current: AttestSettings,
    day_rule: str | None,
    gap_minutes: int | None,
    max_shift_minutes: int | None,
    bounce_seconds: int | None,
    holidays: str | None,
) -> dict[str, object]:
    """The settings after the change: the given values, checked, and the current others."""
    values = _stored_values(current)
    numbers = {
        "gap_minutes": gap_minutes,
        "max_shift_minutes": max_shift_minutes,
        "bounce_seconds": bounce_seconds,
    }
    values.update({name: value for name, value in numbers.items() if value is not None})
    if day_rule is not None:
        values["day_rule"] = _day_rule(day_rule)
    if holidays is not None:
        values["holidays"] = _holidays(holidays)
    problems = [
        Problem(f"must be between {low} and {high}", field)
        for field, (low, high) in _BOUNDS.items()
        if not low <= values[field] <= high  # type: ignore[operator]
    ]
    if problems:
        raise InvalidInput("Attest settings out of bounds", problems)
    return values


_BOUNDS = {
    "gap_minutes": GAP_MINUTES,
    "max_shift_minutes": MAX_SHIFT_MINUTES,
    "bounce_seconds": BOUNCE_SECONDS,
}


def _day_rule(text: str) -> str:
    for rule in DayRule:
        if text.replace("-", "").replace("_", "").lower() == rule.value.lower():
            return rule.value
    choices = ", ".join(rule.value for rule in DayRule)
    raise InvalidInput(
        f"Unknown day rule {text!r}", [Problem(f"must be one of {choices}", "day_rule")]
    )


def _holidays(text: str) -> str:
    for calendar in HolidayCalendar:
        if text.strip().lower() == calendar.value.lower():
            return calendar.value
    choices = ", ".join(calendar.value for calendar in HolidayCalendar)
    raise InvalidInput(
        f"Unknown holiday calendar {text!r}", [Problem(f"must be one of {choices}", "holidays")]
    )


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _settings(conn: Connection, company_id: int) -> AttestSettings:
    stored = rows.read_settings(conn, company_id)
    if stored is None:
        return domain.DEFAULTS
    return AttestSettings(
        day_rule=DayRule(stored.day_rule),
        gap=timedelta(minutes=stored.gap_minutes),
        max_shift=timedelta(minutes=stored.max_shift_minutes),
        bounce=timedelta(seconds=stored.bounce_seconds),
        holidays=HolidayCalendar(stored.holidays),
    )


def _context(
    conn: Connection, company_id: int, query: AttestQuery, now: datetime, max_future: timedelta
) -> _Context:
    nrs = query.employee_nrs
    employees = rows.attest_employees(conn, company_id, None if nrs is None else set(nrs))
    if nrs is not None:
        known = {employee.employee_nr for employee in employees}
        unknown = [nr for nr in dict.fromkeys(nrs) if nr not in known]
        if unknown:
            raise InvalidInput(
                f"Unknown employee {', '.join(map(repr, unknown))}",
                [Problem(f"employee {nr!r} does not exist", "employeeNrsString") for nr in unknown],
            )
    zone = ZoneInfo(rows.company_time_zone(conn, company_id))
    codes = rows.registered_codes(conn, company_id)
    absence = frozenset(code for code, kind in codes.values() if kind == "absence")
    settings = replace(_settings(conn, company_id), absence_codes=absence)
    names = {code_id: registered.code for code_id, registered in codes.items()}
    return _Context(company_id, zone, settings, employees, now, now + max_future, names)


def _rows(store: Store, context: _Context, query: AttestQuery) -> Iterator[EmployeeDay]:
    with store.read() as conn:
        reader = rows.PunchReader(conn, context.company_id, context.code_names)
        dates = _dates(query.date_from, query.date_to, MARGIN_DAYS)
        groups = _groups(context.employees)
        try:
            for group, fetched in _fetched(reader, dates, groups, ahead=len(groups) > 1):
                yield from _group_rows(reader, context, query, group, fetched, dates)
        finally:
            _thaw()


def _group_rows(
    reader: rows.PunchReader,
    context: _Context,
    query: AttestQuery,
    group: list[rows.AttestEmployee],
    fetched: rows.PunchColumns,
    dates: list[date],
) -> list[EmployeeDay]:
    """The day rows of a group of employees, made with the cyclic garbage collector paused.

    Making them allocates millions of containers that all stay alive, and every few hundred
    allocations the collector would walk the young ones again, and every few hundred thousand
    all of them, to find no garbage: a third of the CPU time of a company-wide month
    (measured). Rows and their parts form no reference cycles, so reference counting frees
    them all the same. The pause lasts one group (a fraction of a second), never while rows
    wait for a slow consumer.
    """
    _thaw()  # the previous group's rows have been consumed
    with _collector_paused():
        found = reader.punches(fetched, dates)
        made: list[EmployeeDay] = []
        for employee in group:
            punches = found.get(employee.id, [])
            days = _employee_days(reader, context, query, employee, punches)
            made.extend([EmployeeDay(employee.employee_nr, day) for day in days])
        return made


def _groups(employees: list[rows.AttestEmployee]) -> list[list[rows.AttestEmployee]]:
    """The employees in groups read by one query each: 100, 150, 225, … up to 500."""
    groups, start, size = [], 0, min(EMPLOYEES_FIRST_READ, EMPLOYEES_PER_READ)
    while start < len(employees):
        groups.append(employees[start : start + size])
        start, size = start + size, min(EMPLOYEES_PER_READ, size * 3 // 2)
    return groups


def _fetched(
    reader: rows.PunchReader,
    dates: list[date],
    groups: list[list[rows.AttestEmployee]],
    ahead: bool,
) -> Iterator[tuple[list[rows.AttestEmployee], rows.PunchColumns]]:
    """Each group of employees with its punch columns.

    With ``ahead``, the next group's punches are fetched on a second thread while this group
    is computed. The database works without holding the GIL meanwhile: PostgreSQL in its own
    process while the driver waits, SQLite inside one ``sqlite3_step`` that builds the
    group's arrays (``store.attest.punch_columns``). Only decoding them takes the GIL.
    """
    if not ahead:
        for group in groups:
            yield group, reader.fetch(dates, [employee.id for employee in group])
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="attest-fetch") as pool:
        pending = pool.submit(reader.fetch, dates, [employee.id for employee in groups[0]])
        for index, group in enumerate(groups):
            fetched = pending.result()
            if index + 1 < len(groups):
                following = [employee.id for employee in groups[index + 1]]
                pending = pool.submit(reader.fetch, dates, following)
            yield group, fetched


def _employee_days(
    reader: rows.PunchReader,
    context: _Context,
    query: AttestQuery,
    employee: rows.AttestEmployee,
    punches: list[domain.Punch],
) -> list[DayRow]:
    shifts = _settled_shifts(reader, context, query, employee, punches)
    span = (query.date_from, query.date_to)
    days = domain.day_rows(shifts, context.settings, context.zone, employee.weekly_minutes, span)
    if query.include_empty and employee.active:
        days = _with_empty_days(days, query, employee.weekly_minutes, context.settings)
    return days


def _settled_shifts(
    reader: rows.PunchReader,
    context: _Context,
    query: AttestQuery,
    employee: rows.AttestEmployee,
    punches: list[domain.Punch],
) -> list[domain.Shift]:
    """Shifts from a window wide enough that nothing outside it could change them."""
    margin = MARGIN_DAYS
    while True:
        shifts = domain.shifts_of(punches, context.settings, context.zone, context.now)
        if margin >= MAX_MARGIN_DAYS or not _unsettled(shifts, context, query, margin):
            return shifts
        margin *= 2
        dates = _dates(query.date_from, query.date_to, margin)
        punches = reader.read(dates, [employee.id]).get(employee.id, [])


def _unsettled(
    shifts: list[domain.Shift], context: _Context, query: AttestQuery, margin: int
) -> bool:
    start, end = _window(query.date_from, query.date_to, margin, context.zone)
    settings = context.settings
    return domain.unsettled_start(shifts, start, query.date_from, settings) or (
        domain.unsettled_end(shifts, end, query.date_to, settings, context.latest)
    )


@lru_cache(maxsize=256)
def _window(first: date, last: date, margin: int, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The instants where a read of ``margin`` days beyond [first, last] begins and ends.

    The same for every employee of a read, so worked out once rather than per employee.
    """
    start, _ = day_bounds(first - timedelta(days=margin), zone)
    _, end = day_bounds(last + timedelta(days=margin), zone)
    return start, end


def _with_empty_days(
    days: list[DayRow], query: AttestQuery, weekly_minutes: int | None, settings: AttestSettings
) -> list[DayRow]:
    by_date = {day.date: day for day in days}
    every = _dates(query.date_from, query.date_to, 0)
    calendar = settings.holidays
    return [by_date.get(d) or domain.empty_day(d, weekly_minutes, calendar) for d in every]


_collector_lock = threading.Lock()
_pauses = 0  # threads computing a group right now
_resume = False  # whether the collector ran before the first of them paused it
_frozen = False  # whether objects are frozen (by this module) since the last thaw


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a group's rows are made; they are frozen after.

    Pausing alone is not enough: the collector resumes with the whole group young and alive
    (the rows wait to be consumed), and walks it twice more on its way to the old
    generation. So when the last concurrent pause ends, everything alive is frozen
    (``gc.freeze``: set aside, never walked) and the collector resumes for what comes
    next; ``_thaw`` (before the next group, and at the end of a read) returns the frozen
    objects to the old generation, where only full collections look at them. The
    collector belongs to the process, so other threads' objects alive at that moment wait
    for a full collection too (and a thaw also returns whatever a pre-fork server froze;
    ``stampla serve`` freezes nothing); reference counting is never affected.
    """
    global _pauses, _resume, _frozen
    with _collector_lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _collector_lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.freeze()
                _frozen = True
                gc.enable()


def _thaw() -> None:
    """Return what ``_collector_paused`` froze to the collector's old generation."""
    global _frozen
    with _collector_lock:
        if _frozen:
            gc.unfreeze()
            _frozen = False


def _dates(first: date, last: date, margin: int) -> list[date]:
    start = first - timedelta(days=margin)
    return [start + timedelta(days=i) for i in range((last - first).days + 1 + 2 * margin)]
