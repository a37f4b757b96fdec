"""Resolving every reference of a batch in a handful of queries (never one per entry)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterator
from functools import cache
from itertools import islice
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import ColumnElement, Connection, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY

from stampla.domain.text import match_key

from .register_cache import Snapshot

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


class KnownEmployee(NamedTuple):
    key: str  # match key of the EmployeeNr (stampla.domain.text)
    id: int
    employee_nr: str
    external_code: str | None
    active: bool


class KnownTerminal(NamedTuple):
    id: int
    number: int
    time_zone: str | None
    active: bool


class KnownAccount(NamedTuple):
    key: str  # match key of the AccountNr
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


class KnownTimeCode(NamedTuple):
    key: str  # match key of the code
    id: int
    code: str
    active: bool


# The lookups below run on the driver's cursor with the values as one parameter: a JSON array
# joined through json_each on SQLite, a typed array through unnest on PostgreSQL. The
# statement text never changes, so both databases reuse their parsed statement, and no
# per-row result objects are built (half the cost of a 1,000-employee lookup through the ORM
# layer). Every lookup is an index seek on the register's (company_id, key) unique key. Text
# references are looked up by their match key (``stampla.domain.text``), computed here from the
# values sent, and each row starts with the key it was found by. The key is a field of the
# row's tuple rather than sliced off it: slicing a thousand rows cost more than the key itself.

_LOOKUPS = {
    "employees": (
        "SELECT employee_nr_key, id, employee_nr, external_code, active FROM employees "
        "WHERE company_id = {company} AND employee_nr_key IN ({values})",
        "text",
    ),
    "terminals": (
        "SELECT id, terminal_number, time_zone, active FROM terminals "
        "WHERE company_id = {company} AND terminal_number IN ({values})",
        "integer",
    ),
    "accounts": (
        "SELECT a.account_nr_key, a.id, a.account_nr, l.number, l.name, l.sie_dimension, "
        "a.active FROM accounts AS a JOIN coding_levels AS l "
        "ON l.company_id = a.company_id AND l.id = a.level_id "
        "WHERE a.company_id = {company} AND a.account_nr_key IN ({values}) ORDER BY l.number",
        "text",
    ),
    "time_codes": (
        "SELECT code_key, id, code, active FROM time_codes "
        "WHERE company_id = {company} AND code_key IN ({values})",
        "text",
    ),
}


@cache
def _lookup_sql(dialect: str, name: str) -> str:
    sql, element = _LOOKUPS[name]
    if dialect == "postgresql":
        return sql.format(company="%s", values=f"SELECT unnest(CAST(%s AS {element}[]))")
    return sql.format(company="?", values="SELECT value FROM json_each(?)")


def _lookup(
    conn: Connection, name: str, company_id: int, values: Collection[Any]
) -> list[tuple[Any, ...]]:
    """Rows of lookup ``name`` for every value, as plain tuples, ``active`` as a bool."""
    dialect = conn.dialect.name
    sql = _lookup_sql(dialect, name)
    found: list[tuple[Any, ...]] = []
    cursor = conn.connection.driver_connection.cursor()
    try:
        for chunk in chunks(values):
            cursor.execute(
                sql, (company_id, chunk if dialect == "postgresql" else json.dumps(chunk))
            )
            found.extend(cursor.fetchall())
    finally:
        cursor.close()
    if dialect == "postgresql":
        return found
    return [(*row[:-1], bool(row[-1])) for row in found]


def _rows(
    conn: Connection,
    name: str,
    company_id: int,
    values: Collection[Any],
    snapshot: Snapshot | None,
    key_at: int = 0,
) -> list[tuple[Any, ...]]:
    """Rows of lookup ``name``: from the process's copy where it has them (``snapshot``,
    ``register_cache.py``), the rest from the database."""
    if snapshot is None:
        return _lookup(conn, name, company_id, values)
    return snapshot.rows(
        name, company_id, values, lambda missing: _lookup(conn, name, company_id, missing), key_at
    )


def _by_key(
    conn: Connection,
    name: str,
    company_id: int,
    sent: Collection[str],
    snapshot: Snapshot | None = None,
) -> tuple[dict[str, str], list[tuple[Any, ...]]]:
    """The match key of each value sent, and the rows of lookup ``name`` for those keys."""
    keys = {value: match_key(value) for value in sent}
    return keys, _rows(conn, name, company_id, set(keys.values()), snapshot)


def employees_by_nr(
    conn: Connection,
    company_id: int,
    nrs: Collection[str],
    snapshot: Snapshot | None = None,
) -> dict[str, KnownEmployee]:
    """The employee each of ``nrs`` names (in any letter case), by the EmployeeNr as given."""
    keys, found = _by_key(conn, "employees", company_id, nrs, snapshot)
    by_key = {known.key: known for known in map(KnownEmployee._make, found)}
    return {nr: by_key[key] for nr, key in keys.items() if key in by_key}


def terminals_by_number(
    conn: Connection,
    company_id: int,
    numbers: Collection[int],
    snapshot: Snapshot | None = None,
) -> dict[int, KnownTerminal]:
    found = _rows(conn, "terminals", company_id, numbers, snapshot, key_at=1)
    return {row[1]: KnownTerminal._make(row) for row in found}


def accounts_by_nr(
    conn: Connection,
    company_id: int,
    nrs: Collection[str],
    snapshot: Snapshot | None = None,
) -> dict[str, list[KnownAccount]]:
    """Every account with one of ``nrs`` (in any letter case), in any coding level, with its
    level, by the AccountNr as given."""
    keys, found = _by_key(conn, "accounts", company_id, nrs, snapshot)
    by_key: dict[str, list[KnownAccount]] = defaultdict(list)
    for known in map(KnownAccount._make, found):
        by_key[known.key].append(known)
    return {nr: by_key[key] for nr, key in keys.items() if key in by_key}


def time_codes_by_code(
    conn: Connection,
    company_id: int,
    codes: Collection[str],
    snapshot: Snapshot | None = None,
) -> dict[str, KnownTimeCode]:
    """The time code each of ``codes`` names (in any letter case), by the code as given."""
    keys, found = _by_key(conn, "time_codes", company_id, codes, snapshot)
    by_key = {known.key: known for known in map(KnownTimeCode._make, found)}
    return {code: by_key[key] for code, key in keys.items() if key in by_key}
