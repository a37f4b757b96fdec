"""Day rows for a range of dates: the attest read.

Day rows are computed on read, from the punches, every time (see docs/attest-rules.md for the
measurements behind that choice). Nothing derived is stored, so a punch posted a moment ago,
even a late one for an earlier day, is in the very next read, and a correction can never
leave a stale row behind.

Each employee's punches are read for a window one day wider than the range on each side, so
that night shifts crossing either edge are seen whole. Where the domain says that is not
enough (a shift chained across the edge), that employee's window is widened until it is.

The Working Hours Act warnings (``domain.rules.atl``) are added to each row after its attest
state, so a frozen row never holds them; they need days before the range (``_atl``).

Rows are made a group of employees at a time, so that a company-wide read never holds more
than two groups: the next group's punches are read on a second thread while this one is
computed (``PunchReader.prefetched``), with the garbage collector paused (``_group_rows``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from stampla.domain import attest as domain
from stampla.domain.attest import AttestSettings, AttestWarning, DayRow, DayRule, WarningCode
from stampla.domain.attest.plan import DayPlan
from stampla.domain.attest.rest import DAILY_REST, with_rest_warnings
from stampla.domain.localtime import day_bounds
from stampla.domain.rules.atl import (
    DEFAULT_LIMITS,
    REST_LOOK_BACK,
    Limits,
    WorkedDay,
    day_warnings,
    look_back_start,
    worked_day,
)
from stampla.domain.rules.model import RuleSet
from stampla.domain.rules.rows import with_rule_codes
from stampla.domain.rules.versions import RuleBook
from stampla.domain.schedule import EmployeePlanning, EmploymentTerm, ScheduleTemplate, term_on
from stampla.domain.text import match_key
from stampla.errors import InvalidInput, Problem
from stampla.store import attest as attest_store
from stampla.store import planning as planning_store
from stampla.store.attest import AttestEmployee
from stampla.store.engine import Store

from ..collector import collector_paused, thaw
from ..date_range import check_range
from .locks import DayAttest, GroupStates, any_days, read_group, with_states
from .planned import employee_terms, weekly_minutes_or_plans
from .settings import stored_settings
from .states import DEFAULT_CONFIG, StateConfig, stored_config

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
    #: Add the Working Hours Act warnings (``domain.rules.atl``): two weeks before the range
    #: are read with it, and the days back to 1 January (or four weeks, if earlier) for the
    #: employees with overtime or mertid in it (``_atl``). Off for reads that only total
    #: the rows (balances, the ATL report itself, moves between states, the export).
    atl_warnings: bool = True


@dataclass(frozen=True, slots=True)
class EmployeeDay:
    employee_nr: str
    row: DayRow
    #: The day's attest state (``locks``); None only for rows made outside ``attest_time``.
    attest: DayAttest | None = None


@dataclass(frozen=True, slots=True)
class _Context:
    company_id: int
    zone: ZoneInfo
    settings: AttestSettings
    employees: list[AttestEmployee]
    now: datetime
    latest: datetime
    code_names: dict[int, str]
    templates: dict[int, ScheduleTemplate]
    #: Every version of the company's rule sets (``domain.rules``); empty: no rules.
    rule_sets: RuleBook = field(default_factory=lambda: RuleBook(()))
    #: The least rest between two shifts before a row says so (``domain.attest.rest``).
    daily_rest: timedelta = DAILY_REST
    #: The limits of the Working Hours Act warnings.
    limits: Limits = DEFAULT_LIMITS
    plans: dict[EmployeePlanning, dict[date, DayPlan]] = field(default_factory=dict)
    #: The company's attest states, and whether any day of the range left the initial one.
    states: StateConfig = DEFAULT_CONFIG
    any_states: bool = False


def attest_time(
    store: Store,
    company_id: int,
    query: AttestQuery,
    now: datetime,
    *,
    max_days: int,
    max_future: timedelta = timedelta(minutes=5),
    daily_rest: timedelta = DAILY_REST,
    limits: Limits | None = None,
) -> Iterator[EmployeeDay]:
    """Day rows by employee number, then date.

    The query is checked before this returns (InvalidInput naming the field); the rows are
    then produced lazily, a group of employees at a time, so that a whole company's month
    never has to sit in memory at once.
    """
    check_range(query.date_from, query.date_to, max_days)
    if limits is None:
        limits = DEFAULT_LIMITS._replace(daily_rest_hours=daily_rest // timedelta(hours=1))
    with store.read() as conn:
        context = _context(conn, company_id, query, now, max_future)
        context = replace(context, daily_rest=daily_rest, limits=limits)
    return _rows(store, context, query)


def company_zone(store: Store, company_id: int) -> ZoneInfo:
    """The company's time zone, in which day rows are dated (and shown by the CLI)."""
    with store.read() as conn:
        return ZoneInfo(attest_store.company_time_zone(conn, company_id))


