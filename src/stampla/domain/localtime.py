"""Turning a TimeStamp as sent into an instant, and instants into local dates.

A TimeStamp with an offset (or ``Z``) is an instant and is taken as is. Without an offset it is
wall-clock time in the company's time zone (or the terminal's, when the terminal has its own).
Twice a year that wall clock is ambiguous, and we follow RFC 5545 (iCalendar), the rule most
calendar and payroll software already applies:

* a local time that occurs twice (autumn, 02:00–02:59 in Europe/Stockholm) is the **first**
  occurrence, i.e. still summer time (+02:00);
* a local time that does not exist (spring, 02:00–02:59) is read with the offset in force
  **before** the change, which moves it forward by the gap: 02:30 becomes 03:30 (+02:00).

Both cases are reported back to the caller as a note on the entry, so an integration that cares
can send offsets instead. Nothing is rejected: a terminal that only knows local time must still
be able to punch during the DST hour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class ResolvedTime:
    """An instant in UTC, and a note when the local time needed the DST rule."""

    instant: datetime
    note: str | None = None


def resolve_timestamp(value: datetime, zone: ZoneInfo) -> ResolvedTime:
    """The UTC instant a TimeStamp denotes, given the zone that applies to naive values."""
    if value.tzinfo is not None:
        return ResolvedTime(value.astimezone(UTC))
    first = value.replace(tzinfo=zone, fold=0)
    second = value.replace(tzinfo=zone, fold=1)
    first_offset, second_offset = first.utcoffset(), second.utcoffset()
    if first_offset == second_offset:
        return ResolvedTime(first.astimezone(UTC))
    instant = first.astimezone(UTC)
    local = instant.astimezone(zone)
    if local.replace(tzinfo=None) == value:
        note = (
            f"{value.isoformat()} occurs twice in {zone.key}; read as the first occurrence "
            f"({_offset_text(first_offset)})"
        )
    else:
        note = (
            f"{value.isoformat()} does not exist in {zone.key} (clocks skip that hour); "
            f"read as {local.isoformat()}"
        )
    return ResolvedTime(instant, note)


def local_date(instant: datetime, zone: ZoneInfo) -> date:
    """The calendar date an instant falls on in ``zone``."""
    return instant.astimezone(zone).date()


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants [start, end) of a local calendar day; 23 or 25 hours on DST days."""
    start = datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)
    following = day + timedelta(days=1)
    end = datetime(following.year, following.month, following.day, tzinfo=zone).astimezone(UTC)
    return start, end


def _offset_text(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
