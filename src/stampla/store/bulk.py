"""Dialect fast paths for batches of punches: probing many keys, inserting many rows.

Both dialects send a batch as a few parameters, never one per row: thousands of bound
parameters cost more to parse and plan than the work itself. SQLite gets the keys as one JSON
array joined through ``json_each`` and rows by ``executemany``. PostgreSQL gets keys as typed
arrays joined through ``unnest`` and rows by binary ``COPY``. Every key lookup is an index seek
on ``ux_punches_dedup``, and the query's shape says so: ``CROSS JOIN`` fixes SQLite's join
order (and ``INDEXED BY`` its index: a probe returning the payload, columns the index lacks,
was otherwise planned as a search of the whole company's primary key), and on PostgreSQL
a ``LATERAL`` subquery fenced with ``OFFSET 0`` is a lookup per key. Without that fence, a
server whose statistics are missing or stale (autovacuum off, or a table grown since its
last ANALYZE) merge-joined 1,000 keys against every punch of the company: 134 ms instead of
1.6 ms on 200,000 punches.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from sqlalchemy import Connection, TextualSelect, text

from stampla.errors import Conflict

from .tables import punches

#: The columns a new punch row carries, in insert order.
INSERT_COLUMNS = (
    "company_id",
    "id",
    "employee_id",
    "instant",
    "local_date",
    "entry_type",
    "is_break",
    "terminal_id",
    "account_id",
    "employee_nr",
    "employee_external_code",
    "timestamp_sent",
    "time_terminal_id",
    "account_nr",
    "sie_account_dim",
    "accounts",
    "time_codes",
    "batch_id",
    "received_at",
)
_JSON_COLUMNS = {INSERT_COLUMNS.index("accounts"), INSERT_COLUMNS.index("time_codes")}
_INSTANT_COLUMNS = {INSERT_COLUMNS.index("instant"), INSERT_COLUMNS.index("received_at")}
_DATE_COLUMN = INSERT_COLUMNS.index("local_date")
_PG_TYPES = [
    "int8", "int8", "int8", "timestamptz", "date", "int2", "bool", "int8", "int8", "text",
    "text", "text", "int4", "text", "int4", "jsonb", "jsonb", "int8", "timestamptz",
]  # fmt: skip

#: What a probe returns: enough to decide whether a new punch equals a stored one.
PROBE_COLUMNS = ("id", "employee_id", "instant", "entry_type", "is_break", "terminal_id",
                 "local_date", "dedup_slot")  # fmt: skip
#: What a probe by key returns besides: the optional fields as sent, to tell a resend that
#: changes them (a correction) from one that repeats them.
PAYLOAD_COLUMNS = ("employee_external_code", "account_nr", "sie_account_dim", "accounts",
                   "time_codes")  # fmt: skip


class ConcurrentInsert(Conflict):
    """Another writer committed one of these punches first; the caller retries the batch."""


def sqlite_instant(value: datetime) -> str:
    """An instant in the text form SQLAlchemy's SQLite DateTime stores (naive UTC)."""
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


def probe_keys(
    conn: Connection, company_id: int, keys: Sequence[tuple[date, int, datetime]]
) -> list[Any]:
    """Stored punches (current or superseded) at each (local_date, employee_id, instant):
    their PROBE_COLUMNS and PAYLOAD_COLUMNS."""
    if not keys:
        return []
    if conn.dialect.name == "postgresql":
        dates, employees, instants = (list(column) for column in zip(*keys, strict=True))
        params = {"dates": dates, "employees": employees, "instants": instants}
    else:
        encoded = [(d.isoformat(), e, sqlite_instant(i)) for d, e, i in keys]
        params = {"keys": json.dumps(encoded)}
    statement = _probe_statement(conn.dialect.name, "keys")
    return list(conn.execute(statement, {"company": company_id, **params}))


def probe_days(conn: Connection, company_id: int, days: Sequence[tuple[date, int]]) -> list[Any]:
    """The current punches of each (local_date, employee_id): their PROBE_COLUMNS."""
    if not days:
        return []
    if conn.dialect.name == "postgresql":
        dates, employees = (list(column) for column in zip(*days, strict=True))
        params = {"dates": dates, "employees": employees}
    else:
        params = {"days": json.dumps([(d.isoformat(), e) for d, e in days])}
    statement = _probe_statement(conn.dialect.name, "days")
    return list(conn.execute(statement, {"company": company_id, **params}))


