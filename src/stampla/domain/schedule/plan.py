"""Planning a date: which shifts, how much expected time, how much registered absence.

The rules (docs/attest-rules.md, "Schedules"):

1. **Employment.** Outside hire date .. end date nothing is planned nor expected (0), and
   punched time there is work outside the schedule.
2. **Terms are dated.** Each date uses the employment term valid on it, so a term dated
   after a date never changes that date.
3. **Schedule.** A date under an assignment takes the shifts of its template's day: rotation
   week ``(start_week - 1 + weeks since the assignment began) mod weeks``, then the weekday.
   An override replaces them for its date. On a holiday of the company's calendar a template
   that does not work on holidays has no shifts. A date under no assignment and no override
   follows the weekly-hours rule of its term (``attest.plan.weekly_plan``).
4. **Which date a shift belongs to** follows the company's day rule, as punched shifts do:
   StartDay (the date it is scheduled on), EndDay (the date it ends), MostTime (the date
   with most of its work), SplitAtMidnight (each part on its own date).
5. **Expected time** of a scheduled date is the scheduled work (shifts minus breaks, in real
   elapsed time) of the shifts that belong to it.
6. **Absence** takes the whole expected time (full day), a share of it (percent), or the
   scheduled work between two clock times (hours); without a schedule, hours take that time
   itself, up to the expected time. All absences of a date together take at most its
   expected time, so vacation on a holiday takes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from stampla.domain.attest.holidays import HolidayCalendar, holiday
from stampla.domain.attest.model import SECOND
from stampla.domain.attest.plan import (
    DayPlan,
    PlannedAbsence,
    PlannedBreak,
    PlannedShift,
    scheduled_seconds,
    scheduled_work,
    weekly_expected,
)
from stampla.domain.attest.settings import DayRule
from stampla.domain.localtime import local_date, resolve_timestamp

from .model import (
    AbsenceExtent,
    AbsenceRegistration,
    Assignment,
    EmployeePlanning,
    EmploymentTerm,
    ScheduleTemplate,
    ShiftTemplate,
    TemplateDay,
)

ONE_DAY = timedelta(days=1)


def plan_days(
    planning: EmployeePlanning,
    templates: Mapping[int, ScheduleTemplate],
    dates: Sequence[date],
    zone: ZoneInfo,
    rule: DayRule = DayRule.START_DAY,
    calendar: HolidayCalendar = HolidayCalendar.NONE,
) -> dict[date, DayPlan]:
    """The plan of each of ``dates`` for one employee."""
    planner = _Planner(planning, templates, zone, rule, calendar)
    return {day: planner.plan(day) for day in dates}


def term_on(terms: Sequence[EmploymentTerm], day: date) -> EmploymentTerm | None:
    """The term valid on ``day``: the last one dated on or before it."""
    found = None
    for term in terms:
        if term.valid_from > day:
            break
        found = term
    return found


class _Planner:
    def __init__(
        self,
        planning: EmployeePlanning,
        templates: Mapping[int, ScheduleTemplate],
        zone: ZoneInfo,
        rule: DayRule,
        calendar: HolidayCalendar,
    ) -> None:
        self.planning = planning
        self.templates = templates
        self.zone = zone
        self.rule = rule
        self.calendar = calendar
        self.overrides = {override.date: override.shifts for override in planning.overrides}
        self._raw: dict[date, tuple[PlannedShift, ...] | None] = {}

    def plan(self, day: date) -> DayPlan:
        name = holiday(self.calendar, day)
        if not self._employed(day):
            return DayPlan(day, 0, employed=False, holiday=name)
        shifts = self._belonging(day)
        if self.raw(day) is None and not shifts:
            term = term_on(self.planning.terms, day)
            expected = weekly_expected(day, term.weekly_minutes if term else None, name)
            return DayPlan(day, expected, absences=self._absences(day, expected, ()), holiday=name)
        expected = scheduled_seconds(shifts)
        absences = self._absences(day, expected, shifts)
        return DayPlan(day, expected, True, shifts, absences, holiday=name)

    def _employed(self, day: date) -> bool:
        hired, ended = self.planning.hired, self.planning.ended
        return (hired is None or day >= hired) and (ended is None or day <= ended)

    def raw(self, day: date) -> tuple[PlannedShift, ...] | None:
        """The shifts scheduled on ``day`` (by template or override); None: no schedule."""
        if day not in self._raw:
            self._raw[day] = self._scheduled_on(day)
        return self._raw[day]

    def _scheduled_on(self, day: date) -> tuple[PlannedShift, ...] | None:
        if not self._employed(day):
            return None
        if day in self.overrides:
            return materialize(self.overrides[day], day, self.zone)
        assignment = assignment_on(self.planning.assignments, day)
        if assignment is None:
            return None
        template = self.templates[assignment.template_id]
        if not template.works_on_holidays and holiday(self.calendar, day):
            return ()
        return materialize(template_day(template, assignment, day), day, self.zone)

    def _belonging(self, day: date) -> tuple[PlannedShift, ...]:
        """The scheduled shifts (or parts) that belong to ``day`` by the day rule."""
        if self.rule is DayRule.START_DAY:
            return self.raw(day) or ()
        found: list[PlannedShift] = []
        for scheduled_on in (day - ONE_DAY, day):
            for shift in self.raw(scheduled_on) or ():
                found.extend(part for on, part in self._placed(shift, scheduled_on) if on == day)
        return tuple(found)

    def _placed(self, shift: PlannedShift, scheduled_on: date) -> list[tuple[date, PlannedShift]]:
        zone = self.zone
        if self.rule is DayRule.END_DAY:
            return [(local_date(shift.stop, zone), shift)]
        parts = split_at_midnight(shift, zone)
        if self.rule is DayRule.SPLIT_AT_MIDNIGHT:
            return parts
        if len(parts) == 1:
            return [(parts[0][0], shift)]
        most = max(sorted(parts), key=lambda placed: placed[1].seconds)  # MostTime
        return [(most[0], shift)]

    def _absences(
        self, day: date, expected: int | None, shifts: Sequence[PlannedShift]
    ) -> tuple[PlannedAbsence, ...]:
        left = expected
        found: list[PlannedAbsence] = []
        for registration in self.planning.absences:
            if not registration.first <= day <= registration.last:
                continue
            seconds = _absence_seconds(registration, day, expected, shifts, self.zone)
            if left is not None:
                seconds = min(seconds, left)
                left -= seconds
            if seconds > 0:
                found.append(PlannedAbsence(registration.code, seconds))
        return tuple(found)


def assignment_on(assignments: Sequence[Assignment], day: date) -> Assignment | None:
    """The assignment ``day`` follows (assignments sorted by ``valid_from``), if any."""
    found = None
    for assignment in assignments:
        if assignment.valid_from > day:
            break
        if assignment.valid_to is None or day <= assignment.valid_to:
            found = assignment
    return found


def template_day(template: ScheduleTemplate, assignment: Assignment, day: date) -> TemplateDay:
    """The template's shifts for ``day``: its rotation week, then its weekday."""
    week = template.weeks[rotation_week(assignment, day, len(template.weeks)) - 1]
    return week[day.weekday()]


