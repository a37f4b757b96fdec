"""Applying a rule set to one day's work: mertid, overtime (simple or qualified), OB windows.

The rules (docs/time-rules.md, with the sources and examples):

1. **Excess.** A day's excess is work + absence − expected time (never below 0, never above
   the work). It is the *last* seconds of the day's work, in time order: a long day's
   evening is what runs over.
2. **Mertid, then overtime.** For a part-timer (weekly hours below the rule's full time),
   the excess up to the day's full time (a fifth of the weekly full time) minus the
   expected time is mertid; the rest is overtime. A full-timer's excess is all overtime.
   A day without expected time (no schedule, no weekly hours) has neither.
3. **Simple or qualified.** A second of overtime is simple on the rule's simple days
   (Monday to Friday, not a holiday) inside its clock window (06:00–20:00), and qualified
   otherwise. It becomes the money or the comp code of its kind, as the employee chose.
4. **OB windows.** Each second of work on a kind of day a window lists, inside the window's
   clock times, earns the window's code, judged on the local date and clock of that second
   (a night shift's hours after midnight are the next day's). A second earns at most one
   window: the first listed that covers it, so a rule set lists the most favourable first.
   Overtime seconds earn no OB unless the overtime rule says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from stampla.domain.attest.holidays import HolidayCalendar, holiday
from stampla.domain.attest.model import SECOND
from stampla.domain.localtime import day_bounds, resolve_timestamp

from .model import WEEKDAYS, Compensation, DayKind, Quantity, RuleSet, TimeWindow

Interval = tuple[datetime, datetime]
EVES = frozenset({"Midsommarafton", "Julafton", "Nyårsafton"})
ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=4096)
def day_kinds(day: date, calendar: HolidayCalendar) -> frozenset[DayKind]:
    """The kinds of day ``day`` is (``DayKind``'s docstring says how)."""
    name = holiday(calendar, day)
    if name is not None and name not in EVES:
        kinds = {DayKind.HOLIDAY}
    elif name is not None:
        kinds = {DayKind.EVE}
    else:
        kinds = {WEEKDAYS[day.weekday()]}
    following = holiday(calendar, day + ONE_DAY)
    if following is not None and following not in EVES:
        kinds.add(DayKind.DAY_BEFORE_HOLIDAY)
    return frozenset(kinds)


def quantities(
    work: Sequence[Interval],
    expected_seconds: int | None,
    absence_seconds: int,
    rules: RuleSet,
    zone: ZoneInfo,
    calendar: HolidayCalendar,
    *,
    part_time: bool,
    compensation: Compensation = Compensation.MONEY,
) -> list[Quantity]:
    """What ``rules`` make of a day's ``work`` (its work spans, in time order)."""
    found = claimed(
        work,
        expected_seconds,
        absence_seconds,
        rules,
        zone,
        calendar,
        part_time=part_time,
        compensation=compensation,
    )
    return [Quantity(code, _length(spans), rule) for (code, rule), spans in found.items()]


def claimed(
    work: Sequence[Interval],
    expected_seconds: int | None,
    absence_seconds: int,
    rules: RuleSet,
    zone: ZoneInfo,
    calendar: HolidayCalendar,
    *,
    part_time: bool,
    compensation: Compensation = Compensation.MONEY,
) -> dict[tuple[str, str], list[Interval]]:
    """The instants of ``work`` each ``(code, rule)`` claims, sorted by code and rule.

    The instants, not only their sum, because the time of a code is costed to the account
    worked on at that instant (``rows.with_rule_codes``): an evening's OB belongs to the
    department the evening was worked for.
    """
    found: dict[tuple[str, str], list[Interval]] = {}
    overtime: list[Interval] = []
    if rules.overtime is not None and expected_seconds is not None:
        overtime = _extra(work, expected_seconds, absence_seconds, rules, part_time, found)
        if overtime:
            _overtime_codes(overtime, rules, zone, calendar, compensation, found)
    with_ob = rules.overtime is None or rules.overtime.with_ob
    earning = work if with_ob or not overtime else _without(work, overtime)
    _windows(earning, rules.windows, zone, calendar, found)
    return {key: found[key] for key in sorted(found) if _length(found[key])}


def _length(intervals: Iterable[Interval]) -> int:
    return sum((stop - start) // SECOND for start, stop in intervals)


def _extra(
    work: Sequence[Interval],
    expected: int,
    absence: int,
    rules: RuleSet,
    part_time: bool,
    found: dict[tuple[str, str], list[Interval]],
) -> list[Interval]:
    """Records the mertid; returns the overtime, as intervals."""
    assert rules.overtime is not None
    worked = _length(work)
    excess = min(max(worked + absence - expected, 0), worked)
    if not excess:
        return []
    full_day = rules.overtime.full_time_weekly_minutes * 12  # minutes * 60 / 5
    mertid = min(excess, max(full_day - expected, 0)) if part_time else 0
    tail = _last(work, excess)
    if mertid:
        key = (rules.overtime.mertid_code, rules.overtime.name)
        found.setdefault(key, []).extend(_without(tail, _after(tail, mertid)))
    return _after(tail, mertid)


def _last(work: Sequence[Interval], seconds: int) -> list[Interval]:
    """The last ``seconds`` of the work, in time order."""
    taken: list[Interval] = []
    for start, stop in reversed(work):
        if seconds <= 0:
            break
        length = (stop - start) // SECOND
        if length <= seconds:
            taken.append((start, stop))
            seconds -= length
        else:
            taken.append((stop - timedelta(seconds=seconds), stop))
            seconds = 0
    return taken[::-1]


def _after(intervals: Sequence[Interval], seconds: int) -> list[Interval]:
    """The intervals without their first ``seconds``."""
    left: list[Interval] = []
    for start, stop in intervals:
        length = (stop - start) // SECOND
        if seconds >= length:
            seconds -= length
            continue
        left.append((start + timedelta(seconds=seconds), stop))
        seconds = 0
    return left


def _overtime_codes(
    overtime: Sequence[Interval],
    rules: RuleSet,
    zone: ZoneInfo,
    calendar: HolidayCalendar,
    compensation: Compensation,
    found: dict[tuple[str, str], list[Interval]],
) -> None:
    rule = rules.overtime
    assert rule is not None
    simple_window = (
        TimeWindow(rule.name, "", rule.simple_days, rule.simple_start, rule.simple_stop),
    )
    simple = [span for _, span in _window_spans(overtime, simple_window, zone, calendar)]
    money = compensation is Compensation.MONEY
    codes = rule.codes
    for code, spans in (
        (codes.simple_money if money else codes.simple_comp, simple),
        (codes.qualified_money if money else codes.qualified_comp, _without(overtime, simple)),
    ):
        if spans:
            found.setdefault((code, rule.name), []).extend(spans)


def _windows(
    work: Sequence[Interval],
    windows: Sequence[TimeWindow],
    zone: ZoneInfo,
    calendar: HolidayCalendar,
    found: dict[tuple[str, str], list[Interval]],
) -> None:
    for position, span in _window_spans(work, windows, zone, calendar):
        window = windows[position]
        found.setdefault((window.code, window.name), []).append(span)


def _window_spans(
    work: Sequence[Interval],
    windows: Sequence[TimeWindow],
    zone: ZoneInfo,
    calendar: HolidayCalendar,
) -> list[tuple[int, Interval]]:
    """The parts of ``work`` inside each window, by the window's position (each instant in
    the first window covering it), in window order and time order."""
    if not work or not windows:
        return []
    first = work[0][0].astimezone(zone).date() - ONE_DAY
    last = work[-1][1].astimezone(zone).date()
    parts: list[tuple[int, Interval]] = []
    for position, low, high in _claimed_spans(tuple(windows), first, last, zone, calendar):
        for start, stop in work:
            if start < high and stop > low:
                parts.append((position, (max(start, low), min(stop, high))))
    parts.sort(key=lambda part: (part[0], part[1][0]))
    return parts


@lru_cache(maxsize=4096)
def _claimed_spans(
    windows: tuple[TimeWindow, ...],
    first: date,
    last: date,
    zone: ZoneInfo,
    calendar: HolidayCalendar,
) -> tuple[tuple[int, datetime, datetime], ...]:
    """The instants each window claims on the days ``first``..``last``: its spans, less what
    a window listed before it claims (a second earns the first window that covers it).

    The same for every employee with the same rules on the same days, and worked out once
    for them all: a company's read rates hundreds of thousands of days against a few dozen
    distinct ones.
    """
    claimed: list[Interval] = []
    found: list[tuple[int, datetime, datetime]] = []
    for position, window in enumerate(windows):
        day = first
        while day <= last:
            if window.days & day_kinds(day, calendar):
                span = _window_on(window, day, zone)
                found += [(position, low, high) for low, high in _without([span], claimed)]
                claimed.append(span)
            day += ONE_DAY
    return tuple(found)


def _window_on(window: TimeWindow, day: date, zone: ZoneInfo) -> Interval:
    start = _at(day, window.start, zone)
    if window.stop == time(0):
        return start, day_bounds(day, zone)[1]
    stop_day = day + ONE_DAY if window.stop <= window.start else day
    return start, _at(stop_day, window.stop, zone)


def _at(day: date, clock: time, zone: ZoneInfo) -> datetime:
    return resolve_timestamp(datetime.combine(day, clock), zone).instant


def _overlaps(work: Sequence[Interval], span: Interval) -> list[Interval]:
    low, high = span
    return [(max(a, low), min(b, high)) for a, b in work if a < high and b > low]


def _without(intervals: Sequence[Interval], removed: Sequence[Interval]) -> list[Interval]:
    """``intervals`` minus every part that lies in ``removed``."""
    left = list(intervals)
    for cut_start, cut_stop in removed:
        pieces: list[Interval] = []
        for start, stop in left:
            if stop <= cut_start or start >= cut_stop:
                pieces.append((start, stop))
                continue
            if start < cut_start:
                pieces.append((start, cut_start))
            if stop > cut_stop:
                pieces.append((cut_stop, stop))
        left = pieces
    return left
