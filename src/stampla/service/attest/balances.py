"""Comp-time and flex balances at the end of a date, recomputed from the day rows.

Nothing is stored: like the rows themselves, a balance is what the punches, the schedule
and the rules make of every day from the employee's start, so a late punch or a corrected
rule shows in the very next read. An employee's start is the hire date when it is known,
else the first day with a punch; from there the days are read in ranges the attest read
allows (``max_days``) up to the date asked for. The balances start at zero there, or, for an
employee with an opening balance (``opening``) dated on or before the date asked for, at
that balance on its date, the days before it not counted.

Each day counts by the terms and the rule set valid on it (``domain.rules.balances``): its
comp overtime banks the rule's factor, its comp-leave absence withdraws, and, for an
employee with flex time on that day, its difference goes to the flex balance.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from pydantic import Field

from stampla.domain.rules import RuleSet
from stampla.domain.rules.balances import BalanceDay, Balances, Opening, balances
from stampla.domain.rules.model import Quantity
from stampla.domain.rules.versions import rule_set_on
from stampla.domain.schedule import EmployeePlanning, EmploymentTerm, term_on
from stampla.store import attest as attest_store
from stampla.store import opening_balances as opening_store
from stampla.store import planning as planning_store
from stampla.store.engine import Store
from stampla.wire.base import OutputModel

from .day_rows import AttestQuery, attest_time
from .planned import employee_terms


class BalanceView(OutputModel):
    """An employee's balances at the end of ``date``, in seconds."""

    employee_nr: str
    date: date
    since: date | None = Field(
        description="The first day counted: the opening balance's date, else the hire date, "
        "else the first punched day; null: nothing to count yet."
    )
    comp_seconds: int = Field(
        description="Comp time (kompsaldo): banked overtime × factor, less comp leave."
    )
    flex_seconds: int | None = Field(
        description="Flex time (flexsaldo): the days' differences while on flex time; null "
        "when the employee has no flex time on the date."
    )


def balances_on(
    store: Store,
    company_id: int,
    day: date,
    employee_nrs: Sequence[str] | None,
    now: datetime,
    *,
    max_days: int,
    max_future: timedelta = timedelta(minutes=5),
) -> list[BalanceView]:
    """The balances of the employees named (all, when None) at the end of ``day``."""
    # The same check of the employees as a day-row read (unknown ones named, 400).
    attest_time(
        store,
        company_id,
        AttestQuery(day, day, employee_nrs, atl_warnings=False),
        now,
        max_days=max_days,
    )
    with store.read() as conn:
        employees = attest_store.attest_employees(
            conn, company_id, None if employee_nrs is None else set(employee_nrs)
        )
        ids = [employee.id for employee in employees]
        dated = planning_store.terms(conn, company_id, ids) if ids else {}
        first_punched = attest_store.first_punch_dates(conn, company_id, ids) if ids else {}
        rule_sets = planning_store.rule_sets(conn, company_id)
        openings = opening_store.read(conn, company_id, ids) if ids else {}
    # An opening balance dated on or before the day replaces the start: it holds the days
    # before it.
    opening = {
        employee.employee_nr: found
        for employee in employees
        if (found := openings.get(employee.id)) is not None and found.date <= day
    }
    since = {
        employee.employee_nr: (
            opening[employee.employee_nr].date
            if employee.employee_nr in opening
            else employee.hire_date or first_punched.get(employee.id)
        )
        for employee in employees
    }
    counted = [nr for nr, first in since.items() if first is not None and first <= day]
    rows = _rows(store, company_id, since, counted, day, now, max_days, max_future)
    views = []
    for employee in employees:
        own = EmployeePlanning(terms=tuple(dated.get(employee.id, ())))
        terms = employee_terms(employee, own)
        first = since[employee.employee_nr]
        found = _carried(
            rows.get(employee.employee_nr, []),
            terms,
            rule_sets,
            first,
            day,
            opening.get(employee.employee_nr),
        )
        on_day = term_on(terms, day)
        flex = on_day is not None and on_day.flex_time
        views.append(
            BalanceView(
                employee_nr=employee.employee_nr,
                date=day,
                since=first if first is not None and first <= day else None,
                comp_seconds=found.comp_seconds,
                flex_seconds=found.flex_seconds if flex else None,
            )
        )
    return views


def _rows(
    store: Store,
    company_id: int,
    since: dict[str, date | None],
    counted: list[str],
    day: date,
    now: datetime,
    max_days: int,
    max_future: timedelta,
) -> dict[str, list[BalanceDay]]:
    """Each counted employee's days from its start to ``day``, read ``max_days`` at a time."""
    found: dict[str, list[BalanceDay]] = {nr: [] for nr in counted}
    if not counted:
        return found
    start = min(since[nr] for nr in counted)  # type: ignore[type-var]
    while start <= day:
        stop = min(day, start + timedelta(days=max_days - 1))
        query = AttestQuery(start, stop, counted, include_empty=True, atl_warnings=False)
        for read in attest_time(
            store, company_id, query, now, max_days=max_days, max_future=max_future
        ):
            first = since[read.employee_nr]
            row = read.row
            if first is not None and row.date >= first:
                quantities = [Quantity(*q) for q in row.rule_codes]
                found[read.employee_nr].append(
                    BalanceDay(row.date, quantities, row.absence, row.difference_seconds)
                )
        start = stop + timedelta(days=1)
    return found


def _carried(
    days: list[BalanceDay],
    terms: Sequence[EmploymentTerm],
    rule_sets: Sequence[RuleSet],
    first: date | None,
    day: date,
    opening: Opening | None = None,
) -> Balances:
    """The balances after ``days``, each counted by the term and rule set of its date, from
    ``opening`` (or zero)."""
    carried = Balances(first or day, 0, 0)
    if opening is not None:
        carried = Balances(opening.date, opening.comp_seconds, opening.flex_seconds)
    for counted in days:
        term = term_on(terms, counted.date)
        rules = rule_set_on(rule_sets, term.time_agreement if term else None, counted.date)
        rule = rules.overtime if rules else None
        flex = term is not None and term.flex_time
        (carried,) = balances([counted], rule, flex=flex, opening=carried)
    return carried
