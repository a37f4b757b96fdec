"""Writing punches and day rows as short text, so that attest cases read as tables.

A punch is ``"08:00 In"``, ``"12:00 BreakOut"``, ``"12:30 BreakIn"`` or ``"16:30 Out"`` on the
case's day (Thursday 2025-06-12 unless a case says otherwise), ``"+1 06:00 Out"`` on the next
day, or ``"2025-10-26 06:00 Out"`` on a date of its own. Times are Stockholm wall-clock times,
read as the API reads a TimeStamp without an offset. Ids are 1, 2, 3… in the order written.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from stampla.domain.attest import AccountRef, DayRow, Punch
from stampla.domain.localtime import resolve_timestamp
from stampla.domain.punch import EntryType

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DAY = date(2025, 6, 12)
LATER = datetime(2030, 1, 1, tzinfo=UTC)

KINDS = {
    "In": (EntryType.IN, False),
    "Out": (EntryType.OUT, False),
    "BreakOut": (EntryType.OUT, True),
    "BreakIn": (EntryType.IN, True),
}

A100 = AccountRef(2, 50, "100")
A4001 = AccountRef(2, 50, "4001")
R1000 = AccountRef(3, 30, "1000")
KONCERN = AccountRef(5, None, "1")


def at(text: str, day: date = DAY) -> datetime:
    """The UTC instant of a local ``"08:00"``, ``"+1 06:00"`` or ``"2025-10-26 06:00"``."""
    parts = text.split()
    if len(parts) == 2 and parts[0].startswith("+"):
        day, parts = day + timedelta(days=int(parts[0])), parts[1:]
    elif len(parts) == 2:
        day, parts = date.fromisoformat(parts[0]), parts[1:]
    wall = datetime.combine(day, datetime.strptime(parts[0], _format(parts[0])).time())
    return resolve_timestamp(wall, STOCKHOLM).instant


def _format(clock: str) -> str:
    return "%H:%M:%S" if clock.count(":") == 2 else "%H:%M"


def punch(pid: int, text: str, day: date = DAY, **more: Any) -> Punch:
    *when, kind = text.split()
    entry_type, is_break = KINDS[kind]
    instant = at(" ".join(when), day)
    local = instant.astimezone(STOCKHOLM).date()
    return Punch(pid, instant, local, entry_type, is_break, **more)


def timeline(*items: str | tuple[str, dict[str, Any]], day: date = DAY) -> list[Punch]:
    """Punches numbered 1, 2, 3…; an item is a text or ``(text, {"time_codes": …})``."""
    made = []
    for pid, item in enumerate(items, start=1):
        text, more = (item, {}) if isinstance(item, str) else item
        made.append(punch(pid, text, day, **more))
    return made


def hm(instant: datetime) -> str:
    return f"{instant.astimezone(STOCKHOLM):%H:%M}"


def hours(seconds: int | None) -> str | None:
    """Seconds as ``"8:30"`` (``"-1:15"``), the way the cases write durations."""
    if seconds is None:
        return None
    sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
    return f"{sign}{seconds // 3600}:{seconds % 3600 // 60:02d}"


def summary(row: DayRow) -> dict[str, Any]:
    """The parts of a day row a case states, in the case's notation."""
    return {
        "date": row.date.isoformat(),
        "status": row.status.value,
        "spans": [f"{hm(s.start)}-{hm(s.stop)} {s.kind.value}" for s in row.spans],
        "work": hours(row.work_seconds),
        "break": hours(row.break_seconds),
        "warnings": [(w.code.value, w.punch_ids) for w in row.warnings],
    }
