"""Day rows: one per employee and date, with its totals, against its plan.

A date's plan (``plan.py``) says what was expected: the scheduled shifts of an employee with
a schedule, or, without one, weekly working hours spread evenly over Monday to Friday (38:15
a week is 7 h 39 min a weekday), nothing on weekends, nor on the holidays of the company's
calendar. An employee without a schedule and without weekly hours has no expected time
(null), not zero: attest does not guess.

Punched time tagged with an absence code (a time code of kind absence, such as ``Sjuk``) is
absence, not work: its span becomes an Absence span, it counts in ``absence_seconds`` and not
in ``work_seconds``, and it carries no cost allocation. Registered absence (the plan's) counts
there too. Like work, absence covers expected time: the difference is work + absence -
expected. Scheduled breaks, work inside and outside the schedule and the deviations from it
are ``compare.py``'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import itemgetter
from zoneinfo import ZoneInfo

from .compare import deviations, inside_seconds, with_scheduled_breaks
from .days import DayPart
from .holidays import HolidayCalendar
from .model import AccountRef, AttestWarning, Punch, Span, SpanKind, StampingStatus
from .plan import DayPlan, PlannedShift, weekly_expected, weekly_plan
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
    #: Whether the date is on a schedule; then the shifts are what was planned, and work is
    #: split into inside and outside it (both None otherwise).
    scheduled: bool = False
    scheduled_shifts: tuple[PlannedShift, ...] = ()
    work_inside_seconds: int | None = None
    work_outside_seconds: int | None = None
    #: Absence per time code, punched and registered, sorted by code.
    absence: list[tuple[str, int]] = field(default_factory=list)
    #: What the time rules of the employee's agreement made of the day's work (OB,
    #: overtime, mertid): ``(code, seconds, rule)``, set by ``domain.rules.with_rule_codes``.
    rule_codes: list[tuple[str, int, str]] = field(default_factory=list)
    #: The same codes costed to the accounts worked on: ``(code, rule, accounts, seconds)``,
    #: ``accounts`` being the combination (one per coding level) of the spans worked.
    rule_code_accounts: list[tuple[str, str, tuple[AccountRef, ...], int]] = field(
        default_factory=list
    )


#: The weekly-hours rule, by its older name.
expected_seconds = weekly_expected


def day_row(
    day: date,
    parts: Sequence[DayPart],
    weekly_minutes: int | None,
    calendar: HolidayCalendar = HolidayCalendar.NONE,
    absence_codes: frozenset[str] = frozenset(),
    plan: DayPlan | None = None,
    grace: timedelta = timedelta(0),
    zone: ZoneInfo | None = None,
    now: datetime | None = None,
) -> DayRow:
    """The row of ``day``: its shifts' ``parts`` against ``plan`` (by default the
    weekly-hours rule of ``weekly_minutes``). Deviations are found when ``zone`` (which
    words their times) is given, as far as ``now`` can tell them."""
    if len(parts) == 1:  # the common case, without the list building
        shift, spans = parts[0]
        shifts, warnings, punches = [shift], shift.warnings(), shift.all_punches()
    else:
        shifts = [shift for shift, _ in parts]
        spans = [span for _, day_spans in parts for span in day_spans]
        warnings = [w for shift in shifts for w in shift.warnings()]
        punches = [p for shift in shifts for p in shift.all_punches()]
    status = stamping_status(shifts, warnings)
    if absence_codes:
        spans = _with_absence(spans, absence_codes)
    if plan is None:
        plan = weekly_plan(day, weekly_minutes, calendar)
    inside = outside = None
    if plan.scheduled or not plan.employed:
        if zone is not None:
            warnings = warnings + deviations(plan, spans, punches, grace, zone, now)
        spans = with_scheduled_breaks(spans, plan.shifts)
    work, pause, away, codes, accounts = _totals(spans)
    if plan.scheduled or not plan.employed:
        inside = inside_seconds(spans, plan.shifts)
        outside = work - inside
    absence = _absence(spans, absence_codes, plan) if away or plan.absences else []
    away += plan.absence_seconds
    expected = plan.expected_seconds
    return DayRow(
        day,
        status,
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
        plan.holiday,
        plan.scheduled,
        plan.shifts,
        inside,
        outside,
        absence,
    )


def empty_day(
    day: date,
    weekly_minutes: int | None,
    calendar: HolidayCalendar = HolidayCalendar.NONE,
    plan: DayPlan | None = None,
    grace: timedelta = timedelta(0),
    zone: ZoneInfo | None = None,
    now: datetime | None = None,
) -> DayRow:
    """A date without punches: NoStamps, and the whole expected time missing (unless absence
    was registered for it)."""
    return day_row(day, (), weekly_minutes, calendar, frozenset(), plan, grace, zone, now)


def _absence(
    spans: list[Span], absence_codes: frozenset[str], plan: DayPlan
) -> list[tuple[str, int]]:
    """Seconds per absence code: punched Absence spans' codes and the plan's registrations."""
    found: dict[str, int] = {}
    for span in spans:
        if span.kind is _ABSENCE:
            for code in span.time_codes:
                if code in absence_codes:
                    found[code] = found.get(code, 0) + span.seconds
                    break  # a span counts once, for its first absence code
    for registered in plan.absences:
        found[registered.code] = found.get(registered.code, 0) + registered.seconds
    return sorted(found.items())


def _with_absence(spans: list[Span], absence_codes: frozenset[str]) -> list[Span]:
    """The spans, with each work span tagged by an absence code made an Absence span.

    Most spans carry no time code, so the list is copied only when one has to change.
    """
    if not any(map(_CODES, spans)) or all(absence_codes.isdisjoint(s[4]) for s in spans):
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
        elif kind is _BREAK or kind is _SCHEDULED_BREAK:
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
_CODES = itemgetter(4)  # Span.time_codes, read in C
_SCHEDULED_BREAK = SpanKind.SCHEDULED_BREAK
