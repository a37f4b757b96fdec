"""Punch rows: finding duplicates, superseding, inserting a batch, reading a range."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Connection, Update, bindparam, insert, select, update

from . import bulk
from .references import chunks, one_of
from .tables import employees, ingest_batches, punches

#: (employee_id, instant, entry_type, is_break, terminal_id): what makes two punches equal.
PunchKey = tuple[int, datetime, int, bool, int]


class Payload(NamedTuple):
    """What a punch carries besides its key, as sent: the fields a resend can change.

    The TimeStamp's text is not part of it: two spellings of one instant are one punch.
    Lists keep their order, which counts (the first account of a coding level wins).
    """

    employee_external_code: str | None
    account_nr: str | None
    sie_account_dim: int | None
    accounts: tuple[tuple[str, int | None], ...]
    time_codes: tuple[str, ...]


def payload_of(row: Any) -> Payload:
    """The payload of a punch row, or of anything with its attributes (a new punch)."""
    return Payload(
        row.employee_external_code,
        row.account_nr,
        row.sie_account_dim,
        tuple((a["accountNr"], a["sieAccountDim"]) for a in row.accounts or ()),
        tuple(t["timeScheduleTypeCode"] for t in row.time_codes or ()),
    )


@dataclass(frozen=True, slots=True)
class StoredPunch:
    """An existing punch, as far as deduplication needs to know it.

    ``payload`` is read only by a probe by key (``find_equal``), None otherwise."""

    id: int
    key: PunchKey
    local_date: date
    current: bool
    payload: Payload | None = None


def _stored(row: Any) -> StoredPunch:
    key = (row.employee_id, row.instant, row.entry_type, bool(row.is_break), row.terminal_id)
    return StoredPunch(row.id, key, row.local_date, row.dedup_slot == 0)


def _stored_with_payload(row: Any) -> StoredPunch:
    key = (row.employee_id, row.instant, row.entry_type, bool(row.is_break), row.terminal_id)
    return StoredPunch(row.id, key, row.local_date, row.dedup_slot == 0, payload_of(row))


def find_equal(
    conn: Connection, company_id: int, probes: Collection[tuple[date, int, datetime]]
) -> list[StoredPunch]:
    """Stored punches (current or superseded) at any (local_date, employee_id, instant),
    with their payloads."""
    found: list[StoredPunch] = []
    for chunk in chunks(probes, 10_000):
        found.extend(_stored_with_payload(row) for row in bulk.probe_keys(conn, company_id, chunk))
    return found


def find_current_of_days(
    conn: Connection, company_id: int, days: Collection[tuple[date, int]]
) -> list[StoredPunch]:
    """The current punches of each (local_date, employee_id)."""
    found: list[StoredPunch] = []
    for chunk in chunks(days, 10_000):
        found.extend(_stored(row) for row in bulk.probe_days(conn, company_id, chunk))
    return found


@cache
def _supersede_statement(dialect: str) -> Update:
    c = punches.c
    return (
        update(punches)
        .where(c.company_id == bindparam("company"), one_of(dialect, c.id), c.dedup_slot == 0)
        .values(
            superseded_at=bindparam("now"),
            superseded_by_batch_id=bindparam("batch"),
            dedup_slot=c.id,
        )
    )


def supersede(
    conn: Connection, company_id: int, ids: Sequence[int], batch_id: int, now: datetime
) -> None:
    """Mark punches as replaced by ``batch_id``; they stay stored and leave the dedup key."""
    statement = _supersede_statement(conn.dialect.name)
    for chunk in chunks(ids):
        conn.execute(
            statement, {"company": company_id, "values": chunk, "now": now, "batch": batch_id}
        )


_INSERT_BATCH = insert(ingest_batches)


def insert_batch(conn: Connection, **values: Any) -> None:
    conn.execute(_INSERT_BATCH, values)


def insert_punches(conn: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert new punch rows (ids allocated, tuples in ``bulk.INSERT_COLUMNS`` order).

    Raises ``bulk.ConcurrentInsert`` when another writer stored an equal punch meanwhile.
    """
    bulk.insert_rows(conn, rows)


def mark_offline(conn: Connection, company_id: int, ids: Collection[int]) -> None:
    """Mark punches just inserted, in the same transaction, as made offline (a kiosk's
    queue). Kept out of ``insert_punches`` so that the bulk path (COPY) stays as it is for
    every other batch."""
    conn.execute(
        update(punches)
        .where(punches.c.company_id == company_id, punches.c.id.in_(list(ids)))
        .values(offline=True)
    )


def read_current(
    conn: Connection,
    company_id: int,
    date_from: date,
    date_to: date,
    employee_ids: Collection[int] | None = None,
) -> list[Any]:
    """Current punches with local dates in [date_from, date_to], by employee nr and time.

    The punches come from one range scan of the dedup index; the employees' current numbers
    are fetched once and the rows sorted here. Joining employees in SQL let a planner without
    statistics scan every employee for every punch (seconds for one busy day).
    """
    found, numbers = _read_range(conn, company_id, date_from, date_to, employee_ids, True)
    found.sort(key=lambda row: (numbers[row.employee_id], row.instant, row.id))
    return found


def read_with_superseded(
    conn: Connection,
    company_id: int,
    date_from: date,
    date_to: date,
    employee_ids: Collection[int] | None = None,
) -> list[Any]:
    """Current and superseded punches of [date_from, date_to], as ``read_current`` orders
    them, except that punches with one key (employee, instant, type, IsBreak, terminal) sit
    together, oldest first: a punch a correction re-sent is followed by its successor."""
    found, numbers = _read_range(conn, company_id, date_from, date_to, employee_ids, False)
    found.sort(
        key=lambda row: (
            numbers[row.employee_id],
            row.instant,
            row.entry_type,
            row.is_break,
            row.terminal_id,
            row.id,
        )
    )
    return found


def _read_range(
    conn: Connection,
    company_id: int,
    date_from: date,
    date_to: date,
    employee_ids: Collection[int] | None,
    current_only: bool,
) -> tuple[list[Any], dict[int, str]]:
    """The punches of a range, unsorted, and their employees' current numbers."""
    p = punches.c
    query = select(punches).where(
        p.company_id == company_id,
        p.local_date >= date_from,
        p.local_date <= date_to,
    )
    if current_only:
        query = query.where(p.dedup_slot == 0)
    params: dict[str, Any] = {}
    if employee_ids is not None:
        query = query.where(one_of(conn.dialect.name, p.employee_id, "employees"))
        params["employees"] = list(employee_ids)
    found = list(conn.execute(query, params))
    return found, _employee_numbers(conn, company_id, {row.employee_id for row in found})


def _employee_numbers(conn: Connection, company_id: int, ids: set[int]) -> dict[int, str]:
    e = employees.c
    numbers: dict[int, str] = {}
    query = select(e.id, e.employee_nr).where(
        e.company_id == company_id, one_of(conn.dialect.name, e.id)
    )
    for chunk in chunks(ids):
        numbers.update((row.id, row.employee_nr) for row in conn.execute(query, {"values": chunk}))
    return numbers
