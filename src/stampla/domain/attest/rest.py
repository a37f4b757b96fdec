"""Daily rest on the day rows: a shift that begins too soon after the one before it.

The Working Hours Act (arbetstidslagen, SFS 1982:673, § 13) asks for at least 11 hours of
consecutive rest in every 24 hours. A day row whose shift begins less than that after the
previous shift ended gets a ``ShortDailyRest`` warning naming the two punches (the previous
shift's last and this shift's first), so HR sees it where it attests. The previous shift may
lie before the range read: the read's margin days hold it. The same limit is checked over a
whole period by ``stampla atl-report`` (``domain.rules.atl``).

*A shift 14:00–22:00 on Tuesday and one 06:00–12:00 on Wednesday: Wednesday's row says only
8 h of rest.*
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from .compare import _duration, _local
from .model import SECOND, AttestWarning, WarningCode
from .rows import DayRow
from .shifts import Shift

#: arbetstidslagen § 13.
DAILY_REST = timedelta(hours=11)


def with_rest_warnings(
    rows: Sequence[DayRow],
    shifts: Sequence[Shift],
    zone: ZoneInfo,
    minimum: timedelta = DAILY_REST,
    *,
    split_at_midnight: bool = False,
) -> None:
    """Adds a ``ShortDailyRest`` warning to the row of each shift that began less than
    ``minimum`` after the previous one ended (``shifts`` in time order).

    A shift's row is the one the day rule gives it; split at midnight, a shift is on two
    rows, and the warning goes on the one of the date it begins, so that a row says the same
    whichever range it is read in."""
    if len(shifts) < 2 or not minimum:
        return
    rows_of: dict[int, list[DayRow]] = {}
    for row in rows:
        for punch in row.punches:
            rows_of.setdefault(id(punch), []).append(row)
    for before, after in zip(shifts, shifts[1:], strict=False):
        if before.ongoing:
            continue
        rest = after.start - before.end
        if not timedelta(0) < rest < minimum:
            continue
        first = after.all_punches()[0]
        row = _home(rows_of.get(id(first), []), first.local_date, split_at_midnight)
        if row is None:
            continue  # a shift of the margin days: its own row is not read
        last = before.all_punches()[-1]
        row.warnings.append(
            AttestWarning(
                WarningCode.SHORT_DAILY_REST,
                f"only {_duration(rest // SECOND)} of rest between the shift that ended "
                f"{_local(before.end, zone)} and this one; the Working Hours Act asks for "
                f"{_duration(minimum // SECOND)} (ATL § 13)",
                (last.id, first.id),
            )
        )


def _home(holding: list[DayRow], begins: date, split: bool) -> DayRow | None:
    """The row a shift's warning goes on, of the rows holding its first punch."""
    for row in holding:
        if row.date == begins:
            return row
    if split or len(holding) != 1:
        return None  # split: its first date's row lies outside the range read
    return holding[0]
