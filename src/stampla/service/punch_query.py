"""Reading back stored punches for a range of company-local dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

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
) -> list[StoredEntry]:
    """Current punches of the company in [date_from, date_to], by employee and time."""
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
        found = rows.read_current(conn, company_id, date_from, date_to, employee_ids)
    return [_as_entry(row) for row in found]


def _as_entry(row) -> StoredEntry:  # noqa: ANN001 - a SQLAlchemy Row
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
    )
