"""The queries attest needs: settings, the employees of a read, their punches, their accounts.

Punches are read for a group of employees and a list of dates at once, each (date, employee)
an index probe on the one punch index (which leads with company_id, local_date,
employee_id). They come back as one array per column rather than as rows
(``punch_columns``): the database's share of the work then runs without holding the GIL,
on both databases, and turning the columns into punches is a few ``map`` calls in C. JSON
columns are read as text so that the reader can parse each distinct value once (most
punches share a handful).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import groupby, repeat
from operator import itemgetter, methodcaller
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects import postgresql, sqlite

from stampla.domain.attest import AccountRef, Punch
from stampla.domain.attest.model import TERMINAL, build
from stampla.domain.punch import EntryType
from stampla.domain.schedule import EmployeePlanning
from stampla.domain.text import match_key

from .planning import plannings
from .references import chunks, one_of
from .tables import (
    accounts,
    attest_settings,
    coding_levels,
    companies,
    employees,
    punches,
    time_codes,
)

G = TypeVar("G")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class AttestEmployee:
    id: int
    employee_nr: str
    weekly_minutes: int | None
    active: bool
    hire_date: date | None = None
    end_date: date | None = None
    #: The employee row's own time agreement: its term where no dated terms are stored.
    time_agreement: str | None = None


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


class RegisteredCode(NamedTuple):
    code: str
    kind: str  # attendance or absence


def registered_codes(conn: Connection, company_id: int) -> dict[int, RegisteredCode]:
    """The company's time codes by id (a small register, read once per attest read)."""
    t = time_codes.c
    query = select(t.id, t.code, t.kind).where(t.company_id == company_id)
    return {row.id: RegisteredCode(row.code, row.kind) for row in conn.execute(query)}


def attest_employees(
    conn: Connection, company_id: int, nrs: Collection[str] | None
) -> list[AttestEmployee]:
    """The employees named (all of the company's when ``nrs`` is None), by employee number.

    ``nrs`` match in any letter case (``stampla.domain.text``); each employee comes once.
    """
    e = employees.c
    columns = (e.id, e.employee_nr, e.weekly_minutes, e.active, e.hire_date, e.end_date)
    query = select(*columns, e.time_agreement).where(e.company_id == company_id)
    if nrs is None:
        return [AttestEmployee(*row) for row in conn.execute(query.order_by(e.employee_nr))]
    found: list[AttestEmployee] = []
    for chunk in chunks({match_key(nr) for nr in nrs}):
        found.extend(
            AttestEmployee(*row) for row in conn.execute(query.where(e.employee_nr_key.in_(chunk)))
        )
    return sorted(found, key=lambda employee: employee.employee_nr)


#: Current punches of some employees on some dates, as one array per column (``PunchColumns``).
#: SQLite builds the arrays inside ``sqlite3_step``, which runs without the GIL, so the
#: index probes and table lookups of the next group of employees overlap the computation of
#: this one; decoding six flat JSON arrays then takes a sixth of the time ``fetchall`` spends
#: making a million row tuples. All aggregates of one SELECT see the rows in the same order,
#: so the arrays line up. The instant comes as UTC text with its offset, ready for
#: ``datetime.fromisoformat``; ``kind`` is entry_type * 2 + is_break; ``extras`` joins
#: account_id, Accounts, TimeScheduleTypes and the origin (NULL when a punch has none of the
#: first three and is not a synthetic Out, as most are: a terminal's punch with no extras).
_SQLITE_EXTRAS = """CASE WHEN account_id IS NULL AND accounts IS NULL AND time_codes IS NULL
    AND session_in_id IS NULL
    THEN NULL ELSE coalesce(account_id, '') || char(31) || coalesce(accounts, '') || char(31)
    || coalesce(time_codes, '') || char(31) || origin END"""
_SQLITE_PUNCHES = f"""
    SELECT json_group_array(employee_id), json_group_array(id),
           json_group_array(instant || '+00:00'), json_group_array(local_date),
           json_group_array(entry_type * 2 + is_break), json_group_array({_SQLITE_EXTRAS})
    FROM punches
    WHERE company_id = ? AND local_date IN (SELECT value FROM json_each(?))
      AND employee_id IN (SELECT value FROM json_each(?)) AND dedup_slot = 0"""
