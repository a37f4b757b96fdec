"""The Working Hours Act report: which days of a period pass a limit of arbetstidslagen.

The limits run over four weeks, the calendar month and the calendar year, so the days are
read from whichever of 1 January and four weeks before the period begins comes first; only
findings inside the period are reported. A day's general overtime is what the rules of its
rule set produced as overtime (any of the four overtime codes), its extra mertid what they
produced as mertid (``domain.rules.atl``); rest is judged on the work spans themselves, so
an employee without rules is still watched for daily and weekly rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from stampla.domain.attest import DayRow
from stampla.domain.rules import RuleSet
from stampla.domain.rules.atl import DEFAULT_LIMITS, Limits, WorkedDay, watch, worked_day
from stampla.domain.rules.versions import rule_set_on
from stampla.domain.schedule import EmployeePlanning, EmploymentTerm, term_on
from stampla.store import attest as attest_store
from stampla.store import planning as planning_store
from stampla.store.engine import Store
from stampla.wire.base import OutputModel

from ..date_range import check_range
from .day_rows import AttestQuery, attest_time
from .planned import employee_terms


class AtlRow(OutputModel):
    """A limit an employee's day passes."""

    employee_nr: str
    date: date
    code: str
    message: str


def atl_report(
    store: Store,
    company_id: int,
    first: date,
    last: date,
    employee_nrs: Sequence[str] | None,
    now: datetime,
    *,
    max_days: int,
    limits: Limits = DEFAULT_LIMITS,
) -> list[AtlRow]:
    """The findings of ``first``..``last``, by employee and date."""
    check_range(first, last, max_days)
    start = min(first.replace(month=1, day=1), first - timedelta(days=27))
    with store.read() as conn:
        employees = attest_store.attest_employees(
            conn, company_id, None if employee_nrs is None else set(employee_nrs)
        )
        ids = [employee.id for employee in employees]
        dated = planning_store.terms(conn, company_id, ids) if ids else {}
        rule_sets = planning_store.rule_sets(conn, company_id)
    terms = {
        employee.employee_nr: employee_terms(
            employee, EmployeePlanning(terms=tuple(dated.get(employee.id, ())))
        )
        for employee in employees
    }
    worked: dict[str, list[WorkedDay]] = {nr: [] for nr in terms}
    day = start
    while day <= last:
        stop = min(last, day + timedelta(days=max_days - 1))
        query = AttestQuery(day, stop, employee_nrs, include_empty=True, atl_warnings=False)
        for read in attest_time(store, company_id, query, now, max_days=max_days):
            nr = read.employee_nr
            worked[nr].append(_worked(read.row, terms[nr], rule_sets))
        day = stop + timedelta(days=1)
    return [
        AtlRow(employee_nr=nr, date=finding.date, code=finding.code, message=finding.message)
        for nr, days in worked.items()
        for finding in watch(days, limits)
        if first <= finding.date <= last
    ]


def _worked(
    row: DayRow, terms: Sequence[EmploymentTerm], rule_sets: Sequence[RuleSet]
) -> WorkedDay:
    term = term_on(terms, row.date)
    return worked_day(row, rule_set_on(rule_sets, term.time_agreement if term else None, row.date))
