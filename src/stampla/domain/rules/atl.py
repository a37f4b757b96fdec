"""The Working Hours Act watch (arbetstidslagen, SFS 1982:673): limits on overtime, mertid
and rest, checked over an employee's days.

* **General overtime** (§ 8): at most 48 hours in four weeks *or* 50 hours in a calendar
  month, and 200 hours in a calendar year. Checked as running sums: the day on which a sum
  passes its limit is flagged, naming the limit.
* **Extra mertid** (§ 8 a): at most 150 hours in a calendar year.
* **Daily rest** (§ 13): at least 11 consecutive hours of rest in every 24 hours — flagged
  on a day whose first work begins less than 11 hours after the previous work ended.
* **Weekly rest** (§ 14): at least 36 consecutive hours of rest in every period of seven
  days — flagged on the last day of a Monday-to-Sunday week that had no such break.

The limits are settings (``Limits``); agreements may replace them, which is why they are
data. Figures are real elapsed time.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import NamedTuple

from stampla.domain.attest.model import SECOND, AttestWarning, SpanKind, WarningCode
from stampla.domain.attest.rows import DayRow

from .model import RuleSet


class Limits(NamedTuple):
    overtime_four_weeks_hours: int = 48
    overtime_month_hours: int = 50
    overtime_year_hours: int = 200
    mertid_year_hours: int = 150
    daily_rest_hours: int = 11
    weekly_rest_hours: int = 36


DEFAULT_LIMITS = Limits()


class WorkedDay(NamedTuple):
    """What the watch needs of a day row: its date, overtime, mertid and work spans."""

    date: date
    overtime_seconds: int
    mertid_seconds: int
    work: tuple[tuple[datetime, datetime], ...]


class AtlFinding(NamedTuple):
    date: date
    code: str  # OvertimeFourWeeks, OvertimeMonth, OvertimeYear, MertidYear, DailyRest, WeeklyRest
    message: str


#: The watch's codes as day-row warnings, each with the English label pages show for it.
DAY_WARNINGS: dict[str, tuple[WarningCode, str]] = {
    "OvertimeFourWeeks": (WarningCode.OVERTIME_FOUR_WEEKS, "Overtime above the four-week limit"),
    "OvertimeMonth": (WarningCode.OVERTIME_MONTH, "Overtime above the month's limit"),
    "OvertimeYear": (WarningCode.OVERTIME_YEAR, "Overtime above the year's limit"),
    "MertidYear": (WarningCode.MERTID_YEAR, "Extra mertid above the year's limit"),
    "DailyRest": (WarningCode.DAILY_REST, "Daily rest too short"),
    "WeeklyRest": (WarningCode.WEEKLY_REST, "No weekly rest"),
}
#: The day-row warnings of the watch: informational, they never block attesting.
ATL_WARNINGS = frozenset(code for code, _ in DAY_WARNINGS.values())
#: Days read before a range for the weekly and daily rest of its first days.
REST_LOOK_BACK = timedelta(days=13)


def look_back_start(first: date) -> date:
    """The first day the sums of ``first`` need: 1 January, or four weeks back if earlier."""
    return min(first.replace(month=1, day=1), first - timedelta(days=27))


def worked_day(row: DayRow, rules: RuleSet | None) -> WorkedDay:
    """What the watch needs of a day row: its general overtime is what its rules produced as
    overtime (any of the four overtime codes), its extra mertid what they produced as
    mertid; its work spans, for the rest (so days without rules are watched for rest)."""
    work = tuple((s.start, s.stop) for s in row.spans if s.kind is SpanKind.WORK)
    overtime = mertid = 0
    if rules is not None and rules.overtime is not None:
        codes = set(rules.overtime.codes)
        for code, seconds, _ in row.rule_codes:
            if code in codes:
                overtime += seconds
            elif code == rules.overtime.mertid_code:
                mertid += seconds
    return WorkedDay(row.date, overtime, mertid, work)


def day_warnings(
    days: Sequence[WorkedDay], first: date, last: date, limits: Limits = DEFAULT_LIMITS
) -> dict[date, list[AttestWarning]]:
    """The warnings of the days ``first``..``last`` (``days`` in date order, read from
    ``look_back_start(first)`` so that the running sums are right), by date.

    Only the sums need the whole look-back; the rest is judged on the last two weeks before
    the range and the range itself, so a read late in the year stays cheap."""
    recent = [day for day in days if day.date >= first - REST_LOOK_BACK]
    if not recent or recent[-1].date < last:  # a week ending in the range without rows
        recent.append(WorkedDay(last, 0, 0, ()))
    found = _sums(days, limits) + _daily_rest(recent, limits) + _weekly_rest(recent, limits)
    warnings: dict[date, list[AttestWarning]] = {}
    for finding in sorted(found, key=lambda finding: (finding.date, finding.code)):
        if first <= finding.date <= last:
            code, _ = DAY_WARNINGS[finding.code]
            warnings.setdefault(finding.date, []).append(AttestWarning(code, finding.message, ()))
    return warnings


def watch(days: Sequence[WorkedDay], limits: Limits = DEFAULT_LIMITS) -> list[AtlFinding]:
    """Every limit each day breaks, in date order (``days`` in date order, any gaps)."""
    found: list[AtlFinding] = []
    found += _sums(days, limits)
    found += _daily_rest(days, limits)
    found += _weekly_rest(days, limits)
    return sorted(found, key=lambda finding: (finding.date, finding.code))


def _sums(days: Sequence[WorkedDay], limits: Limits) -> list[AtlFinding]:
    """Running sums over the days in one pass: the four-week window slides, the month and
    the year restart (so a year of days costs a year of steps, not its square)."""
    found = []
    window: deque[WorkedDay] = deque()
    four_weeks = month = year = mertid = 0
    month_of = year_of = None
    for day in days:
        window.append(day)
        four_weeks += day.overtime_seconds
        while window[0].date < day.date - timedelta(days=27):
            four_weeks -= window.popleft().overtime_seconds
        if (day.date.year, day.date.month) != month_of:
            month_of, month = (day.date.year, day.date.month), 0
        if day.date.year != year_of:
            year_of, year, mertid = day.date.year, 0, 0
        month += day.overtime_seconds
        year += day.overtime_seconds
        mertid += day.mertid_seconds
        checks = (
            ("OvertimeFourWeeks", four_weeks, limits.overtime_four_weeks_hours, "four weeks"),
            ("OvertimeMonth", month, limits.overtime_month_hours, "the calendar month"),
            ("OvertimeYear", year, limits.overtime_year_hours, "the calendar year"),
            ("MertidYear", mertid, limits.mertid_year_hours, "the calendar year"),
        )
        for code, total, hours, period in checks:
            if day.overtime_seconds if code != "MertidYear" else day.mertid_seconds:
                if total > hours * 3600:
                    kind = "extra mertid" if code == "MertidYear" else "general overtime"
                    law = "§ 8 a" if code == "MertidYear" else "§ 8"
                    found.append(
                        AtlFinding(
                            day.date,
                            code,
                            f"{_hours(total)} of {kind} in {period}, limit {hours} h (ATL {law})",
                        )
                    )
    return found


def _daily_rest(days: Sequence[WorkedDay], limits: Limits) -> list[AtlFinding]:
    found = []
    previous_end: datetime | None = None
    needed = timedelta(hours=limits.daily_rest_hours)
    for day in days:
        if not day.work:
            continue
        start = day.work[0][0]
        if previous_end is not None and timedelta(0) <= start - previous_end < needed:
            rest = (start - previous_end) // SECOND
            found.append(
                AtlFinding(
                    day.date,
                    "DailyRest",
                    f"only {_hours(rest)} of rest before this day's work, less than the "
                    f"{limits.daily_rest_hours} h of daily rest",
                )
            )
        previous_end = max(previous_end or day.work[-1][1], day.work[-1][1])
    return found


def _weekly_rest(days: Sequence[WorkedDay], limits: Limits) -> list[AtlFinding]:
    """A Monday-to-Sunday week whose longest break (from its start to its end, counting the
    work of the days around it) is below the weekly rest."""
    if not days:
        return []
    found = []
    needed = timedelta(hours=limits.weekly_rest_hours)
    work = [span for day in days for span in day.work]
    monday = days[0].date - timedelta(days=days[0].date.weekday())
    while monday <= days[-1].date:
        sunday = monday + timedelta(days=6)
        inside = [day for day in days if monday <= day.date <= sunday]
        if inside and any(day.work for day in inside) and sunday <= days[-1].date:
            if _longest_rest(work, inside) < needed:
                found.append(
                    AtlFinding(
                        sunday,
                        "WeeklyRest",
                        f"no {limits.weekly_rest_hours} h of uninterrupted rest in the week of "
                        f"{monday}",
                    )
                )
        monday += timedelta(days=7)
    return found


def _longest_rest(
    work: Sequence[tuple[datetime, datetime]], week: Sequence[WorkedDay]
) -> timedelta:
    """The longest break between the week's work spans, and before its first and after its
    last (to the nearest work of any day read; with none there, the break counts as long)."""
    spans = [span for day in week for span in day.work]
    first, last = spans[0][0], spans[-1][1]
    before = [stop for _, stop in work if stop <= first]
    after = [start for start, _ in work if start >= last]
    long = timedelta(days=7)
    rests = [first - max(before) if before else long, min(after) - last if after else long]
    rests += [later[0] - earlier[1] for earlier, later in zip(spans, spans[1:], strict=False)]
    return max(rests)


def _hours(seconds: int) -> str:
    minutes = seconds // 60
    return f"{minutes // 60} h" if minutes % 60 == 0 else f"{minutes // 60} h {minutes % 60} min"