def rotation_week(assignment: Assignment, day: date, weeks: int) -> int:
    """Which week of a rotation of ``weeks`` weeks ``day`` is in (1-based): the week that
    holds the assignment's first date is its start week."""
    first_monday = assignment.valid_from - timedelta(days=assignment.valid_from.weekday())
    weeks_since = (day - first_monday).days // 7
    return (assignment.start_week - 1 + weeks_since) % weeks + 1


@lru_cache(maxsize=65_536)
def materialize(shifts: TemplateDay, day: date, zone: ZoneInfo) -> tuple[PlannedShift, ...]:
    """A template day's shifts on ``day`` as instants (UTC), with the DST rule of TimeStamps.

    Cached: the employees of a company share a handful of templates, and a read of a month
    plans the same few template days on the same dates thousands of times.
    """
    return tuple(_shift(template, day, zone) for template in shifts)


def _shift(template: ShiftTemplate, day: date, zone: ZoneInfo) -> PlannedShift:
    start = _instant(day, template.start, zone)
    stop_day = day + ONE_DAY if template.stop <= template.start else day
    stop = _instant(stop_day, template.stop, zone)
    breaks = []
    for pause in template.breaks:
        on = day + ONE_DAY if pause.start < template.start else day
        pause_stop_day = on + ONE_DAY if pause.stop <= pause.start else on
        breaks.append(
            PlannedBreak(
                _instant(on, pause.start, zone), _instant(pause_stop_day, pause.stop, zone)
            )
        )
    label = f"{template.start:%H:%M}–{template.stop:%H:%M}"
    return PlannedShift(start, stop, tuple(breaks), template.account_nr, template.time_code, label)


def _instant(day: date, clock: time, zone: ZoneInfo) -> datetime:
    return resolve_timestamp(datetime.combine(day, clock), zone).instant


def split_at_midnight(shift: PlannedShift, zone: ZoneInfo) -> list[tuple[date, PlannedShift]]:
    """The parts of a shift on each local date it touches (a stop at midnight touches none)."""
    first, last = local_date(shift.start, zone), local_date(shift.stop - SECOND, zone)
    if first == last:
        return [(first, shift)]
    parts = []
    day, cursor = first, shift.start
    while cursor < shift.stop:
        midnight = _instant(day + ONE_DAY, time(0), zone)
        stop = min(midnight, shift.stop)
        breaks = tuple(
            PlannedBreak(max(b.start, cursor), min(b.stop, stop))
            for b in shift.breaks
            if b.start < stop and b.stop > cursor
        )
        parts.append((day, shift._replace(start=cursor, stop=stop, breaks=breaks)))
        day, cursor = day + ONE_DAY, stop
    return parts


def _absence_seconds(
    registration: AbsenceRegistration,
    day: date,
    expected: int | None,
    shifts: Sequence[PlannedShift],
    zone: ZoneInfo,
) -> int:
    if registration.extent is AbsenceExtent.FULL_DAY:
        return expected or 0
    if registration.extent is AbsenceExtent.PERCENT:
        share = Decimal(expected or 0) * (registration.percent or Decimal(0)) / 100
        return int(share.quantize(Decimal(1), ROUND_HALF_UP))
    assert registration.start is not None and registration.stop is not None
    start = _instant(day, registration.start, zone)
    stop_day = day + ONE_DAY if registration.stop <= registration.start else day
    stop = _instant(stop_day, registration.stop, zone)
    if not shifts:
        length = (stop - start) // SECOND
        return length if expected is None else min(length, expected)
    return sum(
        max(0, (min(stop, part_stop) - max(start, part_start)) // SECOND)
        for part_start, part_stop in scheduled_work(shifts)
    )
