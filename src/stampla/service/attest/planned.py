"""Which plan each employee's day rows are computed against.

Most employees of most reads have one employment term for the whole range and no schedule,
override, absence or employment bound inside it: their rows use the weekly-hours rule of
that term directly, as they did before plans existed, at no extra cost. Everyone else gets a
plan per date (``domain.schedule.plan_days``).
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from stampla.domain.attest import AttestSettings
from stampla.domain.attest.plan import DayPlan
from stampla.domain.schedule import (
    EmployeePlanning,
    EmploymentTerm,
    ScheduleTemplate,
    plan_days,
    term_on,
)
from stampla.store.attest import AttestEmployee


def weekly_minutes_or_plans(
    employee: AttestEmployee,
    planning: EmployeePlanning | None,
    templates: dict[int, ScheduleTemplate],
    first: date,
    last: date,
    zone: ZoneInfo,
    settings: AttestSettings,
    cache: dict[EmployeePlanning, dict[date, DayPlan]] | None = None,
) -> tuple[int | None, dict[date, DayPlan] | None]:
    """The weekly minutes of the one term that covers ``first``..``last`` (and no plans),
    or the plans of its dates when anything else decides them.

    ``cache`` (one per read: the range, zone and settings are the read's) keeps the plans of
    each distinct planning: employees on one template with the same terms and no absence of
    their own are planned once for all of them.
    """
    if planning is None:
        return employee.weekly_minutes, None
    planning = with_own_terms(employee, planning)
    if _plain(planning, first, last):
        term = term_on(planning.terms, first)
        return (term.weekly_minutes if term else None), None
    if cache is not None and (plans := cache.get(planning)) is not None:
        return None, plans
    dates = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    plans = plan_days(planning, templates, dates, zone, settings.day_rule, settings.holidays)
    if cache is not None:
        cache[planning] = plans
    return None, plans


def with_own_terms(employee: AttestEmployee, planning: EmployeePlanning) -> EmployeePlanning:
    """``planning``; without dated terms, the employee's own fields are its only term, since
    always."""
    if planning.terms:
        return planning
    return planning._replace(terms=employee_terms(employee, None))


def employee_terms(
    employee: AttestEmployee, planning: EmployeePlanning | None
) -> tuple[EmploymentTerm, ...]:
    """The employee's dated terms; without any stored, its own fields, since always."""
    if planning is not None and planning.terms:
        return planning.terms
    return (
        EmploymentTerm(
            date.min, weekly_minutes=employee.weekly_minutes, time_agreement=employee.time_agreement
        ),
    )


def _plain(planning: EmployeePlanning, first: date, last: date) -> bool:
    if planning.assignments or planning.overrides or planning.absences:
        return False
    if planning.hired is not None and planning.hired > first:
        return False
    if planning.ended is not None and planning.ended < last:
        return False
    return not any(first < term.valid_from <= last for term in planning.terms)
