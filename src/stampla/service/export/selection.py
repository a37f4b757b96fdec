"""Which days an export takes: the one place that decides.

Today an export takes the computed day rows of the period (``service.attest.day_rows``), the
same rows attest shows. Once days carry attest states (Registered → Attested → Approved →
Exported), this module selects by attest state instead: only days in the minimum state
(``Approved`` by default) go to payroll, and the export moves them to ``Exported``. Callers
see no difference but which days come back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from stampla.service.attest.day_rows import AttestQuery, EmployeeDay, attest_time
from stampla.settings import Settings
from stampla.store.engine import Store


def select_days(
    store: Store,
    company_id: int,
    date_from: date,
    date_to: date,
    employee_nrs: Sequence[str] | None,
    now: datetime,
    settings: Settings,
) -> list[EmployeeDay]:
    """Every day row of the period, empty days too (their expected time is the schedule)."""
    query = AttestQuery(date_from, date_to, employee_nrs, include_empty=True)
    return list(
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
