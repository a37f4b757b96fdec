"""Day rows: one per employee and date, with its totals and its expected time.

Expected time is a first approximation: the employee's weekly working hours spread evenly over
Monday to Friday (38:15 a week is 7 h 39 min a weekday), nothing on weekends. An employee
without weekly hours has no expected time (null), not zero: attest does not guess.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .days import DayPart
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
    time_codes: list[tuple[str, int]]
    accounts: list[tuple[AccountRef, int]]
    expected_seconds: int | None
    difference_seconds: int | None


def expected_seconds(day: date, weekly_minutes: int | None) -> int | None:
    """Weekly minutes / 5 on a weekday (in seconds: minutes * 60 / 5), 0 on weekends."""
    if weekly_minutes is None:
        return None
    return weekly_minutes * 12 if day.weekday() < 5 else 0


def day_row(day: date, parts: Sequence[DayPart], weekly_minutes: int | None) -> DayRow:
    shifts = [shift for shift, _ in parts]
    spans = [span for _, day_spans in parts for span in day_spans]
    work, pause, codes, accounts = _totals(spans)
    expected = expected_seconds(day, weekly_minutes)
    return DayRow(
        date=day,
        status=stamping_status(shifts),
        punches=[p for shift in shifts for p in shift.all_punches()],
        spans=spans,
        warnings=[w for shift in shifts for w in shift.warnings()],
        work_seconds=work,
        break_seconds=pause,
        time_codes=sorted(codes.items()),
        accounts=sorted(accounts.items()),
        expected_seconds=expected,
        difference_seconds=None if expected is None else work - expected,
    )


def empty_day(day: date, weekly_minutes: int | None) -> DayRow:
    """A date without punches: NoStamps, and the whole expected time missing."""
    return day_row(day, (), weekly_minutes)


def _totals(spans: list[Span]) -> tuple[int, int, dict[str, int], dict[AccountRef, int]]:
    work = pause = 0
    codes: dict[str, int] = defaultdict(int)
    accounts: dict[AccountRef, int] = defaultdict(int)
    for span in spans:
        seconds = span.seconds
        if span.kind is SpanKind.WORK:
            work += seconds
            for account in span.accounts:
                accounts[account] += seconds
        else:
            pause += seconds
        for code in span.time_codes:
            codes[code] += seconds
    return work, pause, codes, accounts
