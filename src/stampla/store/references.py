"""Resolving every reference of a batch in a handful of queries (never one per entry)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, Select, String, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY

from .tables import accounts, coding_levels, employees, terminals, time_codes

T = TypeVar("T")

#: Bound parameters per IN list; well under SQLite's 32,766 and PostgreSQL's 65,535.
CHUNK = 5_000


def one_of(dialect: str, column: ColumnElement[Any], name: str = "values") -> ColumnElement[bool]:
    """``column IN :name``, where the parameter ``name`` is a list of values.

    PostgreSQL spends longer parsing and planning a statement with thousands of parameters
    than running it, so there the values travel as one array. ``= ANY(array)`` would be the
    obvious form, but on fresh statistics the planner applies it as a filter, comparing every
    row with every value; ``IN (SELECT unnest(array))`` is planned as a semi-join, linear
    whatever the statistics. SQLite plans an expanded IN list as index seeks.
    """
    if dialect == "postgresql":
        array = bindparam(name, type_=ARRAY(column.type))
        return column.in_(select(func.unnest(array)).scalar_subquery())
    return column.in_(bindparam(name, expanding=True))


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


# Statements are built once per dialect: building a select costs more than running it on a
# small batch.


@cache
def _employees_query(dialect: str) -> Select:
    c = employees.c
    return select(c.id, c.employee_nr, c.external_code, c.active).where(
        c.company_id == bindparam("company"), one_of(dialect, c.employee_nr)
    )


@cache
def _terminals_query(dialect: str) -> Select:
    c = terminals.c
    return select(c.id, c.terminal_number, c.time_zone, c.active).where(
        c.company_id == bindparam("company"), one_of(dialect, c.terminal_number)
    )


@cache
def _accounts_query(dialect: str) -> Select:
    a, lv = accounts.c, coding_levels.c
    return (
        select(a.id, a.account_nr, lv.number, lv.name, lv.sie_dimension, a.active)
        .join(coding_levels, (lv.company_id == a.company_id) & (lv.id == a.level_id))
        .where(a.company_id == bindparam("company"), one_of(dialect, a.account_nr))
        .order_by(lv.number)
    )


@cache
def _time_codes_query(dialect: str) -> Select:
    c = time_codes.c
    return select(c.id, c.code, c.active).where(
        c.company_id == bindparam("company"), one_of(dialect, func.lower(c.code, type_=String))
    )


def _rows(conn: Connection, query: Select, company_id: int, values: Collection[Any]):
    for chunk in chunks(values):
        yield from conn.execute(query, {"company": company_id, "values": chunk}).all()


def employees_by_nr(
    conn: Connection, company_id: int, nrs: Collection[str]
) -> dict[str, KnownEmployee]:
    query = _employees_query(conn.dialect.name)
    return {row.employee_nr: KnownEmployee(*row) for row in _rows(conn, query, company_id, nrs)}


def terminals_by_number(
    conn: Connection, company_id: int, numbers: Collection[int]
) -> dict[int, KnownTerminal]:
    query = _terminals_query(conn.dialect.name)
    return {
        row.terminal_number: KnownTerminal(*row) for row in _rows(conn, query, company_id, numbers)
    }


def accounts_by_nr(
    conn: Connection, company_id: int, nrs: Collection[str]
) -> dict[str, list[KnownAccount]]:
    """Every account with one of ``nrs``, in any coding level, with its level."""
    found: dict[str, list[KnownAccount]] = defaultdict(list)
    for row in _rows(conn, _accounts_query(conn.dialect.name), company_id, nrs):
        found[row.account_nr].append(KnownAccount(*row))
    return dict(found)


def time_codes_like(conn: Connection, company_id: int, codes: Sequence[str]) -> list[KnownTimeCode]:
    """Time codes equal to one of ``codes`` ignoring letter case (to suggest the right one)."""
    folded = sorted({code.lower() for code in codes})
    query = _time_codes_query(conn.dialect.name)
    return [KnownTimeCode(*row) for row in _rows(conn, query, company_id, folded)]