#: The same as arrays, one per column, sent in binary and decoded by psycopg in C. Every
#: (date, employee) is one index probe (a LATERAL lookup fenced with OFFSET 0, as in
#: ``bulk``): the planner would otherwise scan the company's whole table once per group of
#: employees, 1.8 s of the server's time instead of 0.7 s for a million punches. The instant
#: comes as a timestamptz, in the session's time zone (``_utc`` makes it UTC); ``to_char``
#: would cost the server more than the rest of the row.
_POSTGRES_PUNCHES = """
    SELECT array_agg(p.employee_id), array_agg(p.id), array_agg(p.instant),
           array_agg(p.local_date), array_agg(p.entry_type * 2 + p.is_break::int),
           array_agg(CASE WHEN account_id IS NULL AND accounts IS NULL AND time_codes IS NULL
               AND session_in_id IS NULL
               THEN NULL ELSE coalesce(account_id::text, '') || chr(31)
               || coalesce(accounts::text, '') || chr(31) || coalesce(time_codes::text, '')
               || chr(31) || origin END)
    FROM unnest(%(dates)s::date[]) AS d (day)
    CROSS JOIN unnest(%(employees)s::bigint[]) AS e (id)
    CROSS JOIN LATERAL (
        SELECT employee_id, id, instant, local_date, entry_type, is_break, account_id,
               accounts, time_codes, origin, session_in_id
        FROM punches
        WHERE company_id = %(company)s AND local_date = d.day AND employee_id = e.id
          AND dedup_slot = 0
        OFFSET 0) AS p"""
#: For the rest of a read's transaction: timestamps load as UTC, which psycopg does four
#: times faster than in a named zone, and then need no conversion (a million: 0.17 s of
#: CPU instead of 0.8 s); and no JIT compilation, which cost each group's query 20 ms and
#: saved nothing (10 % of the server's time for a million punches).
_POSTGRES_SETTINGS = "SELECT set_config('TimeZone', 'UTC', true), set_config('jit', 'off', true)"
#: Separates account_id, Accounts and TimeScheduleTypes in ``extras`` (no JSON text has it).
_SEPARATOR = "\x1f"


class PunchColumns(NamedTuple):
    """Punch rows as one sequence per column, in the same (unspecified) order.

    ``instants`` are aware UTC datetimes; ``dates`` the local dates (ISO text on SQLite);
    ``kinds`` entry_type * 2 + is_break; ``extras`` account_id, Accounts,
    TimeScheduleTypes and origin joined by ``\\x1f``, or None for a terminal's punch
    without the first three.
    """

    employee_ids: Sequence[int]
    ids: Sequence[int]
    instants: Sequence[datetime]
    dates: Sequence[Any]
    kinds: Sequence[int]
    extras: Sequence[str | None]


def punch_columns(
    conn: Connection, company_id: int, dates: Sequence[date], employee_ids: Sequence[int]
) -> PunchColumns:
    """Current punches of the employees on the dates (see ``PunchColumns``).

    A fast path on the driver's own cursor, like ``bulk``: the lists travel as one parameter
    each and every (date, employee) is an index probe on ``ux_punches_dedup``.
    """
    dates, employee_ids = list(dict.fromkeys(dates)), list(dict.fromkeys(employee_ids))
    driver = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        cursor = driver.cursor(binary=True)  # type: ignore[union-attr]
        parameters = {"company": company_id, "dates": dates, "employees": employee_ids}
        try:
            employees, ids, instants, days, kinds, extras = cursor.execute(
                _POSTGRES_PUNCHES, parameters
            ).fetchone()
        finally:
            cursor.close()
        if employees is None:  # no rows: array_agg is NULL
            return PunchColumns([], [], [], [], [], [])
        return PunchColumns(employees, ids, _utc(instants), days, kinds, extras)
    cursor = driver.cursor()  # type: ignore[union-attr]
    try:
        days_json = json.dumps([day.isoformat() for day in dates])
        cursor.execute(_SQLITE_PUNCHES, (company_id, days_json, json.dumps(employee_ids)))
        employees, ids, instants, days, kinds, extras = map(json.loads, cursor.fetchone())
    finally:
        cursor.close()
    return PunchColumns(
        employees, ids, list(map(datetime.fromisoformat, instants)), days, kinds, extras
    )


def _utc(instants: list[datetime]) -> list[datetime]:
    """The instants with the tzinfo ``UTC``, as the domain expects.

    psycopg gives them the session's time zone, which ``PunchReader`` sets to UTC for its
    transaction (``_POSTGRES_SETTINGS``): then they already are. Any other tzinfo object,
    even ``Etc/UTC``, would make the difference of two instants a wall-clock difference.
    """
    if instants and instants[0].tzinfo is not UTC:  # one load, one tzinfo for all
        return list(map(methodcaller("astimezone", UTC), instants))
    return instants


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


