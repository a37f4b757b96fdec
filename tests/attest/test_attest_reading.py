"""How the service reads punches for attest."""

from __future__ import annotations

from datetime import UTC, date, timedelta

from stampla.store.attest import PunchReader
from tests.factories import entry

#: Around the autumn DST change in Stockholm (2025-10-26): wall-clock time says 9 h, real
#: time is 10 h.
NIGHT = [
    entry("3002", "2025-10-25T22:00:00", "In"),
    entry("3002", "2025-10-26T07:00:00", "Out"),
    entry("3014", "2025-10-27T08:00:00", "In"),
    entry("3014", "2025-10-27T16:00:00", "Out"),
]
DAYS = [date(2025, 10, 25) + timedelta(days=n) for n in range(3)]


def test_instants_are_utc_whatever_the_session_time_zone(api, store, company, backend):
    """PostgreSQL hands timestamps over in the session's zone; the domain needs UTC, or the
    difference of two instants becomes a wall-clock difference."""
    api.post(NIGHT)
    with store.read() as conn:
        if backend == "postgresql":
            conn.exec_driver_sql("SET LOCAL TimeZone = 'Europe/Stockholm'")
        employee_ids = [company.ids[f"employee:{nr}"] for nr in ("3002", "3014")]
        found = PunchReader(conn, company.id).read(DAYS, employee_ids)
    punches = [punch for employee in found.values() for punch in employee]
    assert len(punches) == 4
    assert all(punch.instant.tzinfo is UTC for punch in punches)
    night = sorted(found[employee_ids[0]], key=lambda punch: punch.instant)
    assert night[1].instant - night[0].instant == timedelta(hours=10)
