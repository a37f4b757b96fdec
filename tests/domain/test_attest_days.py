"""Day assignment: the four rules on the same night shift, and expected time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from stampla.domain.attest import (
    DEFAULTS,
    DayRule,
    attest_days,
    empty_day,
    expected_seconds,
)
from tests.domain.attest_support import LATER, STOCKHOLM, hours, summary, timeline

#: 2 h before midnight, 6 h 30 min of work after it, with a break at 02:00.
NIGHT = timeline("22:00 In", "+1 02:00 BreakOut", "+1 02:30 BreakIn", "+1 07:00 Out")
WHOLE = ["22:00-02:00 Work", "02:00-02:30 Break", "02:30-07:00 Work"]


def rows_under(rule, punches=NIGHT):
    settings = replace(DEFAULTS, day_rule=rule)
    return [
        (s["date"], s["spans"], s["work"])
        for s in map(summary, attest_days(punches, settings, STOCKHOLM, LATER))
    ]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (DayRule.START_DAY, [("2025-06-12", WHOLE, "8:30")]),
        (DayRule.END_DAY, [("2025-06-13", WHOLE, "8:30")]),
        (DayRule.MOST_TIME, [("2025-06-13", WHOLE, "8:30")]),
        (
            DayRule.SPLIT_AT_MIDNIGHT,
            [
                ("2025-06-12", ["22:00-00:00 Work"], "2:00"),
                (
                    "2025-06-13",
                    ["00:00-02:00 Work", "02:00-02:30 Break", "02:30-07:00 Work"],
                    "6:30",
                ),
            ],
        ),
    ],
)
def test_the_four_rules_on_one_night_shift(rule, expected):
    assert rows_under(rule) == expected


def test_most_time_keeps_a_shift_that_is_mostly_before_midnight_on_its_first_day():
    evening = timeline("19:00 In", "+1 01:00 Out")
    assert rows_under(DayRule.MOST_TIME, evening) == [("2025-06-12", ["19:00-01:00 Work"], "6:00")]


def test_most_time_takes_the_earlier_day_on_a_tie():
    even = timeline("21:00 In", "+1 03:00 Out")
    assert rows_under(DayRule.MOST_TIME, even)[0][0] == "2025-06-12"


def test_split_shows_the_shift_punches_and_status_on_both_days():
    settings = replace(DEFAULTS, day_rule=DayRule.SPLIT_AT_MIDNIGHT)
    first, second = attest_days(NIGHT, settings, STOCKHOLM, LATER)
    assert [p.id for p in first.punches] == [p.id for p in second.punches] == [1, 2, 3, 4]
    assert first.status == second.status == "Complete"
    assert first.work_seconds + second.work_seconds == 8 * 3600 + 1800


def test_split_cuts_at_local_midnight_on_a_dst_night():
    settings = replace(DEFAULTS, day_rule=DayRule.SPLIT_AT_MIDNIGHT)
    punches = timeline("2025-10-25 22:00 In", "2025-10-26 06:00 Out")
    first, second = attest_days(punches, settings, STOCKHOLM, LATER)
    assert (first.date, hours(first.work_seconds)) == (date(2025, 10, 25), "2:00")
    assert (second.date, hours(second.work_seconds)) == (date(2025, 10, 26), "7:00")


def test_a_day_shift_is_on_its_day_under_every_rule():
    day = timeline("08:00 In", "16:00 Out")
    for rule in DayRule:
        assert rows_under(rule, day) == [("2025-06-12", ["08:00-16:00 Work"], "8:00")]


def test_a_longer_gap_setting_joins_sessions_into_one_shift():
    punches = timeline("20:00 In", "23:00 Out", "+1 03:00 In", "+1 07:00 Out")
    settings = replace(DEFAULTS, gap=DEFAULTS.gap * 2)
    (day,) = attest_days(punches, settings, STOCKHOLM, LATER)
    assert (day.date, hours(day.work_seconds)) == (date(2025, 6, 12), "7:00")


def test_a_wider_bounce_window_swallows_a_later_repeat():
    punches = timeline("08:00 In", "08:04 In", "16:00 Out")
    settings = replace(DEFAULTS, bounce=DEFAULTS.bounce * 5)
    (day,) = attest_days(punches, settings, STOCKHOLM, LATER)
    assert [w.code for w in day.warnings] == ["Bounce"]
    assert hours(day.work_seconds) == "8:00"


def test_a_shorter_maximum_shift_ends_a_long_session():
    punches = timeline("06:00 In", "18:00 Out")
    settings = replace(DEFAULTS, max_shift=DEFAULTS.max_shift / 2)
    (day,) = attest_days(punches, settings, STOCKHOLM, LATER)
    assert [w.code for w in day.warnings] == ["MissingOut", "MissingIn"]


@pytest.mark.parametrize(
    ("day", "weekly_minutes", "expected"),
    [
        (date(2025, 6, 12), 20 * 60, 4 * 3600),  # Thursday
        (date(2025, 6, 9), 38 * 60 + 15, 7 * 3600 + 39 * 60),  # Monday, 38:15 a week
        (date(2025, 6, 14), 40 * 60, 0),  # Saturday
        (date(2025, 6, 15), 40 * 60, 0),  # Sunday
        (date(2025, 6, 12), None, None),  # no weekly hours: unknown, not zero
    ],
)
def test_expected_time_spreads_the_week_over_monday_to_friday(day, weekly_minutes, expected):
    assert expected_seconds(day, weekly_minutes) == expected


def test_difference_is_worked_minus_expected():
    (day,) = attest_days(timeline("08:00 In", "11:00 Out"), DEFAULTS, STOCKHOLM, LATER, 20 * 60)
    assert (day.expected_seconds, day.difference_seconds) == (4 * 3600, -3600)


def test_an_empty_day_has_no_stamps_and_misses_its_expected_time():
    day = empty_day(date(2025, 6, 12), 20 * 60)
    assert (day.status, day.work_seconds, day.difference_seconds) == ("NoStamps", 0, -4 * 3600)