def _context(
    conn: Connection, company_id: int, query: AttestQuery, now: datetime, max_future: timedelta
) -> _Context:
    nrs = query.employee_nrs
    employees = attest_store.attest_employees(conn, company_id, None if nrs is None else set(nrs))
    if nrs is not None:
        known = {match_key(employee.employee_nr) for employee in employees}
        unknown = [nr for nr in dict.fromkeys(nrs) if match_key(nr) not in known]
        if unknown:
            raise InvalidInput(
                f"Unknown employee {', '.join(map(repr, unknown))}",
                [Problem(f"employee {nr!r} does not exist", "employeeNrsString") for nr in unknown],
            )
    zone = ZoneInfo(attest_store.company_time_zone(conn, company_id))
    codes = attest_store.registered_codes(conn, company_id)
    absence = frozenset(code for code, kind in codes.values() if kind == "absence")
    settings = replace(stored_settings(conn, company_id), absence_codes=absence)
    names = {code_id: registered.code for code_id, registered in codes.items()}
    templates = planning_store.templates(conn, company_id)
    latest = now + max_future
    rule_sets = RuleBook(planning_store.rule_sets(conn, company_id))
    return _Context(
        company_id,
        zone,
        settings,
        employees,
        now,
        latest,
        names,
        templates,
        rule_sets,
        states=stored_config(conn, company_id),
        any_states=any_days(conn, company_id, query.date_from, query.date_to),
    )


def _rows(store: Store, context: _Context, query: AttestQuery) -> Iterator[EmployeeDay]:
    with store.read() as conn:
        reader = attest_store.PunchReader(conn, context.company_id, context.code_names)
        # With the ATL warnings, the punches of the two weeks before the range come with it
        # (the rest); the sums' look-back is one more read, of those who need it (``_atl``).
        dates = _dates(_reach(query), query.date_to, MARGIN_DAYS)
        # Plans from the day before: under EndDay and MostTime (or split at midnight), a
        # shift scheduled on it may belong to the first date, and so may its override.
        first, last = _plan_reach(query, context) - timedelta(days=1), query.date_to

        def fetch(group: list[AttestEmployee]) -> _Fetched:
            ids = [employee.id for employee in group]
            punches = reader.fetch(dates, ids)
            states = GroupStates()
            if context.any_states:
                states = reader.locked(read_group, ids, query.date_from, query.date_to)
            return _Fetched(group, punches, reader.planning(group, first, last), states)

        try:
            for fetched in reader.prefetched(fetch, _groups(context.employees)):
                yield from _group_rows(reader, context, query, fetched, dates)
        finally:
            thaw()


class _Fetched(NamedTuple):
    """What the database holds for a group of employees: punches, and what plans their days."""

    group: list[AttestEmployee]
    punches: attest_store.PunchColumns
    planning: dict[int, EmployeePlanning]
    states: GroupStates


def _group_rows(
    reader: attest_store.PunchReader,
    context: _Context,
    query: AttestQuery,
    fetched: _Fetched,
    dates: list[date],
) -> list[EmployeeDay]:
    """The day rows of a group of employees, made with the cyclic garbage collector paused
    (``service.collector``). The pause lasts one group (a fraction of a second), never while
    rows wait for a slow consumer."""
    thaw()  # the previous group's rows have been consumed
    with collector_paused(freeze=True):
        found = reader.punches(fetched.punches, dates)
        computed = []
        for employee in fetched.group:
            punches = found.get(employee.id, [])
            planning = fetched.planning.get(employee.id)
            computed.append(_employee_days(reader, context, query, employee, punches, planning))
        warnings = _atl(reader, context, query, computed) if query.atl_warnings else {}
        made: list[EmployeeDay] = []
        for employee, (days, _) in zip(fetched.group, computed, strict=True):
            atl = warnings.get(employee.id, {})
            first, last = query.date_from, query.date_to
            stated = with_states(
                days, employee.id, first, last, fetched.states, context.states, context.zone
            )
            nr = employee.employee_nr
            made.extend([EmployeeDay(nr, _with_atl(day, atl), attest) for day, attest in stated])
        return made