#: ``kind`` (entry_type * 2 + is_break) to the punch's entry type and IsBreak.
_ENTRY_TYPES = {int(t) * 2 + b: t for t in EntryType for b in (0, 1)}
_IS_BREAK = {int(t) * 2 + b: bool(b) for t in EntryType for b in (0, 1)}
_NO_EXTRAS: tuple[tuple[AccountRef, ...], tuple[str, ...], str] = ((), (), TERMINAL)


class PunchReader:
    """Reads punches as domain values, parsing each distinct JSON document only once.

    A punch's accounts are its AccountNr first, then its Accounts[] in the order sent; its
    time codes are the distinct TimeScheduleTypes codes, in the order sent, each named as the
    register names it (``code_names``, by the id ingest resolved it to), so that a code sent
    as ``ob 50%`` counts with ``OB 50%``.

    ``fetch`` (the database part) may run on another thread than ``punches`` (the Python
    part): a lock keeps the two threads from using the connection at once.
    """

    def __init__(
        self, conn: Connection, company_id: int, code_names: Mapping[int, str] | None = None
    ) -> None:
        self.conn = conn
        self.company_id = company_id
        self.code_names = code_names or {}
        self.accounts: dict[int, AccountRef] = {}
        self._lock = threading.Lock()
        self._configured = False  # whether _POSTGRES_SETTINGS are in force
        self._account_ids: dict[str | None, tuple[int, ...]] = {None: ()}
        self._extras: dict[str | None, tuple[tuple[AccountRef, ...], tuple[str, ...], str]] = {
            None: _NO_EXTRAS
        }

    def read(self, dates: Sequence[date], employee_ids: Sequence[int]) -> dict[int, list[Punch]]:
        """The employees' current punches on the dates, by employee id (unordered)."""
        return self.punches(self.fetch(dates, employee_ids), dates)

    def fetch(self, dates: Sequence[date], employee_ids: Sequence[int]) -> PunchColumns:
        """The database part of ``read``: punch columns, and the accounts they name."""
        with self._lock:
            if not self._configured and self.conn.dialect.name == "postgresql":
                self.conn.exec_driver_sql(_POSTGRES_SETTINGS)
                self._configured = True
            columns = punch_columns(self.conn, self.company_id, dates, employee_ids)
            self._load_accounts(columns.extras)
        return columns

    def planning(
        self, employees: Sequence[AttestEmployee], first: date, last: date
    ) -> dict[int, EmployeePlanning]:
        """What plans the employees' dates ``first``..``last`` (``store.planning``)."""
        who = [(employee.id, employee.hire_date, employee.end_date) for employee in employees]
        with self._lock:
            return plannings(self.conn, self.company_id, who, first, last)

    def locked(self, read: Callable[..., T], *args: Any) -> T:
        """``read(conn, company_id, *args)`` on this reader's connection, under its lock
        (for the other reads of a group, such as its attest states)."""
        with self._lock:
            return read(self.conn, self.company_id, *args)

    def prefetched(self, fetch: Callable[[G], T], groups: Sequence[G]) -> Iterator[T]:
        """``fetch(group)`` of each group, in order, each fetched while the one before it is
        being computed (``fetch`` uses this reader, whose lock keeps the two threads apart).

        The next group is read on a second thread. The database works without holding the
        GIL meanwhile: PostgreSQL in its own process while the driver waits, SQLite inside
        one ``sqlite3_step`` that builds the group's arrays (``punch_columns``). Only
        decoding them takes the GIL.
        """
        if len(groups) < 2:
            for group in groups:
                yield fetch(group)
            return
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="attest-fetch") as pool:
            pending = pool.submit(fetch, groups[0])
            for following in [*groups[1:], None]:
                fetched = pending.result()
                if following is not None:
                    pending = pool.submit(fetch, following)
                yield fetched

    def punches(self, columns: PunchColumns, dates: Sequence[date]) -> dict[int, list[Punch]]:
        """The Python part of ``read``: fetched columns as punches, by employee id.

        Every step is a ``map`` over a column with a C function (parse, look up, build the
        tuple), so no Python code runs per punch: that made this part five times faster
        than a loop over rows.
        """
        employee_ids, ids, instants, days, kinds, extras = columns
        day_of = {key: day for day in dates for key in (day, day.isoformat())}
        for new in set(extras).difference(self._extras):
            self._extras[new] = self._parse_extras(new)
        tagged = list(map(self._extras.__getitem__, extras))
        punches = list(
            map(
                build,
                repeat(Punch),
                zip(
                    ids,
                    instants,
                    map(day_of.__getitem__, days),
                    map(_ENTRY_TYPES.__getitem__, kinds),
                    map(_IS_BREAK.__getitem__, kinds),
                    map(itemgetter(0), tagged),
                    map(itemgetter(1), tagged),
                    map(itemgetter(2), tagged),
                    strict=True,
                ),
            )
        )
        employee_of = employee_ids.__getitem__  # positions, sorted by employee, then grouped
        by_employee = groupby(sorted(range(len(punches)), key=employee_of), key=employee_of)
        return {employee: list(map(punches.__getitem__, run)) for employee, run in by_employee}

    def _load_accounts(self, extras: Sequence[str | None]) -> None:
        wanted: set[int] = set()
        for key in set(extras).difference(self._extras):
            account_id, document, _, _ = _split(key)
            if account_id is not None:
                wanted.add(account_id)
            wanted.update(self._ids(document))
        missing = wanted - self.accounts.keys()
        if missing:
            self.accounts.update(account_refs(self.conn, self.company_id, missing))

    def _parse_extras(self, key: str | None) -> tuple[tuple[AccountRef, ...], tuple[str, ...], str]:
        account_id, document, codes, origin = _split(key)
        ids = ((account_id,) if account_id is not None else ()) + self._ids(document)
        found = tuple(self.accounts[i] for i in ids if i in self.accounts)
        return found, self._codes(codes), origin

    def _codes(self, document: str | None) -> tuple[str, ...]:
        parsed = json.loads(document) if document else None
        names = self.code_names
        return tuple(
            dict.fromkeys(
                names.get(t.get("timeCodeId"), t["timeScheduleTypeCode"]) for t in parsed or ()
            )
        )

    def _ids(self, document: str | None) -> tuple[int, ...]:
        ids = self._account_ids.get(document)
        if ids is None:
            parsed = json.loads(document) or []  # type: ignore[arg-type]
            ids = tuple(a["accountId"] for a in parsed if a.get("accountId") is not None)
            self._account_ids[document] = ids
        return ids


