"""Day assignment: which local date each shift (or each part of it) belongs to.

* StartDay (default): the date of the shift's first punch; night shifts stay on the day they
  began.
* EndDay: the date of the shift's last punch.
* MostTime: the date on which most of the shift's work lies (the earlier date on a tie; the
  start date when the shift has no work).
* SplitAtMidnight: spans are cut at local midnight and each part counts on its own date. The
  shift's punches and warnings are shown on every date it has time on, since they explain the
  parts of both; its seconds are never counted twice.

A shift that starts and ends on one date lands there under every rule.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from zoneinfo import ZoneInfo

from .model import Span, SpanKind
from .settings import DayRule
from .shifts import Shift
from .spans import cut_at_midnight

#: A shift, with the spans (or parts of spans) it contributes to one date.
DayPart = tuple[Shift, list[Span]]


def assign_days(shifts: list[Shift], rule: DayRule, zone: ZoneInfo) -> dict[date, list[DayPart]]:
    days: dict[date, list[DayPart]] = {}
    start_day = rule is DayRule.START_DAY
    for shift in shifts:
        first = shift.first_date
        if start_day or first == shift.last_date:  # the common case, as in ``placement``
            placed = [(first, shift.spans())]
        else:
            placed = placement(shift, rule, zone)
        for day, spans in placed:
            parts = days.get(day)
            if parts is None:
                days[day] = [(shift, spans)]
            else:
                parts.append((shift, spans))
    return days


def placement(shift: Shift, rule: DayRule, zone: ZoneInfo) -> list[tuple[date, list[Span]]]:
    """The date(s) a shift lands on under ``rule``, with its spans for each."""
    if shift.first_date == shift.last_date or rule is DayRule.START_DAY:
        return [(shift.first_date, shift.spans())]
    if rule is DayRule.END_DAY:
        return [(shift.last_date, shift.spans())]
    if rule is DayRule.MOST_TIME:
        return [(most_time_day(shift, zone), shift.spans())]
    return split_at_midnight(shift, zone)


def most_time_day(shift: Shift, zone: ZoneInfo) -> date:
    work: dict[date, int] = defaultdict(int)
    for span in shift.spans():
        if span.kind is SpanKind.WORK:
            for day, part in cut_at_midnight(span, zone):
                work[day] += part.seconds
    if not any(work.values()):
        return shift.first_date
    return max(sorted(work), key=lambda day: work[day])


def split_at_midnight(shift: Shift, zone: ZoneInfo) -> list[tuple[date, list[Span]]]:
    parts: dict[date, list[Span]] = defaultdict(list)
    for span in shift.spans():
        for day, part in cut_at_midnight(span, zone):
            parts[day].append(part)
    if not parts:
        return [(shift.first_date, [])]
    return sorted(parts.items())
