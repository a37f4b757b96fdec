"""Attest time as the web pages show it: day rows grouped by employee, and one day in full.

The rows are exactly ``attest.attest_time``'s (the same rules, computed on read); this module
only adds what a person needs beside them: who each employee is, totals for the range, and,
for one day, the terminal each punch came from. A page has a row budget, so that a
company-wide range cannot build a page of hundreds of megabytes: it stops at the first
employee boundary past the budget and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import groupby

from stampla.domain.attest import DayRow, Punch, StampingStatus, empty_day
from stampla.domain.attest.rest import DAILY_REST
from stampla.domain.rules.atl import Limits
from stampla.domain.text import match_key
from stampla.store import attest as attest_store
from stampla.store.engine import Store

from .attest import AttestQuery, BalanceView, EmployeeDay, attest_time, balances_on
from .attest.locks import DayAttest

#: Statuses that need a person's attention (SoftOne GO marks them too).
PROBLEM_STATUSES = frozenset(
    {
        StampingStatus.FIRST_STAMP_IS_NOT_IN,
        StampingStatus.ODD_NUMBER_OF_STAMPS,
        StampingStatus.INVALID_SEQUENCE_OF_STAMPS,
        StampingStatus.INVALID_DOUBLE_STAMP,
    }
)


def is_problem(row: DayRow) -> bool:
    """A day to look at: a broken stamping sequence or any warning."""
    return row.status in PROBLEM_STATUSES or bool(row.warnings)


@dataclass(slots=True)
class Totals:
    """An employee's sums over the range; expected and difference stay None without hours."""

    days: int = 0
    problem_days: int = 0
    warnings: int = 0
    work_seconds: int = 0
    break_seconds: int = 0
    absence_seconds: int = 0
    outside_seconds: int = 0
    expected_seconds: int | None = None
    difference_seconds: int | None = None
    #: Seconds per time code, and per rule code (OB, overtime), in code order when shown.
    time_codes: dict[str, int] = field(default_factory=dict)
    rule_codes: dict[str, int] = field(default_factory=dict)

    def add(self, row: DayRow) -> None:
        self.days += 1
        self.problem_days += is_problem(row)
        self.warnings += len(row.warnings)
        self.work_seconds += row.work_seconds
        self.break_seconds += row.break_seconds
        self.absence_seconds += row.absence_seconds
        self.outside_seconds += row.work_outside_seconds or 0
        if row.expected_seconds is not None:
            self.expected_seconds = (self.expected_seconds or 0) + row.expected_seconds
        if row.difference_seconds is not None:
            self.difference_seconds = (self.difference_seconds or 0) + row.difference_seconds
        for code, seconds in row.time_codes:
            self.time_codes[code] = self.time_codes.get(code, 0) + seconds
        for code, seconds, _ in row.rule_codes:
            self.rule_codes[code] = self.rule_codes.get(code, 0) + seconds

    def merge(self, other: Totals) -> None:
        """Add another employee's totals (the grand total of a page)."""
        for name in ("days", "problem_days", "warnings", "work_seconds", "break_seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.absence_seconds += other.absence_seconds
        self.outside_seconds += other.outside_seconds
        for name in ("expected_seconds", "difference_seconds"):
            if getattr(other, name) is not None:
                setattr(self, name, (getattr(self, name) or 0) + getattr(other, name))
        for mine, theirs in (
            (self.time_codes, other.time_codes),
            (self.rule_codes, other.rule_codes),
        ):
            for code, seconds in theirs.items():
                mine[code] = mine.get(code, 0) + seconds


@dataclass(slots=True)
class EmployeeAttest:
    employee_nr: str
    name: str
    active: bool
    days: list[DayRow]
    totals: Totals = field(default_factory=Totals)
    #: Comp-time and flex balances at the end of the range (few employees shown only).
    balance: BalanceView | None = None
    #: Each shown day's attest state, by date (``attest.locks``).
    states: dict[date, DayAttest] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AttestOverview:
    employees: list[EmployeeAttest]
    truncated: bool
    max_rows: int
    #: Whether balances were read: for at most ``BALANCES_FOR`` employees, since each one's
    #: are recomputed from its first day.
    balances: bool = False

    def total(self) -> Totals:
        """The sums of every row shown, all employees together."""
        total = Totals()
        for employee in self.employees:
            total.merge(employee.totals)
        return total


@dataclass(frozen=True, slots=True)
class DetailPunch:
    punch: Punch
    time_terminal_id: int | None
    #: Made on a kiosk while the server did not answer, and sent later.
    offline: bool = False


@dataclass(frozen=True, slots=True)
class DayDetail:
    employee_nr: str
    name: str
    row: DayRow
    punches: list[DetailPunch]

    def by_id(self) -> dict[int, Punch]:
        """The day's punches by id, for the warnings that name them."""
        return {item.punch.id: item.punch for item in self.punches}


#: The most employees one page shows balances for.
BALANCES_FOR = 25


def attest_overview(
    store: Store,
    company_id: int,
    query: AttestQuery,
    now: datetime,
    *,
    max_days: int,
    max_future: timedelta,
    max_rows: int,
    daily_rest: timedelta = DAILY_REST,
    atl_limits: Limits | None = None,
    employee_keys: Collection[str] | None = None,
    keep: Callable[[EmployeeDay], bool] | None = None,
) -> AttestOverview:
    """Day rows by employee with totals; at most about ``max_rows`` rows (whole employees).

    ``employee_keys`` (match keys) limits the employees (a staff user's scope, a search),
    ``keep`` the day rows (the work list's filters); totals are those of the rows kept."""
    if employee_keys is not None and not employee_keys:
        return AttestOverview([], False, max_rows)
    days: Iterable[EmployeeDay] = attest_time(
        store,
        company_id,
        query,
        now,
        max_days=max_days,
        max_future=max_future,
        daily_rest=daily_rest,
        limits=atl_limits,
    )
    read = days
    if employee_keys is not None:
        wanted = set(employee_keys)
        days = (day for day in days if match_key(day.employee_nr) in wanted)
    if keep is not None:
        days = filter(keep, days)
    try:
        groups, truncated = _within_budget(days, max_rows)
    finally:
        read.close()  # type: ignore[attr-defined]  # a generator: ends its read at once
    with store.read() as conn:
        labels = attest_store.employee_labels(conn, company_id, [nr for nr, _ in groups])
    employees = [_employee(nr, found, labels.get(nr)) for nr, found in groups]
    with_balances = 0 < len(employees) <= BALANCES_FOR
    if with_balances:
        nrs = [employee.employee_nr for employee in employees]
        found = balances_on(
            store, company_id, query.date_to, nrs, now, max_days=max_days, max_future=max_future
        )
        by_nr = {balance.employee_nr: balance for balance in found}
        for employee in employees:
            employee.balance = by_nr.get(employee.employee_nr)
    return AttestOverview(employees, truncated, max_rows, with_balances)


def day_detail(
    store: Store,
    company_id: int,
    employee_nr: str,
    day: date,
    now: datetime,
    *,
    max_future: timedelta,
    daily_rest: timedelta = DAILY_REST,
    atl_limits: Limits | None = None,
) -> DayDetail:
    """One employee's day with everything behind it; InvalidInput for an unknown employee."""
    query = AttestQuery(day, day, [employee_nr], include_empty=True)
    read = attest_time(
        store,
        company_id,
        query,
        now,
        max_days=1,
        max_future=max_future,
        daily_rest=daily_rest,
        limits=atl_limits,
    )
    found = list(read)
    row = found[0].row if found else empty_day(day, None)
    with store.read() as conn:
        label = attest_store.employee_labels(conn, company_id, [employee_nr]).get(employee_nr)
        sources = attest_store.punch_sources(conn, company_id, [p.id for p in row.punches])
    punches = [
        DetailPunch(p, source.time_terminal_id, source.offline)
        if (source := sources.get(p.id))
        else DetailPunch(p, None)
        for p in row.punches
    ]
    # The register's spelling: the address may name the employee in another letter case.
    shown = label.employee_nr if label else employee_nr
    return DayDetail(shown, label.name if label else "", row, punches)


def _within_budget(
    days: Iterable[EmployeeDay], max_rows: int
) -> tuple[list[tuple[str, list[EmployeeDay]]], bool]:
    groups: list[tuple[str, list[EmployeeDay]]] = []
    count = 0
    for nr, employee_days in groupby(days, key=lambda day: day.employee_nr):
        if count >= max_rows:
            return groups, True
        found = list(employee_days)
        groups.append((nr, found))
        count += len(found)
    return groups, False


def _employee(
    nr: str, days: list[EmployeeDay], label: attest_store.EmployeeLabel | None
) -> EmployeeAttest:
    name, active = (label.name, label.active) if label else ("", True)
    rows = [day.row for day in days]
    states = {day.row.date: day.attest for day in days if day.attest is not None}
    employee = EmployeeAttest(nr, name, active, rows, states=states)
    for row in rows:
        employee.totals.add(row)
    return employee
