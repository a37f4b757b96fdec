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

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import NamedTuple

from stampla.domain.attest.model import SECOND


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


def watch(days: Sequence[WorkedDay], limits: Limits = DEFAULT_LIMITS) -> list[AtlFinding]:
    """Every limit each day breaks, in date order (``days`` in date order, any gaps)."""
    found: list[AtlFinding] = []
    found += _sums(days, limits)
    found += _daily_rest(days, limits)
    found += _weekly_rest(days, limits)
    return sorted(found, key=lambda finding: (finding.date, finding.code))


def _sums(days: Sequence[WorkedDay], limits: Limits) -> list[AtlFinding]:
    found = []
    for index, day in enumerate(days):
        if not (day.overtime_seconds or day.mertid_seconds):
            continue
        earlier = days[: index + 1]
        four_weeks = _total(earlier, day.date - timedelta(days=27), day.date, "overtime")
        month = _total(earlier, day.date.replace(day=1), day.date, "overtime")
        year = _total(earlier, day.date.replace(month=1, day=1), day.date, "overtime")
        mertid = _total(earlier, day.date.replace(month=1, day=1), day.date, "mertid")
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
                    found.append(
                        AtlFinding(
                            day.date,
                            code,
                            f"{_hours(total)} of {kind} in {period} up to {day.date}, above "
                            f"the {hours} h the Working Hours Act allows",
                        )
                    )
    return found


def _total(days: Sequence[WorkedDay], first: date, last: date, kind: str) -> int:
    return sum(
        day.overtime_seconds if kind == "overtime" else day.mertid_seconds
        for day in days
        if first <= day.date <= last
    )


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
