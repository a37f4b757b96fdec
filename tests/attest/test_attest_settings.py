"""Company attest settings: defaults, changes, bounds, and their effect on day rows."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from stampla.domain.attest import DEFAULTS, DayRule, HolidayCalendar
from stampla.errors import InvalidInput
from stampla.service.attest import change_settings, read_settings
from tests.factories import build_company, entry

NIGHT = [
    entry("3002", "2025-06-12T22:00:00", "In"),
    entry("3002", "2025-06-13T02:00:00", "Out", IsBreak=True),
    entry("3002", "2025-06-13T02:30:00", "In", IsBreak=True),
    entry("3002", "2025-06-13T07:00:00", "Out"),
]


#: What a company in Europe/Stockholm starts with: the defaults, with Sweden's holidays.
SWEDISH = replace(DEFAULTS, holidays=HolidayCalendar.SWEDEN)


def test_a_company_that_set_nothing_uses_the_defaults(store, company, clock):
    assert read_settings(store, company.id) == SWEDISH
    elsewhere = build_company(store, clock(), time_zone="Europe/Helsinki")
    assert read_settings(store, elsewhere.id) == DEFAULTS
    assert (DEFAULTS.day_rule, DEFAULTS.gap, DEFAULTS.max_shift, DEFAULTS.bounce) == (
        DayRule.START_DAY,
        timedelta(hours=4),
        timedelta(hours=16),
        timedelta(seconds=60),
    )


def test_a_change_keeps_the_other_settings(store, company, clock):
    change_settings(store, company.id, clock(), gap_minutes=90)
    changed = change_settings(store, company.id, clock(), day_rule="split-at-midnight")
    assert changed == read_settings(store, company.id)
    assert (changed.day_rule, changed.gap, changed.max_shift) == (
        DayRule.SPLIT_AT_MIDNIGHT,
        timedelta(minutes=90),
        DEFAULTS.max_shift,
    )


def test_settings_belong_to_one_company(store, company, clock):
    other = build_company(store, clock())
    change_settings(store, company.id, clock(), day_rule="EndDay")
    assert read_settings(store, other.id) == SWEDISH


def test_values_out_of_bounds_are_named_and_nothing_changes(store, company, clock):
    with pytest.raises(InvalidInput) as raised:
        change_settings(
            store, company.id, clock(), gap_minutes=0, max_shift_minutes=10_000, bounce_seconds=60
        )
    assert [p.field for p in raised.value.problems] == ["gap_minutes", "max_shift_minutes"]
    with pytest.raises(InvalidInput) as raised:
        change_settings(store, company.id, clock(), day_rule="Tomorrow")
    assert [p.field for p in raised.value.problems] == ["day_rule"]
    assert read_settings(store, company.id) == SWEDISH


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("StartDay", [("2025-06-12", 8 * 3600 + 1800)]),
        ("EndDay", [("2025-06-13", 8 * 3600 + 1800)]),
        ("MostTime", [("2025-06-13", 8 * 3600 + 1800)]),
        ("SplitAtMidnight", [("2025-06-12", 2 * 3600), ("2025-06-13", 6 * 3600 + 1800)]),
    ],
)
def test_the_four_rules_on_one_night_shift_through_the_api(
    api, attest, store, company, clock, rule, expected
):
    api.post(NIGHT)
    change_settings(store, company.id, clock(), day_rule=rule)
    rows = attest.rows("2025-06-11", "2025-06-14")
    assert [(r["date"], r["workSeconds"]) for r in rows] == expected
    assert all(r["stampingStatus"] == "Complete" for r in rows)


def test_a_shorter_gap_makes_two_shifts_of_what_was_one(api, attest, store, company, clock):
    api.post(
        [
            entry("3002", "2025-06-12T20:00:00", "In"),
            entry("3002", "2025-06-12T23:00:00", "Out"),
            entry("3002", "2025-06-13T01:00:00", "In"),
            entry("3002", "2025-06-13T05:00:00", "Out"),
        ]
    )
    assert [r["date"] for r in attest.rows("2025-06-12", "2025-06-13")] == ["2025-06-12"]
    change_settings(store, company.id, clock(), gap_minutes=60)
    rows = attest.rows("2025-06-12", "2025-06-13")
    assert [(r["date"], r["workSeconds"]) for r in rows] == [
        ("2025-06-12", 3 * 3600),
        ("2025-06-13", 4 * 3600),
    ]


def test_a_wider_bounce_window_through_the_api(api, attest, store, company, clock):
    api.post(
        [
            entry("3002", "2025-06-12T08:00:00", "In"),
            entry("3002", "2025-06-12T08:03:00", "In"),
            entry("3002", "2025-06-12T16:00:00", "Out"),
        ]
    )
    assert attest.day("2025-06-12")["warnings"][0]["code"] == "MissingOut"
    change_settings(store, company.id, clock(), bounce_seconds=300)
    assert attest.day("2025-06-12")["warnings"][0]["code"] == "Bounce"


def test_a_holiday_calendar_takes_expected_time_off_its_weekday_holidays(
    store, company, clock, api, attest
):
    change_settings(store, company.id, clock(), holidays="None")
    before = attest.rows("2025-12-24", "2025-12-26", includeEmpty="true")
    assert {(r["employeeNr"], r["holiday"]) for r in before} >= {("3002", None)}
    expected_before = {r["date"]: r["expectedSeconds"] for r in before if r["employeeNr"] == "3002"}
    assert expected_before["2025-12-25"] > 0
    changed = change_settings(store, company.id, clock(), holidays="se")
    assert changed.holidays.value == "SE" and changed.day_rule == DEFAULTS.day_rule
    api.post(
        [entry("3002", "2025-12-25T08:00:00", "In"), entry("3002", "2025-12-25T12:00:00", "Out")]
    )
    rows = {r["date"]: r for r in attest.rows("2025-12-22", "2025-12-26", includeEmpty="true")
            if r["employeeNr"] == "3002"}  # fmt: skip
    assert [rows[d]["holiday"] for d in sorted(rows)] == [
        None, None, "Julafton", "Juldagen", "Annandag jul"
    ]  # fmt: skip
    assert rows["2025-12-22"]["expectedSeconds"] == expected_before["2025-12-24"]
    assert [rows[d]["expectedSeconds"] for d in ("2025-12-24", "2025-12-25", "2025-12-26")] == [
        0, 0, 0
    ]  # fmt: skip
    worked = rows["2025-12-25"]
    assert worked["workSeconds"] == 4 * 3600 and worked["differenceSeconds"] == 4 * 3600


def test_an_unknown_holiday_calendar_is_refused_by_name(store, company, clock):
    with pytest.raises(InvalidInput) as refused:
        change_settings(store, company.id, clock(), holidays="Norway")
    assert refused.value.problems[0].field == "holidays"
    assert "None, SE" in refused.value.problems[0].message
