"""Attest time: an employee's punches become sessions, spans, shifts and day rows.

Pure functions of their inputs (punches, the company's settings and time zone, and "now"),
with no database, web or I/O imports, so that every rule is tested with plain tables.
The rules, with examples, are in docs/attest-rules.md; each lives in one module:

* ``pairing``: punches into sessions, spans and warnings (a small state machine)
* ``spans``: time codes and accounts of a span; cutting at midnight
* ``shifts``: sessions closer than the gap setting form one shift
* ``days``: which date a shift lands on (StartDay, EndDay, MostTime, SplitAtMidnight)
* ``status``: the day's stamping status
* ``rows``: the day row, its totals and its expected time
* ``holidays``: the holiday calendars that expect no time on their holidays
* ``window``: whether a read window is wide enough for the range asked for
"""

from .attest import attest_days, day_rows, shifts_of
from .holidays import HolidayCalendar, holiday, swedish_holidays
from .model import (
    AccountRef,
    AttestWarning,
    Punch,
    Span,
    SpanKind,
    StampingStatus,
    WarningCode,
)
from .rows import DayRow, empty_day, expected_seconds
from .settings import DEFAULTS, AttestSettings, DayRule
from .shifts import Shift
from .window import unsettled_end, unsettled_start

__all__ = [
    "DEFAULTS",
    "AccountRef",
    "AttestSettings",
    "AttestWarning",
    "DayRow",
    "DayRule",
    "HolidayCalendar",
    "Punch",
    "Shift",
    "Span",
    "SpanKind",
    "StampingStatus",
    "WarningCode",
    "attest_days",
    "day_rows",
    "empty_day",
    "expected_seconds",
    "holiday",
    "shifts_of",
    "swedish_holidays",
    "unsettled_end",
    "unsettled_start",
]
