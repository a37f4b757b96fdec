"""Day rows against the schedule (docs/attest-rules.md, "Schedules"): punches and a schedule
in, expected time, work inside and outside the schedule, absence and deviations out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from stampla.domain.attest import DEFAULTS, DayRule, HolidayCalendar
from stampla.domain.schedule import (
    AbsenceExtent,
    AbsenceRegistration,
    DayOverride,
    EmployeePlanning,
    EmploymentTerm,
)
from tests.domain.attest_support import STOCKHOLM, hm, hours, timeline
from tests.domain.schedule_support import NIGHTS, OFFICE, following, rows, shift, template

THURSDAY = date(2025, 6, 12)
FRIDAY, SATURDAY = date(2025, 6, 13), date(2025, 6, 14)


def figures(row) -> dict:
    return {
        "expected": hours(row.expected_seconds),
        "work": hours(row.work_seconds),
        "inside": hours(row.work_inside_seconds),
        "outside": hours(row.work_outside_seconds),
        "absence": hours(row.absence_seconds),
        "difference": hours(row.difference_seconds),
        "warnings": [w.code.value for w in row.warnings],
    }


CASES = {
    "on time, the scheduled lunch taken out": (
        ["08:00 In", "17:00 Out"],
        dict(work="8:00", inside="8:00", outside="0:00", difference="0:00", warnings=[]),
    ),
    "10 min late": (
        ["08:10 In", "17:00 Out"],
        dict(work="7:50", inside="7:50", outside="0:00", difference="-0:10", warnings=["LateIn"]),
    ),
    "30 min early is outside the schedule": (
        ["07:30 In", "17:00 Out"],
        dict(work="8:30", inside="8:00", outside="0:30", difference="0:30", warnings=[]),
    ),
    "left an hour early": (
        ["08:00 In", "16:00 Out"],
        dict(work="7:00", inside="7:00", outside="0:00", difference="-1:00", warnings=["EarlyOut"]),
    ),
    "a punched break replaces the scheduled one": (
        ["08:00 In", "11:30 BreakOut", "12:00 BreakIn", "17:00 Out"],
        dict(work="8:30", inside="7:30", outside="1:00", difference="0:30", warnings=[]),
    ),
    "overtime in the evening": (
        ["08:00 In", "19:00 Out"],
        dict(work="10:00", inside="8:00", outside="2:00", difference="2:00", warnings=[]),
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_a_day_of_the_office_schedule(name: str) -> None:
    punches, expected = CASES[name]
    planning, templates = following(template(OFFICE))
    (row,) = rows(timeline(*punches), planning, templates, THURSDAY, THURSDAY)
    assert figures(row) == {"expected": "8:00", "absence": "0:00", **expected}


def test_the_taken_out_lunch_is_a_scheduled_break_span() -> None:
    planning, templates = following(template(OFFICE))
    (row,) = rows(timeline("08:10 In", "17:00 Out"), planning, templates, THURSDAY, THURSDAY)
    assert [(hm(s.start), hm(s.stop), s.kind.value) for s in row.spans] == [
        ("08:10", "12:00", "Work"),
        ("12:00", "13:00", "ScheduledBreak"),
        ("13:00", "17:00", "Work"),
    ]
    assert row.break_seconds == 3600
    (late,) = row.warnings
    assert late.message == "In at 2025-06-12 08:10 is 10 min after the start of shift 08:00–17:00"
    assert late.punch_ids == (1,)


def test_grace_forgives_a_little_lateness() -> None:
    planning, templates = following(template(OFFICE))
    settings = replace(DEFAULTS, grace=timedelta(minutes=10))
    punches = timeline("08:10 In", "16:49 Out")
    (row,) = rows(punches, planning, templates, THURSDAY, THURSDAY, settings)
    assert [w.code.value for w in row.warnings] == ["EarlyOut"]  # 11 min early: beyond grace


def test_no_punches_on_a_scheduled_day_is_a_no_show_row() -> None:
    planning, templates = following(template(OFFICE))
    (row,) = rows([], planning, templates, THURSDAY, THURSDAY)
    assert figures(row)["warnings"] == ["NoShow"]
    assert (row.status.value, row.expected_seconds, row.difference_seconds) == (
        "NoStamps",
        8 * 3600,
        -8 * 3600,
    )


def test_a_shift_that_has_not_ended_is_no_no_show_yet() -> None:
    planning, templates = following(template(OFFICE))
    noon = datetime(2025, 6, 12, 10, 0, tzinfo=STOCKHOLM)
    assert rows([], planning, templates, THURSDAY, THURSDAY, now=noon) == []
    ongoing = timeline("08:00 In")
    (row,) = rows(ongoing, planning, templates, THURSDAY, THURSDAY, now=noon)
    assert row.warnings == []  # not an early Out: the shift is still on


def test_work_on_a_day_off_is_unscheduled_and_all_outside() -> None:
    planning, templates = following(template(OFFICE))
    punches = timeline("10:00 In", "12:00 Out", day=SATURDAY)
    (row,) = rows(punches, planning, templates, SATURDAY, SATURDAY)
    assert figures(row) == {
        "expected": "0:00",
        "work": "2:00",
        "inside": "0:00",
        "outside": "2:00",
        "absence": "0:00",
        "difference": "2:00",
        "warnings": ["Unscheduled"],
    }


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (DayRule.START_DAY, {FRIDAY: "8:00"}),
        (DayRule.END_DAY, {SATURDAY: "8:00"}),
        (DayRule.MOST_TIME, {SATURDAY: "8:00"}),
        (DayRule.SPLIT_AT_MIDNIGHT, {FRIDAY: "2:00", SATURDAY: "6:00"}),
    ],
)
def test_a_night_shift_belongs_to_a_date_by_the_day_rule(rule, expected) -> None:
    planning, templates = following(template(NIGHTS))
    settings = replace(DEFAULTS, day_rule=rule)
    punches = timeline("22:00 In", "+1 06:00 Out", day=FRIDAY)
    found = rows(punches, planning, templates, FRIDAY, SATURDAY, settings)
    assert {row.date: hours(row.expected_seconds) for row in found} == expected
    assert all(row.work_inside_seconds == row.work_seconds for row in found)
    assert all(row.warnings == [] for row in found)


def test_a_night_shift_across_the_autumn_change_expects_nine_hours() -> None:
    planning, templates = following(template(("",) * 5 + ("22:00-06:00", "")))
    night = date(2025, 10, 25)  # Saturday; clocks go back at 03:00 on Sunday
    punches = timeline("22:00 In", "+1 06:00 Out", day=night)
    (row,) = rows(punches, planning, templates, night, night)
    assert (hours(row.expected_seconds), hours(row.work_inside_seconds)) == ("9:00", "9:00")


def test_half_a_day_sick_and_half_a_day_worked_is_no_difference() -> None:
    sick = AbsenceRegistration(1, "Sjuk", THURSDAY, THURSDAY, AbsenceExtent.PERCENT, Decimal(50))
    planning, templates = following(template(OFFICE), absences=(sick,))
    (row,) = rows(timeline("08:00 In", "12:00 Out"), planning, templates, THURSDAY, THURSDAY)
    assert (hours(row.work_seconds), hours(row.absence_seconds), row.difference_seconds) == (
        "4:00",
        "4:00",
        0,
    )
    assert row.absence == [("Sjuk", 4 * 3600)]
    assert row.warnings == []  # the absence explains the early Out


def test_absence_in_hours_takes_the_scheduled_work_between_them() -> None:
    vab = AbsenceRegistration(
        1, "VAB", THURSDAY, THURSDAY, AbsenceExtent.HOURS, start=time(11), stop=time(17)
    )
    planning, templates = following(template(OFFICE), absences=(vab,))
    (row,) = rows(timeline("08:00 In", "11:00 Out"), planning, templates, THURSDAY, THURSDAY)
    assert row.absence == [("VAB", 5 * 3600)]  # 11–17 minus the lunch hour
    assert row.difference_seconds == 0


def test_vacation_on_a_holiday_counts_no_absence() -> None:
    midsummer_eve = date(2025, 6, 20)
    leave = AbsenceRegistration(1, "Semester", date(2025, 6, 16), date(2025, 6, 20))
    planning, templates = following(template(OFFICE), absences=(leave,))
    settings = replace(DEFAULTS, holidays=HolidayCalendar.SWEDEN)
    found = rows([], planning, templates, date(2025, 6, 16), midsummer_eve, settings)
    by_date = {row.date: (row.expected_seconds, row.absence) for row in found}
    assert by_date[date(2025, 6, 19)] == (8 * 3600, [("Semester", 8 * 3600)])
    assert midsummer_eve not in by_date  # nothing expected, nothing absent: no row


def test_a_day_before_the_hire_date_has_no_row_unless_punched_and_then_unscheduled() -> None:
    planning, templates = following(template(OFFICE))
    planning = planning._replace(hired=FRIDAY)
    assert rows([], planning, templates, THURSDAY, THURSDAY) == []
    (row,) = rows(timeline("08:00 In", "12:00 Out"), planning, templates, THURSDAY, THURSDAY)
    assert figures(row)["warnings"] == ["Unscheduled"]
    assert (row.expected_seconds, row.work_outside_seconds) == (0, 4 * 3600)
    assert "outside the employment" in row.warnings[0].message


def test_an_override_swaps_a_shift_and_a_day_off() -> None:
    planning, templates = following(template(OFFICE))
    swapped = DayOverride(THURSDAY, (shift("12:00-20:00"),))
    off = DayOverride(FRIDAY, ())
    planning = planning._replace(overrides=(swapped, off))
    found = rows(timeline("12:00 In", "20:00 Out"), planning, templates, THURSDAY, FRIDAY)
    assert [(row.date, hours(row.expected_seconds), row.warnings) for row in found] == [
        (THURSDAY, "8:00", [])
    ]


def test_a_rotation_alternates_its_weeks_from_the_start_week() -> None:
    two_weeks = template(OFFICE, ("",) * 7)
    planning, templates = following(two_weeks, since=date(2025, 6, 2))  # a Monday, week 1
    found = rows([], planning, templates, date(2025, 6, 2), date(2025, 6, 15))
    assert {row.date.isocalendar().week for row in found} == {23}  # NoShows in week 1 only
    later = planning._replace(assignments=(planning.assignments[0]._replace(start_week=2),))
    found = rows([], later, templates, date(2025, 6, 2), date(2025, 6, 15))
    assert {row.date.isocalendar().week for row in found} == {24}


def test_without_a_schedule_the_dated_term_gives_the_weekly_rule() -> None:
    terms = (
        EmploymentTerm(date(2025, 1, 1), weekly_minutes=20 * 60),
        EmploymentTerm(FRIDAY, weekly_minutes=40 * 60),
    )
    planning = EmployeePlanning(terms=terms)
    found = rows(timeline("08:00 In", "12:00 Out"), planning, {}, THURSDAY, THURSDAY)
    (row,) = found
    assert (hours(row.expected_seconds), row.work_inside_seconds, row.warnings) == (
        "4:00",
        None,
        [],
    )
    friday = rows(timeline("08:00 In", "12:00 Out", day=FRIDAY), planning, {}, FRIDAY, FRIDAY)
    assert hours(friday[0].expected_seconds) == "8:00"
