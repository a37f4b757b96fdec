"""Resolving every reference of a batch in a handful of queries (never one per entry)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, String, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY

from .tables import accounts, coding_levels, employees, terminals, time_codes

T = TypeVar("T")

#: Bound parameters per IN list; well under SQLite's 32,766 and PostgreSQL's 65,535.
CHUNK = 5_000


def one_of(conn: Connection, column: ColumnElement[Any], values: list[Any]) -> ColumnElement[bool]:
    """``column IN values``, as one array parameter on PostgreSQL.

    PostgreSQL spends longer parsing and planning a statement with thousands of parameters
    than running it, so the values travel as one array. ``= ANY(array)`` would be the obvious
    form, but on fresh statistics the planner applies it as a filter, comparing every row with
    every value; ``IN (SELECT unnest(array))`` is planned as a semi-join, linear whatever the
    statistics. SQLite plans an IN list as index seeks and has no arrays.
    """
    if conn.dialect.name == "postgresql":
        array = bindparam(None, values, type_=ARRAY(column.type))
        return column.in_(select(func.unnest(array)).scalar_subquery())
    return column.in_(values)


def chunks(values: Collection[T], size: int = CHUNK) -> Iterator[list[T]]:
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass(frozen=True, slots=True)
class KnownEmployee:
    id: int
    employee_nr: str
    external_code: str | None
    active: bool


@dataclass(frozen=True, slots=True)
class KnownTerminal:
    id: int
    number: int
    time_zone: str | None
    active: bool


@dataclass(frozen=True, slots=True)
class KnownAccount:
    id: int
    account_nr: str
    level_number: int
    level_name: str
    sie_dimension: int | None
    active: bool

    @property
    def label(self) -> str:
        dimension = f"SIE {self.sie_dimension}" if self.sie_dimension is not None else "no SIE"
        return f"{self.level_name} ({dimension})"


@dataclass(frozen=True, slots=True)
class KnownTimeCode:
    id: int
    code: str
    active: bool


def employees_by_nr(
    conn: Connection, company_id: int, nrs: Collection[str]
) -> dict[str, KnownEmployee]:
    found: dict[str, KnownEmployee] = {}
    c = employees.c
    for chunk in chunks(nrs):
        query = select(c.id, c.employee_nr, c.external_code, c.active).where(
            c.company_id == company_id, one_of(conn, c.employee_nr, chunk)
        )
        for row in conn.execute(query):
            found[row.employee_nr] = KnownEmployee(*row)
    return found


def terminals_by_number(
    conn: Connection, company_id: int, numbers: Collection[int]
) -> dict[int, KnownTerminal]:
    c = terminals.c
    query = select(c.id, c.terminal_number, c.time_zone, c.active).where(
        c.company_id == company_id, one_of(conn, c.terminal_number, list(numbers))
    )
    return {row.terminal_number: KnownTerminal(*row) for row in conn.execute(query)}


def accounts_by_nr(
    conn: Connection, company_id: int, nrs: Collection[str]
) -> dict[str, list[KnownAccount]]:
    """Every account with one of ``nrs``, in any coding level, with its level."""
    a, lv = accounts.c, coding_levels.c
    found: dict[str, list[KnownAccount]] = defaultdict(list)
    for chunk in chunks(nrs):
        query = (
            select(a.id, a.account_nr, lv.number, lv.name, lv.sie_dimension, a.active)
            .join(coding_levels, (lv.company_id == a.company_id) & (lv.id == a.level_id))
            .where(a.company_id == company_id, one_of(conn, a.account_nr, chunk))
            .order_by(lv.number)
        )
        for row in conn.execute(query):
            found[row.account_nr].append(KnownAccount(*row))
    return dict(found)


def time_codes_like(conn: Connection, company_id: int, codes: Sequence[str]) -> list[KnownTimeCode]:
    """Time codes equal to one of ``codes`` ignoring letter case (to suggest the right one)."""
    c = time_codes.c
    folded = sorted({code.lower() for code in codes})
    query = select(c.id, c.code, c.active).where(
        c.company_id == company_id, one_of(conn, func.lower(c.code, type_=String), folded)
    )
    return [KnownTimeCode(*row) for row in conn.execute(query)]