def _groups(
    employees: list[AttestEmployee],
) -> list[list[AttestEmployee]]:
    """The employees in groups read by one query each: 100, 150, 225, … up to 500."""
    groups, start, size = [], 0, min(EMPLOYEES_FIRST_READ, EMPLOYEES_PER_READ)
    while start < len(employees):
        groups.append(employees[start : start + size])
        start, size = start + size, min(EMPLOYEES_PER_READ, size * 3 // 2)
    return groups


def _employee_days(
    reader: attest_store.PunchReader,
    context: _Context,
    query: AttestQuery,
    employee: AttestEmployee,
    punches: list[domain.Punch],
    planning: EmployeePlanning | None,
) -> tuple[list[DayRow], _Watched | None]:
    """The employee's rows of the range, and what its Working Hours Act warnings need."""
    wide = replace(query, date_from=_reach(query))
    shifts = _settled_shifts(reader, context, wide, employee, punches)
    span = (query.date_from, query.date_to)
    settings, zone = context.settings, context.zone
    weekly, plans = weekly_minutes_or_plans(
        employee, planning, context.templates, span[0], span[1], zone, settings, context.plans
    )
    days = domain.day_rows(shifts, settings, zone, weekly, span, plans, context.now)
    split = settings.day_rule is DayRule.SPLIT_AT_MIDNIGHT
    with_rest_warnings(days, shifts, zone, context.daily_rest, split_at_midnight=split)
    if query.include_empty and employee.active:
        days = _with_empty_days(days, query, weekly, context, plans)
    terms = employee_terms(employee, planning) if context.rule_sets else ()
    if context.rule_sets:
        with_rule_codes(days, terms, context.rule_sets, zone, settings.holidays)
    if not query.atl_warnings:
        return days, None
    return days, _Watched(employee, planning, punches, shifts, days, terms)


def _reach(query: AttestQuery) -> date:
    """The first date of the read's punches: the range's, or two weeks before it for the
    rest of the ATL warnings (``REST_LOOK_BACK``)."""
    return query.date_from - REST_LOOK_BACK if query.atl_warnings else query.date_from


def _plan_reach(query: AttestQuery, context: _Context) -> date:
    """The first date of the read's plans: the sums' look-back's, where rules may need it."""
    if query.atl_warnings and context.rule_sets:
        return look_back_start(query.date_from)
    return _reach(query)


class _Watched(NamedTuple):
    """What an employee's ATL warnings are made of, once the group's rows are made."""

    employee: AttestEmployee
    planning: EmployeePlanning | None
    punches: list[domain.Punch]
    shifts: list[domain.Shift]
    days: list[DayRow]
    terms: Sequence[EmploymentTerm]


def _atl(
    reader: attest_store.PunchReader,
    context: _Context,
    query: AttestQuery,
    computed: Sequence[tuple[list[DayRow], _Watched | None]],
) -> dict[int, dict[date, list[AttestWarning]]]:
    """The ATL warnings of a group, by employee id and date.

    A sum is flagged only on a day with overtime or mertid of its own, so only the employees
    with some in the range need the days back to 1 January (or four weeks): their punches
    of those days are one more read, for all of them at once."""
    book = context.rule_sets
    watched = [w for _, w in computed if w is not None]
    own = {
        w.employee.id: [worked_day(r, _rules_of(book, w.terms, r)) for r in w.days] for w in watched
    }
    summed = [
        w
        for w in watched
        if any(d.overtime_seconds or d.mertid_seconds for d in own[w.employee.id])
    ]
    start = look_back_start(query.date_from)
    rest_start = _reach(query)
    earlier: dict[int, list[domain.Punch]] = {}
    # The main read began a margin day before the rest's two weeks.
    last_earlier = rest_start - timedelta(days=MARGIN_DAYS + 1)
    if summed and start <= last_earlier:
        dates = _dates(start, last_earlier, 0)
        earlier = reader.read(dates, [w.employee.id for w in summed])
    summed_ids = {w.employee.id for w in summed}
    return {
        w.employee.id: _atl_warnings(
            context,
            query,
            w,
            own[w.employee.id],
            earlier.get(w.employee.id, []) if w.employee.id in summed_ids else None,
            start if w.employee.id in summed_ids else rest_start,
        )
        for w in watched
    }


def _rules_of(book: RuleBook, terms: Sequence[EmploymentTerm], row: DayRow) -> RuleSet | None:
    term = term_on(terms, row.date) if book else None
    return book.on(term.time_agreement, row.date) if term is not None else None


def _atl_warnings(
    context: _Context,
    query: AttestQuery,
    watched: _Watched,
    own: list[WorkedDay],
    earlier_punches: list[domain.Punch] | None,
    start: date,
) -> dict[date, list[AttestWarning]]:
    """One employee's warnings: the days from ``start`` to the range are rated (from the
    range's shifts, or, with ``earlier_punches``, from those and the range's punches), then
    the watch runs over them and the range."""
    settings, zone, book = context.settings, context.zone, context.rule_sets
    shifts = watched.shifts
    if earlier_punches:
        punches = [*earlier_punches, *watched.punches]
        shifts = domain.shifts_of(punches, settings, zone, context.now)
    back = (start, query.date_from - timedelta(days=1))
    weekly, plans = weekly_minutes_or_plans(
        watched.employee,
        watched.planning,
        context.templates,
        back[0],
        back[1],
        zone,
        settings,
        context.plans,
    )
    earlier = [
        row
        for row in domain.day_rows(shifts, settings, zone, weekly, back, plans, context.now)
        if row.date < query.date_from
    ]
    if book:
        with_rule_codes(earlier, watched.terms, book, zone, settings.holidays)
    worked = [*(worked_day(row, _rules_of(book, watched.terms, row)) for row in earlier), *own]
    worked.sort(key=lambda day: day.date)
    # The next shift after the range (in the margin read), where the last week's rest ends.
    after = query.date_to + timedelta(days=1)
    following = [s for s in watched.shifts if s.first_date >= after and not s.ongoing]
    if following:
        worked.append(WorkedDay(after, 0, 0, ((following[0].start, following[0].end),)))
    return day_warnings(worked, query.date_from, query.date_to, context.limits)


def _with_atl(row: DayRow, atl: dict[date, list[AttestWarning]]) -> DayRow:
    """The row with its ATL warnings, added after the attest state so that a frozen row's
    stored document and digest never hold them (they follow the days around it). A daily
    rest the row already warns of (``ShortDailyRest``, per shift) is not said twice."""
    found = atl.get(row.date)
    if not found:
        return row
    if any(w.code is WarningCode.SHORT_DAILY_REST for w in row.warnings):
        found = [w for w in found if w.code is not WarningCode.DAILY_REST]
    return replace(row, warnings=[*row.warnings, *found])


def _settled_shifts(
    reader: attest_store.PunchReader,
    context: _Context,
    query: AttestQuery,
    employee: AttestEmployee,
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
    days: list[DayRow],
    query: AttestQuery,
    weekly_minutes: int | None,
    context: _Context,
    plans: dict[date, DayPlan] | None,
) -> list[DayRow]:
    """Every date of the range, a ``NoStamps`` row where nothing else made one (but not the
    dates outside the employment: nothing was expected there)."""
    by_date = {day.date: day for day in days}
    every = _dates(query.date_from, query.date_to, 0)
    settings, zone, now = context.settings, context.zone, context.now
    if plans is None:
        calendar = settings.holidays
        return [by_date.get(d) or domain.empty_day(d, weekly_minutes, calendar) for d in every]
    return [
        by_date.get(d)
        or domain.empty_day(d, None, settings.holidays, plans[d], settings.grace, zone, now)
        for d in every
        if d in by_date or plans[d].employed
    ]


def _dates(first: date, last: date, margin: int) -> list[date]:
    start = first - timedelta(days=margin)
    return [start + timedelta(days=i) for i in range((last - first).days + 1 + 2 * margin)]
