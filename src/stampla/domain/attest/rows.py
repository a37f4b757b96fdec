"""Day rows: one per employee and date, with its totals and its expected time.

Expected time is a first approximation: the employee's weekly working hours spread evenly over
Monday to Friday (38:15 a week is 7 h 39 min a weekday), nothing on weekends, nor on the
holidays of the company's calendar (``holidays.py``). An employee without weekly hours has no
expected time (null), not zero: attest does not guess.

Punched time tagged with an absence code (a time code of kind absence, such as ``Sjuk``) is
absence, not work: its span becomes an Absence span, it counts in ``absence_seconds`` and not
in ``work_seconds``, and it carries no cost allocation. Like work, it covers expected time:
the difference is work + absence - expected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .days import DayPart
from .holidays import HolidayCalendar, holiday
from .model import AccountRef, AttestWarning, Punch, Span, SpanKind, StampingStatus
from .status import stamping_status


@dataclass(slots=True)
class DayRow:
    date: date
    status: StampingStatus
    punches: list[Punch]
    spans: list[Span]
    warnings: list[AttestWarning]
    work_seconds: int
    break_seconds: int
    absence_seconds: int
    time_codes: list[tuple[str, int]]
    accounts: list[tuple[AccountRef, int]]
    expected_seconds: int | None
    difference_seconds: int | None
    holiday: str | None = None


def expected_seconds(
    day: date, weekly_minutes: int | None, holiday_name: str | None = None
) -> int | None:
    """Weekly minutes / 5 on a weekday (in seconds: minutes * 60 / 5); 0 on weekends and
    holidays."""
    if weekly_minutes is None:
        return None
    return weekly_minutes * 12 if day.weekday() < 5 and holiday_name is None else 0


def day_row(
    day: date,
    parts: Sequence[DayPart],
    weekly_minutes: int | None,
    calendar: HolidayCalendar = HolidayCalendar.NONE,
    absence_codes: frozenset[str] = frozenset(),
) -> DayRow:
    if len(parts) == 1:  # the common case, without the list building
        shift, spans = parts[0]
        shifts, warnings, punches = [shift], shift.warnings(), shift.all_punches()
    else:
        shifts = [shift for shift, _ in parts]
        spans = [span for _, day_spans in parts for span in day_spans]
        warnings = [w for shift in shifts for w in shift.warnings()]
        punches = [p for shift in shifts for p in shift.all_punches()]
    if absence_codes:
        spans = _with_absence(spans, absence_codes)
    work, pause, away, codes, accounts = _totals(spans)
    name = holiday(calendar, day)
    expected = expected_seconds(day, weekly_minutes, name)
    return DayRow(
        day,
        stamping_status(shifts, warnings),
        punches,
        spans,
        warnings,
        work,
        pause,
        away,
        codes,
        accounts,
        expected,
        None if expected is None else work + away - expected,
        name,
    )


def empty_day(
    day: date, weekly_minutes: int | None, calendar: HolidayCalendar = HolidayCalendar.NONE
) -> DayRow:
    """A date without punches: NoStamps, and the whole expected time missing."""
    return day_row(day, (), weekly_minutes, calendar)


def _with_absence(spans: list[Span], absence_codes: frozenset[str]) -> list[Span]:
    """The spans, with each work span tagged by an absence code made an Absence span.

    Most spans carry no time code, so the list is copied only when one has to change.
    """
    if all(absence_codes.isdisjoint(span[4]) for span in spans):  # span[4]: time_codes
        return spans
    return [
        span._replace(kind=_ABSENCE, accounts=())
        if span.kind is _WORK and not absence_codes.isdisjoint(span.time_codes)
        else span
        for span in spans
    ]


def _totals(
    spans: list[Span],
) -> tuple[int, int, int, list[tuple[str, int]], list[tuple[AccountRef, int]]]:
    """Work, break, absence, and the seconds per time code and per account (sorted)."""
    work = pause = away = 0
    codes: dict[str, int] = {}
    accounts: dict[AccountRef, int] = {}
    for _, _, kind, seconds, span_codes, span_accounts in spans:
        if kind is _WORK:
            work += seconds
            for account in span_accounts:
                accounts[account] = accounts.get(account, 0) + seconds
        elif kind is _BREAK:
            pause += seconds
        else:
            away += seconds
        for code in span_codes:
            codes[code] = codes.get(code, 0) + seconds
    return (
        work,
        pause,
        away,
        sorted(codes.items()) if codes else [],
        sorted(accounts.items()) if accounts else [],
    )


_WORK, _BREAK, _ABSENCE = SpanKind.WORK, SpanKind.BREAK, SpanKind.ABSENCE