_PROBES = {
    ("postgresql", "keys"): """SELECT {columns} FROM unnest(
                    CAST(:dates AS date[]), CAST(:employees AS bigint[]),
                    CAST(:instants AS timestamptz[])) AS k(d, e, i)
                  CROSS JOIN LATERAL (SELECT * FROM punches AS q
                    WHERE q.company_id = :company AND q.local_date = k.d
                      AND q.employee_id = k.e AND q.instant = k.i OFFSET 0) AS p""",
    ("sqlite", "keys"): """SELECT {columns} FROM json_each(:keys) AS k
                  CROSS JOIN punches AS p INDEXED BY ux_punches_dedup
                  WHERE p.company_id = :company AND p.local_date = k.value ->> 0
                   AND p.employee_id = k.value ->> 1 AND p.instant = k.value ->> 2""",
    ("postgresql", "days"): """SELECT {columns} FROM unnest(
                    CAST(:dates AS date[]), CAST(:employees AS bigint[])) AS k(d, e)
                  CROSS JOIN LATERAL (SELECT * FROM punches AS q
                    WHERE q.company_id = :company AND q.local_date = k.d
                      AND q.employee_id = k.e AND q.dedup_slot = 0 OFFSET 0) AS p""",
    ("sqlite", "days"): """SELECT {columns} FROM json_each(:days) AS k CROSS JOIN punches AS p
                  WHERE p.company_id = :company AND p.local_date = k.value ->> 0
                   AND p.employee_id = k.value ->> 1 AND p.dedup_slot = 0""",
}


@cache
def _probe_statement(dialect: str, by: str) -> TextualSelect:
    """A probe, built once: constructing it cost a tenth of a single punch's work.

    A probe by key also returns the payload; one by day does not need it."""
    names = PROBE_COLUMNS + PAYLOAD_COLUMNS if by == "keys" else PROBE_COLUMNS
    sql = _PROBES[(dialect, by)].format(columns=", ".join(f"p.{c}" for c in names))
    return text(sql).columns(*(punches.c[name] for name in names))


def insert_rows(conn: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert punch rows (tuples in INSERT_COLUMNS order) in one go.

    Raises ConcurrentInsert if a unique key was taken meanwhile by another transaction: only
    possible on PostgreSQL, where writers do not serialise on one lock as they do in SQLite.
    """
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        _executemany_rows(conn, rows)
    elif len(rows) <= SMALL_BATCH:
        _insert_rows(conn, rows)
    else:
        _copy_rows(conn, rows)


def _executemany_rows(conn: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    placeholders = ", ".join("?" for _ in INSERT_COLUMNS)
    sql = f"INSERT INTO punches ({', '.join(INSERT_COLUMNS)}) VALUES ({placeholders})"
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.executemany(sql, sqlite_rows(rows))
    finally:
        cursor.close()


def sqlite_rows(rows: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows with instants, dates and JSON in the text forms SQLite stores."""
    formatted: dict[datetime, str] = {}  # received_at is the same for a whole batch

    def instant(value: datetime) -> str:
        text = formatted.get(value)
        if text is None:
            text = formatted[value] = sqlite_instant(value)
        return text

    converted = []
    for row in rows:
        values = list(row)
        for position in _INSTANT_COLUMNS:
            values[position] = instant(values[position])
        values[_DATE_COLUMN] = values[_DATE_COLUMN].isoformat()
        for position in _JSON_COLUMNS:
            if values[position] is not None:
                values[position] = json.dumps(values[position])
        converted.append(tuple(values))
    return converted


#: Up to this many rows, one INSERT round trip beats COPY's start, data and end messages.
SMALL_BATCH = 16


def _insert_rows(conn: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    placeholders = ", ".join("%s" for _ in INSERT_COLUMNS)
    values = ", ".join(f"({placeholders})" for _ in rows)
    sql = f"INSERT INTO punches ({', '.join(INSERT_COLUMNS)}) VALUES {values}"
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.execute(sql, [value for row in rows for value in _pg_row(row)])
    except psycopg.errors.UniqueViolation as error:
        raise ConcurrentInsert("A concurrent writer stored one of these punches") from error
    finally:
        cursor.close()


def _copy_rows(conn: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    columns = ", ".join(INSERT_COLUMNS)
    cursor = conn.connection.driver_connection.cursor()
    try:
        with cursor.copy(f"COPY punches ({columns}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(_PG_TYPES)
            for row in rows:
                copy.write_row(_pg_row(row))
    except psycopg.errors.UniqueViolation as error:
        raise ConcurrentInsert("A concurrent writer stored one of these punches") from error
    finally:
        cursor.close()


def _pg_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
    values = list(row)
    for position in _JSON_COLUMNS:
        if values[position] is not None:
            values[position] = Jsonb(values[position])
    return tuple(values)
