"""The Working Hours Act watch: overtime, mertid and rest limits over an employee's days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from stampla.domain.rules.atl import (
    ATL_WARNINGS,
    DAY_WARNINGS,
    Limits,
    WorkedDay,
    day_warnings,
    watch,
)

HOUR = 3600


def day(on: date, start: int = 8, stop: int = 17, overtime: int = 0, mertid: int = 0):
    """Work from ``start`` to ``stop`` o'clock (UTC, for simple arithmetic)."""
    begins = datetime(on.year, on.month, on.day, tzinfo=UTC) + timedelta(hours=start)
    ends = datetime(on.year, on.month, on.day, tzinfo=UTC) + timedelta(hours=stop)
    return WorkedDay(on, overtime * HOUR, mertid * HOUR, ((begins, ends),))


def codes(findings):
    return [(f.date, f.code) for f in findings]


def test_the_fifty_first_hour_of_overtime_in_a_month_is_flagged():
    days = [day(date(2025, 3, n), 7, 19, overtime=5) for n in range(3, 14)]  # 11 days x 5 h
    found = [f for f in watch(days) if f.code == "OvertimeMonth"]
    assert [f.date for f in found] == [date(2025, 3, 13)]  # 55 h: above 50 on the 11th day
    assert "55 h of general overtime in the calendar month" in found[0].message


def test_forty_nine_hours_in_four_weeks_is_flagged_and_forty_eight_is_not():
    base = date(2025, 2, 3)
    at_limit = [day(base + timedelta(days=n * 2), overtime=6) for n in range(8)]  # 48 h
    assert not [f for f in watch(at_limit) if f.code == "OvertimeFourWeeks"]
    over = [*at_limit, day(base + timedelta(days=20), overtime=1)]
    assert codes(f for f in watch(over) if f.code == "OvertimeFourWeeks") == [
        (base + timedelta(days=20), "OvertimeFourWeeks")
    ]


def test_extra_mertid_above_150_hours_a_year():
    days = [day(date(2025, 1, 1) + timedelta(days=n), mertid=2) for n in range(76)]
    found = [f for f in watch(days) if f.code == "MertidYear"]
    assert found and found[0].date == date(2025, 1, 1) + timedelta(days=75)  # 152 h


def test_less_than_eleven_hours_between_two_days_is_flagged():
    days = [day(date(2025, 6, 10), 8, 23), day(date(2025, 6, 11), 8, 17)]  # 9 h of rest
    assert codes(watch(days)) == [(date(2025, 6, 11), "DailyRest")]
    rested = [day(date(2025, 6, 10), 8, 21), day(date(2025, 6, 11), 8, 17)]  # 11 h
    assert watch(rested) == []


def test_a_week_without_36_hours_of_rest_is_flagged_on_its_sunday():
    monday = date(2025, 6, 9)
    # From the Sunday before to the Sunday of the week, 10 h of rest between days only.
    every_day = [day(monday + timedelta(days=n), 6, 20) for n in range(-1, 7)]
    following = [day(monday + timedelta(days=7 + n)) for n in range(2)]
    assert (monday + timedelta(days=6), "WeeklyRest") in codes(watch(every_day + following))
    weekend_off = [day(monday + timedelta(days=n)) for n in range(5)] + following
    assert "WeeklyRest" not in {f.code for f in watch(weekend_off)}


def test_the_limits_are_settings():
    days = [day(date(2025, 3, 3), overtime=3)]
    assert codes(watch(days, Limits(overtime_month_hours=2))) == [
        (date(2025, 3, 3), "OvertimeMonth")
    ]


# On the day rows: punches in (as the watch's days), warnings out, for a range read after a
# look-back (``day_warnings``).
FOUR, BOTH = ["OvertimeFourWeeks"], ["OvertimeFourWeeks", "OvertimeMonth"]
MARCH = [day(date(2025, 3, n), 7, 19, overtime=5) for n in range(3, 14)]  # 11 days x 5 h


@pytest.mark.parametrize(
    ("days", "first", "last", "expected"),
    [
        # 50 h in four weeks pass 48 on the 10th day; the 51st hour of the month falls on
        # the 11th day, 13 March.
        (
            MARCH,
            date(2025, 3, 1),
            date(2025, 3, 31),
            {date(2025, 3, 12): FOUR, date(2025, 3, 13): BOTH},
        ),
        # Only the last week asked for: the look-back still counts the days before it.
        (MARCH, date(2025, 3, 13), date(2025, 3, 16), {date(2025, 3, 13): BOTH}),
        # A range before the days passing the limits says nothing.
        (MARCH, date(2025, 3, 1), date(2025, 3, 11), {}),
        # 14:00–22:00 then 06:00–12:00: 8 h of rest, less than 11.
        (
            [day(date(2025, 6, 10), 14, 22), day(date(2025, 6, 11), 6, 12)],
            date(2025, 6, 11),
            date(2025, 6, 11),
            {date(2025, 6, 11): ["DailyRest"]},
        ),
        # 11 h exactly is enough: 08:00–19:00, then 06:00 the next day.
        (
            [day(date(2025, 6, 10), 8, 19), day(date(2025, 6, 11), 6, 12)],
            date(2025, 6, 11),
            date(2025, 6, 11),
            {},
        ),
        # Every day 08:00–16:00 from Sunday to Monday: the week of 9 June has no 36 h break.
        (
            [day(date(2025, 6, 8) + timedelta(days=n), 8, 16) for n in range(9)],
            date(2025, 6, 9),
            date(2025, 6, 15),
            {date(2025, 6, 15): ["WeeklyRest"]},
        ),
    ],
)
def test_day_warnings(days, first, last, expected):
    found = day_warnings(days, first, last)
    assert {on: [w.code.value for w in ws] for on, ws in found.items()} == expected


def test_a_day_warning_says_the_figure_and_the_limit():
    _, warning = day_warnings(MARCH, date(2025, 3, 13), date(2025, 3, 13))[date(2025, 3, 13)]
    assert warning.message == (
        "55 h of general overtime in the calendar month, limit 50 h (ATL § 8)"
    )
    assert warning.code in ATL_WARNINGS and warning.code.value in DAY_WARNINGS


def test_a_year_of_days_is_summed_in_one_pass():
    """The year's 200 h pass on the 40th day of 5 h (and the sums stay exact)."""
    year = [day(date(2025, 1, 1) + timedelta(days=n), 7, 19, overtime=5) for n in range(60)]
    found = [
        f for f in watch(year, Limits(overtime_four_weeks_hours=999, overtime_month_hours=999))
    ]
    assert [(f.date, f.code) for f in found if f.code == "OvertimeYear"][0] == (
        date(2025, 2, 10),
        "OvertimeYear",
    )
