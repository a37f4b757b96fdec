"""Which days an export takes: the one place that decides.

Only attested time reaches payroll, and each day exactly once: an export takes the days of
the period whose attest state is at least ``STAMPLA_EXPORT_MIN_STATE`` (``Approved`` by
default, a locking state) and not yet exported, as their frozen rows — what was attested,
never a recomputation. The export then moves them to ``Exported`` with the run's id
(``states.mark_exported``), in the transaction that records the run. Days of the period
that are not approved yet are counted, so the preview can say what is left out.

A day an earlier run exported that was reopened and approved again is taken too: it keeps
the id of the run that last exported it, and goes out as a correction (``runs``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from stampla.errors import InvalidInput, Problem
from stampla.service.attest.day_rows import AttestQuery, EmployeeDay, attest_time
from stampla.service.attest.states import days_in_state_at_least, stored_config
from stampla.settings import Settings
from stampla.store import attest_states as states_store
from stampla.store.engine import Store


@dataclass(frozen=True, slots=True)
class Selection:
    """The days an export takes, with their keys for ``mark_exported``."""

    days: list[EmployeeDay]
    #: (employee id, date) of each selected day, for marking them exported.
    keys: list[tuple[int, date]]
    #: Days of the period with time on them that are not in the minimum state yet.
    not_ready: list[tuple[str, date]]
    #: Days of the period that an earlier run exported already.
    already_exported: int
    #: Of the selected days, those an earlier run exported (reopened and approved again):
    #: the id of the run that last exported each, as it was read.
    earlier: dict[tuple[int, date], int] = field(default_factory=dict)


def select_days(
    store: Store,
    company_id: int,
    date_from: date,
    date_to: date,
    employee_nrs: Sequence[str] | None,
    now: datetime,
    settings: Settings,
) -> Selection:
    """The period's days in the minimum state and not exported yet, as attested."""
    query = AttestQuery(date_from, date_to, employee_nrs, include_empty=True, atl_warnings=False)
    rows = list(
        attest_time(
            store,
            company_id,
            query,
            now,
            max_days=settings.max_read_days,
            max_future=settings.max_future,
            daily_rest=settings.daily_rest,
        )
    )
    with store.read() as conn:
        config = stored_config(conn, company_id)
        minimum = settings.export_min_state
        if not any(s.code == minimum and s.locks for s in config.states):
            raise InvalidInput(
                f"STAMPLA_EXPORT_MIN_STATE {minimum!r} is not a locking attest state of the "
                "company; only locked days can be exported exactly once",
                [Problem("must name a state that locks", "STAMPLA_EXPORT_MIN_STATE")],
            )
        ready = days_in_state_at_least(conn, company_id, date_from, date_to, None, minimum)
        numbers = states_store.employee_numbers(conn, company_id, {e for e, _ in ready})
    exported = config.exported_state
    by_day = {(numbers[e], d): (e, frozen) for (e, d), frozen in ready.items() if e in numbers}
    days: list[EmployeeDay] = []
    keys: list[tuple[int, date]] = []
    not_ready: list[tuple[str, date]] = []
    earlier: dict[tuple[int, date], int] = {}
    already = 0
    for day in rows:
        found = by_day.get((day.employee_nr, day.row.date))
        if found is None:
            if _has_time(day):
                not_ready.append((day.employee_nr, day.row.date))
            continue
        employee_id, frozen = found
        if exported is not None and frozen.state_code == exported.code:
            already += 1
            continue
        days.append(EmployeeDay(day.employee_nr, frozen.row, day.attest))
        keys.append((employee_id, day.row.date))
        if frozen.export_run_id is not None:
            earlier[employee_id, day.row.date] = frozen.export_run_id
    return Selection(days, keys, not_ready, already, earlier)


def _has_time(day: EmployeeDay) -> bool:
    row = day.row
    return bool(row.work_seconds or row.absence_seconds or row.punches)
