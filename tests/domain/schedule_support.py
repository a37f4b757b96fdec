"""Writing schedules as short text for the schedule cases.

A shift is ``"08:00-17:00"``, with breaks ``"08:00-17:00 /12:00-13:00"``; a week is seven
day texts, Monday first, a day's shifts separated by ``,`` and ``""`` a day off.
"""

from __future__ import annotations

from datetime import date, datetime, time

from stampla.domain.attest import DEFAULTS, AttestSettings, attest_days
from stampla.domain.schedule import (
    Assignment,
    BreakTemplate,
    EmployeePlanning,
    ScheduleTemplate,
    ShiftTemplate,
    plan_days,
)
from tests.domain.attest_support import LATER, STOCKHOLM

OFFICE = ("08:00-17:00 /12:00-13:00",) * 5 + ("", "")
NIGHTS = ("", "", "", "", "22:00-06:00", "", "")  # Friday nights


def clock(text: str) -> time:
    return datetime.strptime(text, "%H:%M").time()


def shift(text: str) -> ShiftTemplate:
    window, *pauses = text.split(" /")
    start, stop = window.split("-")
    breaks = tuple(BreakTemplate(*map(clock, pause.split("-"))) for pause in pauses)
    return ShiftTemplate(clock(start), clock(stop), breaks)


def week(days: tuple[str, ...]) -> tuple:
    return tuple(tuple(shift(s.strip()) for s in day.split(",") if s.strip()) for day in days)


def template(*weeks: tuple[str, ...], works_on_holidays: bool = False) -> ScheduleTemplate:
    return ScheduleTemplate(1, "T", tuple(week(w) for w in weeks), works_on_holidays)


def following(
    schedule: ScheduleTemplate, since: date = date(2025, 1, 1), **more
) -> tuple[EmployeePlanning, dict]:
    planning = EmployeePlanning(assignments=(Assignment(schedule.id, since),), **more)
    return planning, {schedule.id: schedule}


def plans(planning, templates, first: date, last: date, settings: AttestSettings = DEFAULTS):
    dates = [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]
    return plan_days(planning, templates, dates, STOCKHOLM, settings.day_rule, settings.holidays)


def rows(punches, planning, templates, first, last, settings=DEFAULTS, now=LATER):
    planned = plans(planning, templates, first, last, settings)
    found = attest_days(punches, settings, STOCKHOLM, now, None, planned)
    return [row for row in found if first <= row.date <= last]
