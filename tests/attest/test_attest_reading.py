"""How the service reads punches for attest: instants in UTC, and the garbage collector."""

from __future__ import annotations

import gc
from datetime import UTC, date, timedelta

import pytest

from stampla.service.attest import AttestQuery, attest_time
from stampla.store.attest import PunchReader, punch_columns
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
    employee_ids = [company.ids[f"employee:{nr}"] for nr in ("3002", "3014")]
    with store.read() as conn:
        if backend == "postgresql":
            conn.exec_driver_sql("SET LOCAL TimeZone = 'Europe/Stockholm'")
        columns = punch_columns(conn, company.id, DAYS, employee_ids)
        found = PunchReader(conn, company.id).read(DAYS, employee_ids)
    assert sorted(columns.ids) == sorted(p.id for punches in found.values() for p in punches)
    instants = [*columns.instants, *(p.instant for punches in found.values() for p in punches)]
    assert len(instants) == 8
    assert all(instant.tzinfo is UTC for instant in instants)
    night = sorted(found[employee_ids[0]], key=lambda punch: punch.instant)
    assert night[1].instant - night[0].instant == timedelta(hours=10)


def _read(store, company, clock, include_empty: bool = False):
    query = AttestQuery(DAYS[0], DAYS[-1], include_empty=include_empty)
    return attest_time(store, company.id, query, clock(), max_days=31)


@pytest.fixture
def collector():
    """Whatever a test does to the collector, the next test finds it on and unfrozen."""
    yield
    gc.unfreeze()
    gc.enable()


def test_a_read_leaves_the_collector_on_and_nothing_frozen(
    api, store, company, clock, monkeypatch, collector
):
    api.post(NIGHT)
    monkeypatch.setattr("stampla.service.attest.day_rows.EMPLOYEES_PER_READ", 1)  # several groups
    rows = list(_read(store, company, clock))
    assert [row.employee_nr for row in rows] == ["3002", "3014"]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_read_abandoned_half_way_leaves_the_collector_on(
    api, store, company, clock, monkeypatch, collector
):
    api.post(NIGHT)
    monkeypatch.setattr("stampla.service.attest.day_rows.EMPLOYEES_PER_READ", 1)
    rows = _read(store, company, clock, include_empty=True)
    next(rows)
    assert gc.isenabled()  # between groups the collector runs
    rows.close()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_read_leaves_a_paused_collector_paused(api, store, company, clock, collector):
    api.post(NIGHT)
    gc.disable()
    rows = list(_read(store, company, clock))
    assert len(rows) == 2
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_groups_start_small_and_grow_to_the_read_size():
    from stampla.service.attest.day_rows import _groups

    employees = list(range(1000))
    groups = _groups(employees)  # type: ignore[arg-type]
    assert [len(group) for group in groups] == [100, 150, 225, 337, 188]
    assert [employee for group in groups for employee in group] == employees
    assert _groups([]) == []
