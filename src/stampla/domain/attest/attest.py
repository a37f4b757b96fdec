"""Attest in one call: an employee's punches in, day rows out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from .days import assign_days
from .model import Punch
from .pairing import pair
from .rows import DayRow, day_row
from .settings import AttestSettings
from .shifts import Shift, group_shifts


def shifts_of(
    punches: Iterable[Punch], settings: AttestSettings, zone: ZoneInfo, now: datetime
) -> list[Shift]:
    """Pair the punches (in any order) and group the pieces into shifts."""
    ordered = sorted(punches, key=Punch.order_key)
    return group_shifts(pair(ordered, settings, zone, now), settings.gap)


def day_rows(
    shifts: list[Shift],
    settings: AttestSettings,
    zone: ZoneInfo,
    weekly_minutes: int | None,
    dates: tuple[date, date] | None = None,
) -> list[DayRow]:
    """A row for every date the shifts land on (within ``dates``, inclusive, if given)."""
    days = assign_days(shifts, settings.day_rule, zone)
    if dates is not None:
        first, last = dates
        days = {day: parts for day, parts in days.items() if first <= day <= last}
    return [day_row(day, days[day], weekly_minutes) for day in sorted(days)]


def attest_days(
    punches: Iterable[Punch],
    settings: AttestSettings,
    zone: ZoneInfo,
    now: datetime,
    weekly_minutes: int | None = None,
) -> list[DayRow]:
    """Every day row the punches make, in date order."""
    return day_rows(shifts_of(punches, settings, zone, now), settings, zone, weekly_minutes)
