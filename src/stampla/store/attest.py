"""The queries attest needs: settings, the employees of a read, their punches, their accounts.

Punches are read by ``local_date IN (…) AND employee_id IN (…)``: both columns lead the one
punch index (after company_id), so SQLite and PostgreSQL answer with index probes instead of
scanning a whole date range once per group of employees (on PostgreSQL the lists travel as
arrays, see ``references.one_of``). JSON columns are read as text so
that the service can parse each distinct value once (most punches share a handful).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite

from stampla.domain.attest import AccountRef, Punch
from stampla.domain.punch import EntryType

from .references import chunks
from .tables import accounts, attest_settings, coding_levels, companies, employees, punches


@dataclass(frozen=True, slots=True)
class AttestEmployee:
    id: int
    employee_nr: str
    weekly_minutes: int | None
    active: bool


def company_time_zone(conn: Connection, company_id: int) -> str:
    query = select(companies.c.time_zone).where(companies.c.id == company_id)
    return conn.execute(query).scalar_one()


def read_settings(conn: Connection, company_id: int) -> Any | None:
    """The company's settings row, or None when it uses the defaults."""
    query = select(attest_settings).where(attest_settings.c.company_id == company_id)
    return conn.execute(query).one_or_none()


def write_settings(conn: Connection, company_id: int, **values: Any) -> None:
    """Insert or replace the company's settings row."""
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = dialect_insert(attest_settings).values(company_id=company_id, **values)
    conn.execute(statement.on_conflict_do_update(index_elements=["company_id"], set_=values))


def attest_employees(
    conn: Connection, company_id: int, nrs: Collection[str] | None
) -> list[AttestEmployee]:
    """The employees named (all of the company's when ``nrs`` is None), by employee number."""
    e = employees.c
    query = select(e.id, e.employee_nr, e.weekly_minutes, e.active).where(
        e.company_id == company_id
    )
    if nrs is None:
        return [AttestEmployee(*row) for row in conn.execute(query.order_by(e.employee_nr))]
    found: list[AttestEmployee] = []
    for chunk in chunks(nrs):
        found.extend(
            AttestEmployee(*row) for row in conn.execute(query.where(e.employee_nr.in_(chunk)))
        )
    return sorted(found, key=lambda employee: employee.employee_nr)


#: Current punches of some employees on some dates. The instant comes back as naive UTC
#: text (SQLite stores exactly that): ``fromisoformat`` makes it a datetime several times
#: faster than a column type would, which counts on a million rows.
_SQLITE_PUNCHES = """
    SELECT employee_id, id, instant, local_date, entry_type, is_break, account_id,
           CAST(accounts AS TEXT), CAST(time_codes AS TEXT)
    FROM punches
    WHERE company_id = ? AND local_date IN (SELECT value FROM json_each(?))
      AND employee_id IN (SELECT value FROM json_each(?)) AND dedup_slot = 0"""
_POSTGRES_PUNCHES = """
    SELECT employee_id, id, to_char(instant AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'),
           local_date, entry_type, is_break, account_id, accounts::text, time_codes::text
    FROM punches
    WHERE company_id = %s AND local_date IN (SELECT unnest(%s::date[]))
      AND employee_id IN (SELECT unnest(%s::bigint[])) AND dedup_slot = 0"""


def punch_rows(
    conn: Connection, company_id: int, dates: Sequence[date], employee_ids: Sequence[int]
) -> list[tuple]:
    """Current punches of the employees on the dates, unordered.

    Rows: employee_id, id, instant (naive UTC text), local_date (a date, or its ISO text on
    SQLite), entry_type, is_break, account_id, and the Accounts and TimeScheduleTypes
    documents as JSON text. A fast path on the driver's own cursor, like ``bulk``: the lists
    travel as one parameter each and every (date, employee) is an index seek on
    ``ux_punches_dedup``; skipping SQLAlchemy's row processing saves a second per million rows.
    """
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        if conn.dialect.name == "postgresql":
            cursor.execute(_POSTGRES_PUNCHES, (company_id, list(dates), list(employee_ids)))
        else:
            days = json.dumps([day.isoformat() for day in dates])
            cursor.execute(_SQLITE_PUNCHES, (company_id, days, json.dumps(list(employee_ids))))
        return cursor.fetchall()
    finally:
        cursor.close()


def account_refs(conn: Connection, company_id: int, ids: Collection[int]) -> dict[int, AccountRef]:
    """Accounts by id, with the coding level (number and SIE dimension) each belongs to."""
    a, level = accounts.c, coding_levels.c
    found: dict[int, AccountRef] = {}
    for chunk in chunks(ids):
        query = (
            select(a.id, level.number, level.sie_dimension, a.account_nr)
            .join(coding_levels, (level.company_id == a.company_id) & (level.id == a.level_id))
            .where(a.company_id == company_id, a.id.in_(chunk))
        )
        for row in conn.execute(query):
            found[row.id] = AccountRef(row.number, row.sie_dimension, row.account_nr)
    return found


