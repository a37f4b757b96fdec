"""Schedules: what each employee was planned to work, day by day (pure; no I/O).

Templates (a rotation of weeks of shifts) assigned to employees with validity periods,
single-date overrides, dated employment terms and absence registrations go in; one
``attest.plan.DayPlan`` per date comes out, which day rows are computed against. The rules
are in ``plan.py`` and docs/attest-rules.md.
"""

from .model import (
    AbsenceExtent,
    AbsenceRegistration,
    Assignment,
    BreakTemplate,
    DayOverride,
    EmployeePlanning,
    EmploymentTerm,
    ScheduleTemplate,
    ShiftTemplate,
)
from .plan import assignment_on, plan_days, rotation_week, term_on

__all__ = [
    "AbsenceExtent",
    "AbsenceRegistration",
    "Assignment",
    "BreakTemplate",
    "DayOverride",
    "EmployeePlanning",
    "EmploymentTerm",
    "ScheduleTemplate",
    "ShiftTemplate",
    "assignment_on",
    "plan_days",
    "rotation_week",
    "term_on",
]
