"""Reading back stored punches for a range of company-local dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from stampla.domain.punch import EntryType
from stampla.errors import InvalidInput, Problem
from stampla.store import punches as rows
from stampla.store.engine import Store
from stampla.store.references import employees_by_nr
from stampla.wire import StoredEntry

from .date_range import check_range


def read_punches(
    store: Store,
    company_id: int,
    date_from: date,
    date_to: date,
    employee_nrs: Sequence[str] | None,
    max_days: int,
    include_superseded: bool = False,
) -> list[StoredEntry]:
    """Current punches of the company in [date_from, date_to], by employee and time.

    ``include_superseded`` adds the punches corrections replaced, each marked with when and
    by which batch, and next to its successor when the correction re-sent it.
    """
    check_range(date_from, date_to, max_days)
    with store.read() as conn:
        employee_ids = None
        if employee_nrs is not None:
            known = employees_by_nr(conn, company_id, set(employee_nrs))
            unknown = [nr for nr in employee_nrs if nr not in known]
            if unknown:
                raise InvalidInput(
                    f"Unknown employee {', '.join(map(repr, unknown))}",
                    [
                        Problem(f"employee {nr!r} does not exist", "employeeNrsString")
                        for nr in unknown
                    ],
                )
            employee_ids = [employee.id for employee in known.values()]
        if not include_superseded:
            found = rows.read_current(conn, company_id, date_from, date_to, employee_ids)
            return [_as_entry(row) for row in found]
        found = rows.read_with_superseded(conn, company_id, date_from, date_to, employee_ids)
    successors = _successors(found)
    return [_as_entry(row, successors) for row in found]


def _key(row) -> tuple:  # noqa: ANN001 - a SQLAlchemy Row
    return (row.employee_id, row.instant, row.entry_type, row.is_break, row.terminal_id)


def _successors(found: Sequence) -> dict[int, int]:
    """Superseded punch id -> id of the punch of the superseding batch with the same key.

    A batch stores one punch per key, and a successor has its predecessor's local date, so
    it is among the rows of the same read.
    """
    by_batch = {(_key(row), row.batch_id): row.id for row in found}
    successors: dict[int, int] = {}
    for row in found:
        if row.superseded_by_batch_id is not None:
            successor = by_batch.get((_key(row), row.superseded_by_batch_id))
            if successor is not None:
                successors[row.id] = successor
    return successors


def _as_entry(row, successors: dict[int, int] | None = None) -> StoredEntry:  # noqa: ANN001
    """A punch row as read back; with ``successors``, marked as current or superseded."""
    marks: dict[str, Any] = {}
    if successors is not None and row.superseded_at is not None:
        marks = {
            "superseded": True,
            "superseded_utc": row.superseded_at,
            "superseded_by_batch_id": row.superseded_by_batch_id,
            "superseded_by": successors.get(row.id),
        }
    return StoredEntry(
        time_stamp_entry_id=row.id,
        employee_nr=row.employee_nr,
        employee_external_code=row.employee_external_code,
        time_stamp=row.instant,
        time_stamp_as_sent=row.timestamp_sent,
        local_date=row.local_date,
        time_stamp_entry_type=EntryType(row.entry_type).wire_name,
        is_break=row.is_break,
        account_nr=row.account_nr,
        sie_account_dim=row.sie_account_dim,
        time_terminal_id=row.time_terminal_id,
        accounts=[
            {"account_nr": a["accountNr"], "sie_account_dim": a["sieAccountDim"]}
            for a in row.accounts or ()
        ],
        time_schedule_types=[
            {"time_schedule_type_code": t["timeScheduleTypeCode"]} for t in row.time_codes or ()
        ],
        received_utc=row.received_at,
        **marks,
    )