_ENTRY_TYPES = {int(t): t for t in EntryType}


class PunchReader:
    """Reads punches as domain values, parsing each distinct JSON document only once.

    A punch's accounts are its AccountNr first, then its Accounts[] in the order sent; its
    time codes are the distinct TimeScheduleTypes codes, in the order sent.
    """

    def __init__(self, conn: Connection, company_id: int) -> None:
        self.conn = conn
        self.company_id = company_id
        self.accounts: dict[int, AccountRef] = {}
        self._account_ids: dict[str | None, tuple[int, ...]] = {None: ()}
        self._refs: dict[tuple[int | None, str | None], tuple[AccountRef, ...]] = {}
        self._codes: dict[str | None, tuple[str, ...]] = {None: ()}

    def read(self, dates: Sequence[date], employee_ids: Sequence[int]) -> dict[int, list[Punch]]:
        """The employees' current punches on the dates, by employee id (unordered)."""
        return self.punches(self.fetch(dates, employee_ids), dates)

    def fetch(self, dates: Sequence[date], employee_ids: Sequence[int]) -> list[tuple]:
        """The database part of ``read``: punch rows, and the accounts they name."""
        rows = punch_rows(self.conn, self.company_id, dates, employee_ids)
        self._load_accounts(rows)
        return rows

    def punches(self, rows: Sequence[tuple], dates: Sequence[date]) -> dict[int, list[Punch]]:
        """The Python part of ``read``: fetched rows as punches, by employee id.

        One loop with everything in locals: it runs once per punch.
        """
        days = {key: day for day in dates for key in (day, day.isoformat())}
        refs_of, codes_of, parse = self._refs, self._codes, datetime.fromisoformat
        found: dict[int, list[Punch]] = defaultdict(list)
        for employee_id, pid, utc, day, entry_type, is_break, account_id, docs, codes in rows:
            refs = refs_of.get((account_id, docs))
            if refs is None:
                refs = refs_of[(account_id, docs)] = self._account_refs(account_id, docs)
            names = codes_of.get(codes)
            if names is None:
                names = codes_of[codes] = _codes(codes)
            found[employee_id].append(
                Punch(
                    pid,
                    parse(utc + "+00:00"),
                    days[day],
                    _ENTRY_TYPES[entry_type],
                    bool(is_break),
                    refs,
                    names,
                )
            )
        return found

    def _load_accounts(self, rows: Sequence[Any]) -> None:
        wanted = {row[6] for row in rows if row[6] is not None}
        for document in {row[7] for row in rows}:
            wanted.update(self._ids(document))
        missing = wanted - self.accounts.keys()
        if missing:
            self.accounts.update(account_refs(self.conn, self.company_id, missing))

    def _ids(self, document: str | None) -> tuple[int, ...]:
        ids = self._account_ids.get(document)
        if ids is None:
            parsed = json.loads(document) or []  # type: ignore[arg-type]
            ids = tuple(a["accountId"] for a in parsed if a.get("accountId") is not None)
            self._account_ids[document] = ids
        return ids

    def _account_refs(self, account_id: int | None, document: str | None) -> tuple:
        ids = ((account_id,) if account_id is not None else ()) + self._ids(document)
        return tuple(self.accounts[i] for i in ids if i in self.accounts)


def _codes(document: str | None) -> tuple[str, ...]:
    parsed = json.loads(document) if document else None
    return tuple(dict.fromkeys(t["timeScheduleTypeCode"] for t in parsed or ()))


@dataclass(frozen=True, slots=True)
class EmployeeLabel:
    employee_nr: str
    name: str
    active: bool


def employee_labels(
    conn: Connection, company_id: int, nrs: Collection[str]
) -> dict[str, EmployeeLabel]:
    """Names of the employees named, by employee number (pages show who a row is)."""
    e = employees.c
    query = select(e.employee_nr, e.first_name, e.last_name, e.active).where(
        e.company_id == company_id
    )
    found: dict[str, EmployeeLabel] = {}
    for chunk in chunks(nrs):
        for row in conn.execute(query.where(e.employee_nr.in_(chunk))):
            name = f"{row.first_name} {row.last_name}"
            found[row.employee_nr] = EmployeeLabel(row.employee_nr, name, row.active)
    return found


def punch_terminals(conn: Connection, company_id: int, ids: Collection[int]) -> dict[int, int]:
    """The Terminal ID number each punch was sent with, by punch id (primary-key lookups)."""
    p = punches.c
    query = select(p.id, p.time_terminal_id).where(p.company_id == company_id)
    found: dict[int, int] = {}
    for chunk in chunks(ids):
        for row in conn.execute(query.where(p.id.in_(chunk))):
            found[row.id] = row.time_terminal_id
    return found
