"""Reading back stored punches for a range of company-local dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from stampla.errors import InvalidInput, Problem
from stampla.store import punches as punch_rows
from stampla.store.engine import Store
from stampla.store.references import employees_by_nr

from .date_range import check_range


class ReadPunch(NamedTuple):
    """A stored punch as read: its row (the fields as sent and what they resolved to), and,
    for a superseded one, the id of the punch that took its place (``wire.StoredEntry.of``
    turns it into the wire's shape)."""

    row: Any
    superseded_by: int | None = None

    @property
    def superseded(self) -> bool:
        return self.row.superseded_at is not None


def read_punches(
    store: Store,
    company_id: int,
    date_from: date,
    date_to: date,
    employee_nrs: Sequence[str] | None,
    max_days: int,
    include_superseded: bool = False,
) -> list[ReadPunch]:
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
            # EMP1 and emp1 name one employee (stampla.domain.text): read them once.
            employee_ids = list(dict.fromkeys(employee.id for employee in known.values()))
        if not include_superseded:
            found = punch_rows.read_current(conn, company_id, date_from, date_to, employee_ids)
            return [ReadPunch(row) for row in found]
        found = punch_rows.read_with_superseded(conn, company_id, date_from, date_to, employee_ids)
    successors = _successors(found)
    return [ReadPunch(row, successors.get(row.id)) for row in found]


def _key(row) -> tuple:  # noqa: ANN001 - a SQLAlchemy Row
    return (row.employee_id, row.instant, row.entry_type, row.is_break, row.terminal_id)


def _successors(found: Sequence) -> dict[int, int]:
    """Superseded punch id -> id of the punch of the superseding batch with the same key.

    A batch stores one punch per key, and a successor has its predecessor's local date, so
    it is among the rows of the same read. A synthetic Out (auto stamp-out) names the real
    Out that replaced it, whose key and date may differ.
    """
    by_batch = {(_key(row), row.batch_id): row.id for row in found}
    successors: dict[int, int] = {}
    for row in found:
        if row.superseded_by_id is not None:  # a synthetic Out: its real Out is stored
            successors[row.id] = row.superseded_by_id
        elif row.superseded_by_batch_id is not None:
            successor = by_batch.get((_key(row), row.superseded_by_batch_id))
            if successor is not None:
                successors[row.id] = successor
    return successors