def _split(extras: str | None) -> tuple[int | None, str | None, str | None, str]:
    """account_id, Accounts, TimeScheduleTypes and origin from an ``extras`` value."""
    if extras is None:
        return None, None, None, TERMINAL
    account_id, accounts_json, codes_json, origin = extras.split(_SEPARATOR)
    account = int(account_id) if account_id else None
    return account, accounts_json or None, codes_json or None, origin


@dataclass(frozen=True, slots=True)
class EmployeeLabel:
    employee_nr: str
    name: str
    active: bool


def employee_labels(
    conn: Connection, company_id: int, nrs: Collection[str]
) -> dict[str, EmployeeLabel]:
    """Names of the employees named (in any letter case), by the employee number as given
    (pages show who a row is)."""
    e = employees.c
    query = select(e.employee_nr_key, e.employee_nr, e.first_name, e.last_name, e.active).where(
        e.company_id == company_id
    )
    keys = {nr: match_key(nr) for nr in nrs}
    by_key: dict[str, EmployeeLabel] = {}
    for chunk in chunks(set(keys.values())):
        for row in conn.execute(query.where(e.employee_nr_key.in_(chunk))):
            name = f"{row.first_name} {row.last_name}"
            by_key[row.employee_nr_key] = EmployeeLabel(row.employee_nr, name, row.active)
    return {nr: by_key[key] for nr, key in keys.items() if key in by_key}


class PunchSource(NamedTuple):
    """Where a punch came from, as the day panel shows it."""

    time_terminal_id: int
    #: Made on a kiosk while the server did not answer, and sent later.
    offline: bool


def punch_sources(
    conn: Connection, company_id: int, ids: Collection[int]
) -> dict[int, PunchSource]:
    """The Terminal ID number each punch was sent with, and whether it was made offline, by
    punch id (primary-key lookups)."""
    p = punches.c
    query = select(p.id, p.time_terminal_id, p.offline).where(p.company_id == company_id)
    found: dict[int, PunchSource] = {}
    for chunk in chunks(ids):
        for row in conn.execute(query.where(p.id.in_(chunk))):
            found[row.id] = PunchSource(row.time_terminal_id, bool(row.offline))
    return found


def first_punch_dates(
    conn: Connection, company_id: int, employee_ids: Collection[int]
) -> dict[int, date]:
    """Each employee's first company-local date with a current punch (none: not listed)."""
    p = punches.c
    query = (
        select(p.employee_id, func.min(p.local_date))
        .where(
            p.company_id == company_id,
            p.superseded_at.is_(None),
            one_of(conn.dialect.name, p.employee_id),
        )
        .group_by(p.employee_id)
    )
    found: dict[int, date] = {}
    for chunk in chunks(employee_ids):
        found.update({row[0]: row[1] for row in conn.execute(query, {"values": chunk})})
    return found
