"""The value types of planning: templates, assignments, overrides, dated terms, absence.

All local: clock times of the company's zone and calendar dates. ``plan.py`` turns them into
instants, per date, when a day is planned.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple


class BreakTemplate(NamedTuple):
    """A scheduled break; a break that starts before its shift does is on the next day."""

    start: time
    stop: time


class ShiftTemplate(NamedTuple):
    """A shift of a template day. ``stop`` at or before ``start`` crosses midnight."""

    start: time
    stop: time
    breaks: tuple[BreakTemplate, ...] = ()
    account_nr: str | None = None
    time_code: str | None = None


#: A template day: its shifts (none: a day off).
TemplateDay = tuple[ShiftTemplate, ...]
#: A template week: Monday to Sunday.
TemplateWeek = tuple[TemplateDay, TemplateDay, TemplateDay, TemplateDay, TemplateDay,
                     TemplateDay, TemplateDay]  # fmt: skip


class ScheduleTemplate(NamedTuple):
    """A rotation of one or more weeks. ``works_on_holidays``: whether its shifts still apply
    on the holidays of the company's calendar (a shop open on Trettondedagen), or those days
    are off."""

    id: int
    name: str
    weeks: tuple[TemplateWeek, ...]
    works_on_holidays: bool = False


class Assignment(NamedTuple):
    """A template followed from ``valid_from`` (to ``valid_to``, inclusive, if set); the week
    that holds ``valid_from`` is week ``start_week`` (1-based) of the rotation."""

    template_id: int
    valid_from: date
    valid_to: date | None = None
    start_week: int = 1


class DayOverride(NamedTuple):
    """One date planned otherwise than its template says: other shifts, or none (day off)."""

    date: date
    shifts: TemplateDay = ()


class EmploymentTerm(NamedTuple):
    """The terms valid from a date until the next term's date."""

    valid_from: date
    weekly_minutes: int | None = None
    employment_rate: Decimal | None = None
    time_agreement: str | None = None
    employment_position: str | None = None
    overtime_compensation: str = "Money"  # what overtime becomes: Money or Comp
    flex_time: bool = False


class AbsenceExtent(StrEnum):
    FULL_DAY = "FullDay"
    PERCENT = "Percent"
    HOURS = "Hours"


class AbsenceRegistration(NamedTuple):
    """Absence HR registered: from ``first`` to ``last`` (inclusive), with an absence code.

    Full day: the whole expected time of each date. Percent: that share of it. Hours: the
    scheduled work between ``start`` and ``stop`` on each date (without a schedule, that
    time itself, up to the expected time).
    """

    id: int
    code: str
    first: date
    last: date
    extent: AbsenceExtent = AbsenceExtent.FULL_DAY
    percent: Decimal | None = None
    start: time | None = None
    stop: time | None = None


class EmployeePlanning(NamedTuple):
    """Everything that decides one employee's plans.

    ``terms`` sorted by ``valid_from``; ``hired``/``ended`` bound the employment (None: not
    known, so not bounded); assignments sorted by ``valid_from``.
    """

    hired: date | None = None
    ended: date | None = None
    terms: tuple[EmploymentTerm, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    overrides: tuple[DayOverride, ...] = ()
    absences: tuple[AbsenceRegistration, ...] = ()
