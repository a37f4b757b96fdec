"""Who is in now: each employee's last stamp of the last day and a half, as a board.

An employee whose last stamp is a work In (or the In that ends a break) is *in*; a break Out
means *on break*; an Out, or no stamp, means out and is not listed. Stamps older than
yesterday do not count: a forgotten Out a week ago does not keep anyone on the board.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from stampla.domain.punch import EntryType
from stampla.store import devices as device_store
from stampla.store.engine import Store


@dataclass(frozen=True, slots=True)
class Present:
    employee_nr: str
    name: str
    since: datetime  # the stamp's instant, in the company's zone
    on_break: bool


def who_is_in(store: Store, company_id: int, zone: ZoneInfo, now: datetime) -> list[Present]:
    """The employees in (or on a break) at ``now``, by name."""
    today = now.astimezone(zone).date()
    with store.read() as conn:
        stamps = device_store.current_stamps(
            conn, company_id, None, today - timedelta(days=1), today
        )
        last = {}
        for stamp in stamps:
            if stamp.instant <= now:
                last[stamp.employee_id] = stamp
        inside = {
            employee_id: stamp
            for employee_id, stamp in last.items()
            if stamp.entry_type == EntryType.IN or stamp.is_break
        }
        names = device_store.employee_names(conn, company_id, inside.keys())
    board = [
        Present(
            names[employee_id][0],
            names[employee_id][1],
            stamp.instant.astimezone(zone),
            stamp.is_break and stamp.entry_type == EntryType.OUT,
        )
        for employee_id, stamp in inside.items()
        if employee_id in names
    ]
    return sorted(board, key=lambda p: (p.name.casefold(), p.employee_nr))
