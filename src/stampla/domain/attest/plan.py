"""What a day was planned to be: its scheduled shifts, its expected time, its registered absence.

Attest compares the punches of a day with its plan. The plan is made elsewhere
(``domain.schedule``: templates, assignments, overrides, dated terms and absence
registrations) and comes in as plain values, so that the comparison is tested with plain
tables too. ``weekly_plan`` is the plan of an employee without a schedule: weekly working
hours spread over Monday to Friday.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from .holidays import HolidayCalendar, holiday
from .model import SECOND


class PlannedBreak(NamedTuple):
    """A scheduled break, as instants inside its shift."""

    start: datetime
    stop: datetime


class PlannedShift(NamedTuple):
    """A scheduled shift (or, under SplitAtMidnight, the part of one on a date).

    ``label`` is how messages name it, in local time: ``08:00–17:00``.
    """

    start: datetime
    stop: datetime
    breaks: tuple[PlannedBreak, ...] = ()
    account_nr: str | None = None
    time_code: str | None = None
    label: str = ""

    def work(self) -> list[tuple[datetime, datetime]]:
        """The shift's scheduled working time: [start, stop) without its breaks."""
        parts, cursor = [], self.start
        for pause in sorted(self.breaks):
            if pause.start > cursor:
                parts.append((cursor, min(pause.start, self.stop)))
            cursor = max(cursor, pause.stop)
        if cursor < self.stop:
            parts.append((cursor, self.stop))
        return parts

    @property
    def seconds(self) -> int:
        """Scheduled work, in real elapsed seconds (a DST night is an hour shorter or longer)."""
        return sum((stop - start) // SECOND for start, stop in self.work())


@lru_cache(maxsize=16_384)
def scheduled_work(shifts: tuple[PlannedShift, ...]) -> tuple[tuple[datetime, datetime], ...]:
    """The shifts' working time as disjoint intervals, in order: shifts that overlap (a
    night shift running into an early one) are counted once.

    Cached: employees on one template share their planned shifts (``schedule.materialize``
    makes each date's once), and every day row asks for them.
    """
    merged: list[tuple[datetime, datetime]] = []
    for start, stop in sorted(part for shift in shifts for part in shift.work()):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return tuple(merged)


def scheduled_seconds(shifts: tuple[PlannedShift, ...]) -> int:
    """Real elapsed seconds of the shifts' working time, overlaps counted once."""
    return sum((stop - start) // SECOND for start, stop in scheduled_work(shifts))


class PlannedAbsence(NamedTuple):
    """Registered absence on a date: its absence time code and how much of the day it takes."""

    code: str
    seconds: int


class DayPlan(NamedTuple):
    """The plan of one employee's date.

    ``scheduled``: the employee follows a schedule on this date, so ``shifts`` is what was
    planned (none: a day off), and work is compared with it. Otherwise expected time comes
    from weekly hours and there is nothing to compare with.
    ``employed``: the date lies within the employment (hire date to end date).
    ``expected_seconds``: None when nothing is known (no schedule and no weekly hours).
    """

    date: date
    expected_seconds: int | None
    scheduled: bool = False
    shifts: tuple[PlannedShift, ...] = ()
    absences: tuple[PlannedAbsence, ...] = ()
    employed: bool = True
    holiday: str | None = None

    @property
    def absence_seconds(self) -> int:
        return sum(absence.seconds for absence in self.absences)


def weekly_expected(
    day: date, weekly_minutes: int | None, holiday_name: str | None = None
) -> int | None:
    """Weekly minutes / 5 on a weekday (in seconds: minutes * 60 / 5); 0 on weekends and
    holidays; None without weekly hours."""
    if weekly_minutes is None:
        return None
    return weekly_minutes * 12 if day.weekday() < 5 and holiday_name is None else 0


def weekly_plan(
    day: date, weekly_minutes: int | None, calendar: HolidayCalendar = HolidayCalendar.NONE
) -> DayPlan:
    """The plan of an employee without a schedule: the weekly-hours rule."""
    name = holiday(calendar, day)
    return DayPlan(day, weekly_expected(day, weekly_minutes, name), holiday=name)
