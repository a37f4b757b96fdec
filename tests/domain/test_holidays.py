"""Holiday calendars: Sweden's holidays, and the expected time they take away."""

from __future__ import annotations

from datetime import date

import pytest

from stampla.domain.attest import HolidayCalendar, expected_seconds, holiday, swedish_holidays
from stampla.domain.attest.holidays import easter_sunday

SE, NONE = HolidayCalendar.SWEDEN, HolidayCalendar.NONE


@pytest.mark.parametrize(
    "year, easter",
    [(2000, "2000-04-23"), (2019, "2019-04-21"), (2024, "2024-03-31"), (2025, "2025-04-20"),
     (2026, "2026-04-05"), (2027, "2027-03-28"), (2038, "2038-04-25")],
)  # fmt: skip
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == date.fromisoformat(easter)


def test_swedens_holidays_of_2025():
    assert {d.isoformat(): name for d, name in swedish_holidays(2025).items()} == {
        "2025-01-01": "Nyårsdagen",
        "2025-01-06": "Trettondedag jul",
        "2025-04-18": "Långfredagen",
        "2025-04-20": "Påskdagen",
        "2025-04-21": "Annandag påsk",
        "2025-05-01": "Första maj",
        "2025-05-29": "Kristi himmelsfärdsdag",
        "2025-06-06": "Sveriges nationaldag",
        "2025-06-08": "Pingstdagen",
        "2025-06-20": "Midsommarafton",
        "2025-06-21": "Midsommardagen",
        "2025-11-01": "Alla helgons dag",
        "2025-12-24": "Julafton",
        "2025-12-25": "Juldagen",
        "2025-12-26": "Annandag jul",
        "2025-12-31": "Nyårsafton",
    }


@pytest.mark.parametrize("year", range(2020, 2041))
def test_midsummer_and_all_saints_fall_on_their_weekdays(year):
    by_name = {name: day for day, name in swedish_holidays(year).items()}
    assert by_name["Midsommarafton"].weekday() == 4
    assert date(year, 6, 19) <= by_name["Midsommarafton"] <= date(year, 6, 25)
    assert by_name["Alla helgons dag"].weekday() == 5
    assert date(year, 10, 31) <= by_name["Alla helgons dag"] <= date(year, 11, 6)


def test_a_weekday_holiday_expects_no_time_only_in_its_calendar():
    christmas = date(2025, 12, 25)  # a Thursday
    assert holiday(SE, christmas) == "Juldagen"
    assert holiday(NONE, christmas) is None
    assert expected_seconds(christmas, 2400, holiday(SE, christmas)) == 0
    assert expected_seconds(christmas, 2400, holiday(NONE, christmas)) == 8 * 3600
    assert expected_seconds(date(2025, 12, 22), 2400, holiday(SE, date(2025, 12, 22))) == 8 * 3600
    assert expected_seconds(christmas, None, "Juldagen") is None  # no weekly hours: no guess
