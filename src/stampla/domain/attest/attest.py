"""Attest in one call: an employee's punches in, day rows out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from operator import eq, itemgetter
from zoneinfo import ZoneInfo

from .compare import missed
from .days import assign_days
from .model import Punch
from .pairing import pair
from .plan import DayPlan
from .rows import DayRow, day_row
from .settings import AttestSettings
from .shifts import Shift, group_shifts


def shifts_of(
    punches: Iterable[Punch], settings: AttestSettings, zone: ZoneInfo, now: datetime
) -> list[Shift]:
    """Pair the punches (in any order) and group the pieces into shifts."""
    return group_shifts(pair(in_order(punches), settings, zone, now), settings.gap)


_INSTANT = itemgetter(1)  # Punch.instant, read in C


def in_order(punches: Iterable[Punch]) -> list[Punch]:
    """The punches sorted by ``Punch.order_key``.

    Sorted by instant alone first, which needs no Python call per punch; only when two
    neighbours share an instant (rare) does the full key decide. Both give the same order
    when every instant is distinct, since the instant leads the key.
    """
    ordered = sorted(punches, key=_INSTANT)
    instants = list(map(_INSTANT, ordered))
    if any(map(eq, instants, instants[1:])):
        ordered.sort(key=Punch.order_key)
    return ordered


def day_rows(
    shifts: list[Shift],
    settings: AttestSettings,
    zone: ZoneInfo,
    weekly_minutes: int | None,
    dates: tuple[date, date] | None = None,
    plans: Mapping[date, DayPlan] | None = None,
    now: datetime | None = None,
) -> list[DayRow]:
    """A row for every date the shifts land on (within ``dates``, inclusive, if given).

    With ``plans`` (the employee's plan per date), each row is made against its date's plan,
    and a planned date without punches gets a row too when it had registered absence or a
    missed shift (``compare.missed``).
    """
    days = assign_days(shifts, settings.day_rule, zone)
    if dates is not None:
        first, last = dates
        days = {day: parts for day, parts in days.items() if first <= day <= last}
    calendar, absence = settings.holidays, settings.absence_codes
    if not plans:
        return [day_row(day, days[day], weekly_minutes, calendar, absence) for day in sorted(days)]
    grace = settings.grace
    for day, plan in plans.items():
        if day not in days and (dates is None or dates[0] <= day <= dates[1]) and missed(plan, now):
            days[day] = []
    return [
        day_row(day, days[day], weekly_minutes, calendar, absence, plans.get(day), grace, zone, now)
        for day in sorted(days)
    ]


def attest_days(
    punches: Iterable[Punch],
    settings: AttestSettings,
    zone: ZoneInfo,
    now: datetime,
    weekly_minutes: int | None = None,
    plans: Mapping[date, DayPlan] | None = None,
) -> list[DayRow]:
    """Every day row the punches make (and the plans ask for), in date order."""
    shifts = shifts_of(punches, settings, zone, now)
    return day_rows(shifts, settings, zone, weekly_minutes, None, plans, now)
