"""An employee's planned week, Monday to Sunday, as attest plans it.

Each date is planned by ``domain.schedule.plan_days`` with the company's time zone, day rule
and holiday calendar, from the same stored templates, assignments, overrides, terms and
absence as the attest read: what the week shows is what AttestTime compares punches with.
Beside each plan it names where it came from: the template and its rotation week, or the
override and its note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from stampla.domain.attest.plan import DayPlan, PlannedShift
from stampla.domain.attest.settings import DayRule
from stampla.domain.schedule import assignment_on, plan_days, rotation_week
from stampla.store import attest as attest_store
from stampla.store import planning as planning_store
from stampla.store.attest import AttestEmployee
from stampla.store.engine import Store

from ..attest.planned import with_own_terms
from ..attest.settings import stored_settings
from .common import employee_row
from .overrides import read_overrides

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class WeekDay:
    """One date of the week: its plan, and what planned it."""

    plan: DayPlan
    template: str | None = None  # the assignment's template, when one is followed
    rotation_week: int | None = None  # its week of the rotation (1-based)
    rotation_weeks: int | None = None
    overridden: bool = False
    note: str | None = None  # the override's
    holiday_off: bool = False  # off for the holiday: the template does not work on holidays

    @property
    def date(self) -> date:
        return self.plan.date

    @property
    def shifts(self) -> tuple[PlannedShift, ...]:
        return self.plan.shifts

    @property
    def day_off(self) -> bool:
        """Scheduled, with no shift: a day off (by the template, a holiday or an override)."""
        return self.plan.scheduled and not self.plan.shifts


@dataclass(frozen=True, slots=True)
class ScheduleWeek:
    employee_nr: str
    name: str
    monday: date
    days: list[WeekDay]
    zone: ZoneInfo
    day_rule: DayRule

    @property
    def expected_seconds(self) -> int | None:
        """The week's planned time (None when no date of it expects anything known)."""
        known = [day.plan.expected_seconds for day in self.days]
        return None if all(s is None for s in known) else sum(s or 0 for s in known)

    @property
    def scheduled(self) -> bool:
        """Whether every employed date of the week follows a schedule."""
        employed = [day for day in self.days if day.plan.employed]
        return bool(employed) and all(day.plan.scheduled for day in employed)

    @property
    def previous(self) -> date:
        return self.monday - timedelta(days=7)

    @property
    def next(self) -> date:
        return self.monday + timedelta(days=7)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def schedule_week(store: Store, company_id: int, employee_nr: str, day: date) -> ScheduleWeek:
    """The planned week that holds ``day``; NotFound for an unknown employee."""
    monday = monday_of(day)
    dates = [monday + timedelta(days=n) for n in range(7)]
    with store.read() as conn:
        row = employee_row(conn, company_id, employee_nr)
        employee = AttestEmployee(
            row.id, row.employee_nr, row.weekly_minutes, row.active, row.hire_date, row.end_date
        )
        zone = ZoneInfo(attest_store.company_time_zone(conn, company_id))
        settings = stored_settings(conn, company_id)
        templates = planning_store.templates(conn, company_id)
        # From the Sunday before: under EndDay and MostTime its night shift may end Monday.
        who = [(employee.id, employee.hire_date, employee.end_date)]
        found = planning_store.plannings(conn, company_id, who, monday - ONE_DAY, dates[-1])
        notes = {
            view.date: view.note
            for view in read_overrides(conn, company_id, row.employee_nr, dates[0], dates[-1])
        }
    planning = with_own_terms(employee, found[employee.id])
    plans = plan_days(planning, templates, dates, zone, settings.day_rule, settings.holidays)
    days = []
    for date_ in dates:
        assignment = assignment_on(planning.assignments, date_)
        template = templates.get(assignment.template_id) if assignment else None
        weeks = len(template.weeks) if template else None
        plan = plans[date_]
        overridden = date_ in notes
        days.append(
            WeekDay(
                plan,
                template.name if template else None,
                rotation_week(assignment, date_, weeks) if assignment and weeks else None,
                weeks,
                overridden,
                notes.get(date_),
                bool(template and plan.holiday and not template.works_on_holidays)
                and not overridden,
            )
        )
    name = f"{row.first_name} {row.last_name}"
    return ScheduleWeek(row.employee_nr, name, monday, days, zone, settings.day_rule)
