"""Writing many rows of any company table fast: COPY on PostgreSQL, executemany on SQLite.

For master data imports and their audit events (punches have their own, in ``bulk``).

SQLAlchemy's executemany builds a parameter dictionary per row and, on psycopg, sends one
statement per row through the pipeline; for an import of 50,000 rows that is most of the time.
Here each value goes through the column type's own bind processor (so aware datetimes, JSON
documents and decimals are stored exactly as an ordinary insert would store them), and then:

* PostgreSQL: ``COPY … FROM STDIN`` for inserts; for updates, COPY into a temporary table and
  one ``UPDATE … FROM`` it.
* SQLite: the driver's own ``executemany`` of one prepared statement, which loops in C.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import psycopg
from sqlalchemy import Connection, Table
from sqlalchemy.exc import IntegrityError

Processor = Callable[[Any], Any] | None


def insert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (all with the same keys, company_id and id included) into ``table``."""
    if not rows:
        return
    columns = list(rows[0])
    values = _tuples(conn, table, columns, rows)
    if conn.dialect.name == "postgresql":
        _copy(conn, table.name, columns, values)
    else:
        marks = ", ".join("?" for _ in columns)
        conn.exec_driver_sql(
            f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})", values
        )


def update(
    conn: Connection,
    table: Table,
    company_id: int,
    columns: Sequence[str],
    rows: Sequence[dict[str, Any]],
) -> None:
    """Set ``columns`` on the company's rows, each given as ``{"id": …, column: value, …}``."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _update_from_copy(conn, table, company_id, columns, rows)
        return
    values = _tuples(conn, table, [*columns, "company_id", "id"], _with_company(rows, company_id))
    assignments = ", ".join(f"{name} = ?" for name in columns)
    conn.exec_driver_sql(
        f"UPDATE {table.name} SET {assignments} WHERE company_id = ? AND id = ?", values
    )


def _with_company(rows: Sequence[dict[str, Any]], company_id: int) -> list[dict[str, Any]]:
    return [{**row, "company_id": company_id} for row in rows]


def _update_from_copy(
    conn: Connection,
    table: Table,
    company_id: int,
    columns: Sequence[str],
    rows: Sequence[dict[str, Any]],
) -> None:
    staged = f"staged_{table.name}"
    names = ["id", *columns]
    conn.exec_driver_sql(
        f"CREATE TEMPORARY TABLE {staged} ON COMMIT DROP AS "
        f"SELECT {', '.join(names)} FROM {table.name} WITH NO DATA"
    )
    _copy(conn, staged, names, _tuples(conn, table, names, rows))
    assignments = ", ".join(f"{name} = s.{name}" for name in columns)
    conn.exec_driver_sql(
        f"UPDATE {table.name} AS t SET {assignments} FROM {staged} AS s "
        "WHERE t.company_id = %(company_id)s AND t.id = s.id",
        {"company_id": company_id},
    )
    conn.exec_driver_sql(f"DROP TABLE {staged}")


def _tuples(
    conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[dict[str, Any]]
) -> list[tuple[Any, ...]]:
    """Each row as a tuple of driver values, through the columns' bind processors.

    A column's processor runs once per distinct value: a batch repeats its timestamp, its
    booleans and many of its texts, and processing 50,000 equal timestamps once each shows.
    """
    dialect = conn.dialect
    converters = [
        _memoized(table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
        for name in columns
    ]
    pairs = list(zip(columns, converters, strict=True))
    return [tuple(convert(row[name]) for name, convert in pairs) for row in rows]


def _memoized(process: Processor) -> Callable[[Any], Any]:
    if process is None:
        return _same
    memo: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        if value is None:
            return None
        try:
            return memo[value]
        except KeyError:
            memo[value] = converted = process(value)
            return converted
        except TypeError:  # unhashable: a JSON document
            return process(value)

    return convert


def _same(value: Any) -> Any:
    return value


def _copy(conn: Connection, table_name: str, columns: Sequence[str], values: list[tuple]) -> None:
    """COPY ``values`` in; a unique-key clash is raised as SQLAlchemy's IntegrityError, as an
    ordinary statement would raise it, so callers handle one exception whichever path ran."""
    sql = f"COPY {table_name} ({', '.join(columns)}) FROM STDIN"
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(sql) as copy:
            for row in values:
                copy.write_row(row)
    except psycopg.IntegrityError as error:
        raise IntegrityError(sql, None, error) from error
    finally:
        cursor.close()
