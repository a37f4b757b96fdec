"""Public holidays, so that expected time is not asked for on a day nobody works.

A company chooses a calendar in its attest settings; the default, ``None``, has no holidays
(expected time on every weekday, as before a calendar is chosen). ``SE`` is Sweden's: the
public holidays of the Public Holidays Act (lagen om allmänna helgdagar), plus Midsummer Eve,
Christmas Eve and New Year's Eve, which Swedish collective agreements treat as days off. A
holiday on a weekday expects no time; work on it still counts, in full, as work.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from functools import cache


class HolidayCalendar(StrEnum):
    NONE = "None"
    SWEDEN = "SE"


def holiday(calendar: HolidayCalendar, day: date) -> str | None:
    """The name of the holiday ``day`` is in ``calendar``, or None."""
    if calendar is HolidayCalendar.NONE:
        return None
    return swedish_holidays(day.year).get(day)


@cache
def swedish_holidays(year: int) -> dict[date, str]:
    """Sweden's holidays of ``year``, by date, with their Swedish names."""
    easter = easter_sunday(year)
    midsummer_eve = _first_weekday_from(date(year, 6, 19), 4)  # Friday 19–25 June
    all_saints = _first_weekday_from(date(year, 10, 31), 5)  # Saturday 31 Oct–6 Nov
    days = {
        date(year, 1, 1): "Nyårsdagen",
        date(year, 1, 6): "Trettondedag jul",
        easter - timedelta(days=2): "Långfredagen",
        easter: "Påskdagen",
        easter + timedelta(days=1): "Annandag påsk",
        date(year, 5, 1): "Första maj",
        easter + timedelta(days=39): "Kristi himmelsfärdsdag",
        easter + timedelta(days=49): "Pingstdagen",
        date(year, 6, 6): "Sveriges nationaldag",
        midsummer_eve: "Midsommarafton",
        midsummer_eve + timedelta(days=1): "Midsommardagen",
        all_saints: "Alla helgons dag",
        date(year, 12, 24): "Julafton",
        date(year, 12, 25): "Juldagen",
        date(year, 12, 26): "Annandag jul",
        date(year, 12, 31): "Nyårsafton",
    }
    return dict(sorted(days.items()))


def easter_sunday(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_weekday_from(start: date, weekday: int) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7)
