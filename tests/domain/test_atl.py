"""The Working Hours Act watch: overtime, mertid and rest limits over an employee's days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from stampla.domain.rules.atl import Limits, WorkedDay, watch

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
