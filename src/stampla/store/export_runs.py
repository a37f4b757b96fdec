"""Payroll export runs, and the register reads an export needs, company first."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, insert, select, tuple_

from . import bulk_rows
from .ids import allocate_id
from .tables import (
    accounts,
    coding_levels,
    companies,
    employees,
    employment_terms,
    export_days,
    export_lines,
    export_runs,
    time_codes,
)

#: The most (employee, date) keys one query asks for.
CHUNK = 400

#: A run as listed: everything but the file itself.
_LISTED = [c for c in export_runs.c if c.name != "content"]


def insert_run(conn: Connection, company_id: int, values: Mapping[str, Any]) -> int:
    run_id = allocate_id(conn, export_runs, company_id)
    conn.execute(insert(export_runs).values(company_id=company_id, id=run_id, **values))
    return run_id


def insert_days(conn: Connection, company_id: int, rows: Sequence[Mapping[str, Any]]) -> None:
    """A run's employee-days (run_id, employee_id, date, correction)."""
    bulk_rows.insert(conn, export_days, [{"company_id": company_id, **row} for row in rows])


def insert_lines(conn: Connection, company_id: int, rows: Sequence[Mapping[str, Any]]) -> None:
    """A run's lines as its file wrote them (every column of ``export_lines`` but company)."""
    bulk_rows.insert(conn, export_lines, [{"company_id": company_id, **row} for row in rows])


def earlier_days(
    conn: Connection, company_id: int, keys: Collection[tuple[int, date]]
) -> dict[tuple[int, date], list[int]]:
    """The runs that exported each (employee id, date), oldest first."""
    found: dict[tuple[int, date], list[int]] = {}
    d = export_days.c
    for chunk in _chunks(keys):
        query = select(d.employee_id, d.date, d.run_id).where(
            d.company_id == company_id, tuple_(d.employee_id, d.date).in_(chunk)
        )
        for row in conn.execute(query.order_by(d.run_id)):
            found.setdefault((row.employee_id, row.date), []).append(row.run_id)
    return found


def earlier_lines(
    conn: Connection, company_id: int, keys: Collection[tuple[int, date]]
) -> list[Row]:
    """Every line earlier runs exported for these (employee id, date), by run and line."""
    found: list[Row] = []
    x = export_lines.c
    for chunk in _chunks(keys):
        query = select(export_lines).where(
            x.company_id == company_id, tuple_(x.employee_id, x.date).in_(chunk)
        )
        found.extend(conn.execute(query))
    found.sort(key=lambda row: (row.run_id, row.employee_id, row.date, row.line_no))
    return found


def runs_without_lines(conn: Connection, company_id: int, run_ids: Collection[int]) -> set[int]:
    """Of these runs, those written before runs recorded their days and lines (0015)."""
    if not run_ids:
        return set()
    r = export_runs.c
    query = select(r.id).where(
        r.company_id == company_id, r.id.in_(sorted(set(run_ids))), r.days.is_(None)
    )
    return {row.id for row in conn.execute(query)}


def _chunks(keys: Iterable[tuple[int, date]]) -> Iterable[list[tuple[int, date]]]:
    every = sorted(set(keys))
    for start in range(0, len(every), CHUNK):
        yield every[start : start + CHUNK]


def run_row(conn: Connection, company_id: int, run_id: int) -> Row | None:
    query = select(export_runs).where(
        export_runs.c.company_id == company_id, export_runs.c.id == run_id
    )
    return conn.execute(query).first()


def run_rows(conn: Connection, company_id: int, limit: int = 100) -> list[Row]:
    """The newest runs first, without their files."""
    query = (
        select(*_LISTED)
        .where(export_runs.c.company_id == company_id)
        .order_by(export_runs.c.id.desc())
        .limit(limit)
    )
    return list(conn.execute(query))


def company(conn: Connection, company_id: int) -> Row:
    query = select(companies.c.id, companies.c.name, companies.c.org_nr)
    return conn.execute(query.where(companies.c.id == company_id)).one()


def code_rows(conn: Connection, company_id: int) -> list[Row]:
    t = time_codes.c
    query = select(t.code, t.name, t.kind, t.paxml_code, t.salary_ids)
    return list(conn.execute(query.where(t.company_id == company_id)))


def level_rows(conn: Connection, company_id: int) -> list[Row]:
    c = coding_levels.c
    query = select(c.number, c.name, c.sie_dimension).where(c.company_id == company_id)
    return list(conn.execute(query))


def account_rows(conn: Connection, company_id: int) -> list[Row]:
    """Accounts with their level's number and SIE dimension."""
    a, c = accounts.c, coding_levels.c
    query = (
        select(c.number, c.sie_dimension, a.account_nr, a.name)
        .join_from(
            accounts,
            coding_levels,
            (c.company_id == a.company_id) & (c.id == a.level_id),
        )
        .where(a.company_id == company_id)
    )
    return list(conn.execute(query))


def employee_agreements(
    conn: Connection, company_id: int
) -> dict[str, tuple[str, str | None, list[tuple[date, str | None]]]]:
    """By employee number: name, own time agreement, and dated terms' agreements (sorted)."""
    e, t = employees.c, employment_terms.c
    found: dict[int, tuple[str, str, str | None, list]] = {}
    query = select(e.id, e.employee_nr, e.first_name, e.last_name, e.time_agreement)
    for row in conn.execute(query.where(e.company_id == company_id)):
        found[row.id] = (
            row.employee_nr,
            f"{row.first_name} {row.last_name}",
            row.time_agreement,
            [],
        )
    terms = select(t.employee_id, t.valid_from, t.time_agreement).where(t.company_id == company_id)
    for row in conn.execute(terms.order_by(t.employee_id, t.valid_from)):
        if row.employee_id in found:
            found[row.employee_id][3].append((row.valid_from, row.time_agreement))
    return {nr: (name, own, dated) for nr, name, own, dated in found.values()}
