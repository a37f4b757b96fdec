"""Corrections after export, the stored side: what earlier runs exported for the days a run
takes again, and the rows a run records so that later runs can compute their differences.

The rule itself is ``domain.export.corrections``; docs/payroll-export.md gives it with its
source and an example. Every run records its employee-days (``export_days``, with whether it
corrected the day) and its lines as its file wrote them (``export_lines``); a day that comes
back is then the difference against the sum of those lines over every earlier run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection

from stampla.domain.attest.model import AccountRef
from stampla.domain.export.lines import PayLine
from stampla.store import export_runs as rows

Key = tuple[int, date]


@dataclass(frozen=True)
class Earlier:
    """For each day exported before: the runs that exported it and the lines they wrote."""

    runs: dict[Key, tuple[int, ...]] = field(default_factory=dict)
    lines: dict[Key, list[PayLine]] = field(default_factory=dict)


def read_earlier(
    conn: Connection, company_id: int, last_runs: Mapping[Key, int], numbers: Mapping[int, str]
) -> Earlier:
    """What earlier runs exported for the days of ``last_runs`` (the run that last exported
    each, as the selection read it); ``numbers``: EmployeeNr by employee id."""
    if not last_runs:
        return Earlier()
    recorded = rows.earlier_days(conn, company_id, last_runs)
    runs = {key: tuple(recorded.get(key) or (last_runs[key],)) for key in last_runs}
    lines: dict[Key, list[PayLine]] = {}
    for row in rows.earlier_lines(conn, company_id, last_runs):
        key = (row.employee_id, row.date)
        lines.setdefault(key, []).append(_line(row, numbers[row.employee_id]))
    return Earlier(runs, lines)


def day_rows(run_id: int, keys: Iterable[Key], corrected: Iterable[Key]) -> list[dict[str, Any]]:
    """The ``export_days`` rows of a run."""
    again = set(corrected)
    return [
        {"run_id": run_id, "employee_id": e, "date": d, "correction": (e, d) in again}
        for e, d in keys
    ]


def line_rows(
    run_id: int, lines: Iterable[PayLine], ids: Mapping[str, int]
) -> list[dict[str, Any]]:
    """The ``export_lines`` rows of a run: each line as the file wrote it; ``ids``: employee
    id by EmployeeNr."""
    found: list[dict[str, Any]] = []
    numbers: dict[Key, int] = {}
    for line in lines:
        key = (ids[line.employee_nr], line.date)
        numbers[key] = numbers.get(key, 0) + 1
        found.append(
            {
                "run_id": run_id,
                "employee_id": key[0],
                "date": line.date,
                "line_no": numbers[key],
                "code": line.code,
                "name": line.name,
                "tidkod": line.tidkod,
                "lonart": line.lonart,
                "accounts": [list(a) for a in line.accounts],
                "absence": line.absence,
                "seconds": line.seconds,
                "hundredths": line.centi_hours,
            }
        )
    return found


def _line(row: Any, employee_nr: str) -> PayLine:
    accounts = tuple(AccountRef(int(a[0]), a[1], str(a[2])) for a in row.accounts)
    return PayLine(
        employee_nr,
        row.date,
        row.code,
        row.name,
        row.tidkod,
        row.lonart,
        accounts,
        row.seconds,
        row.absence,
        written=row.hundredths,
    )
