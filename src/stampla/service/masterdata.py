"""Setting up a company: credentials and the registers a punch refers to.

Each ``add_*`` function is one unit of work. The ``put_*`` functions do the same inside a
transaction the caller already holds, so that seeding (demo, imports) can commit many records
at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection, Table, update

from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.store import masterdata as rows
from stampla.store.engine import Store
from stampla.store.tables import (
    accounts,
    api_users,
    coding_levels,
    employees,
    integrations,
    terminals,
    time_codes,
)

from .secrets import digest, hash_password, new_secret

TERMINAL_KINDS = ("attendance_terminal", "application")
TIME_CODE_KINDS = ("attendance", "absence")


@dataclass(frozen=True)
class CreatedCompany:
    id: int
    api_key: str


@dataclass(frozen=True)
class CreatedIntegration:
    id: int
    connect_api_key: str


@dataclass(frozen=True)
class EmployeeSpec:
    employee_nr: str
    first_name: str
    last_name: str
    external_code: str | None = None
    time_agreement: str | None = None
    employment_position: str | None = None
    employment_rate: Decimal | None = None
    weekly_minutes: int | None = None
    active: bool = True


@dataclass(frozen=True)
class TerminalSpec:
    terminal_number: int
    name: str
    kind: str = "attendance_terminal"
    time_zone: str | None = None
    active: bool = True


@dataclass(frozen=True)
class CodingLevelSpec:
    number: int
    name: str
    sie_dimension: int | None = None


@dataclass(frozen=True)
class AccountSpec:
    level_number: int
    account_nr: str
    name: str
    active: bool = True


@dataclass(frozen=True)
class TimeCodeSpec:
    code: str
    name: str
    description: str | None = None
    kind: str = "attendance"
    salary_ids: Sequence[str] = field(default_factory=tuple)
    active: bool = True


def check_time_zone(name: str, field_name: str = "time_zone") -> str:
    """``name`` if it is an IANA time zone this machine knows; InvalidInput otherwise."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"Unknown time zone {name!r}",
            [Problem(f"{name!r} is not an IANA time zone (e.g. Europe/Stockholm)", field_name)],
        ) from None
    return name


def create_company(
    store: Store,
    name: str,
    now: datetime,
    *,
    time_zone: str = "Europe/Stockholm",
    api_key: str | None = None,
) -> CreatedCompany:
    """A new company and its companyApiKey (returned once; only a digest is kept)."""
    check_time_zone(time_zone)
    key = api_key or new_secret()
    with store.write() as conn:
        if rows.find_company_id(conn, name=name) is not None:
            raise Conflict(f"A company named {name!r} already exists")
        company_id = rows.insert_company(
            conn, name=name, time_zone=time_zone, api_key_hash=digest(key), created_at=now
        )
    return CreatedCompany(company_id, key)


def put_integration(
    conn: Connection, company_id: int, name: str, now: datetime, key: str | None = None
) -> CreatedIntegration:
    if rows.find_id(conn, integrations, company_id, name=name) is not None:
        raise Conflict(f"An integration named {name!r} already exists")
    key = key or new_secret()
    new_id = rows.insert_company_row(
        conn, integrations, company_id, name=name, key_hash=digest(key), created_at=now
    )
    return CreatedIntegration(new_id, key)


def create_integration(
    store: Store, company_id: int, name: str, now: datetime, *, key: str | None = None
) -> CreatedIntegration:
    """A new integration and its connectApiKey (returned once; only a digest is kept)."""
    with store.write() as conn:
        return put_integration(conn, company_id, name, now, key)


def put_api_user(
    conn: Connection, company_id: int, user_name: str, password: str, now: datetime
) -> int:
    if not user_name or not password:
        raise InvalidInput("User name and password are required")
    if rows.find_id(conn, api_users, company_id, user_name=user_name) is not None:
        raise Conflict(f"An API user named {user_name!r} already exists")
    return rows.insert_company_row(
        conn,
        api_users,
        company_id,
        user_name=user_name,
        password_hash=hash_password(password),
        created_at=now,
    )


def add_api_user(
    store: Store, company_id: int, user_name: str, password: str, now: datetime
) -> int:
    with store.write() as conn:
        return put_api_user(conn, company_id, user_name, password, now)


def put_employee(conn: Connection, company_id: int, spec: EmployeeSpec, now: datetime) -> int:
    if rows.find_id(conn, employees, company_id, employee_nr=spec.employee_nr) is not None:
        raise Conflict(f"Employee {spec.employee_nr!r} already exists")
    return rows.insert_company_row(conn, employees, company_id, created_at=now, **spec.__dict__)


def add_employee(store: Store, company_id: int, spec: EmployeeSpec, now: datetime) -> int:
    with store.write() as conn:
        return put_employee(conn, company_id, spec, now)


def put_terminal(conn: Connection, company_id: int, spec: TerminalSpec, now: datetime) -> int:
    if spec.kind not in TERMINAL_KINDS:
        raise InvalidInput(f"Terminal type must be one of {', '.join(TERMINAL_KINDS)}")
    if spec.time_zone is not None:
        check_time_zone(spec.time_zone)
    number = spec.terminal_number
    if rows.find_id(conn, terminals, company_id, terminal_number=number) is not None:
        raise Conflict(f"Terminal {number} already exists")
    return rows.insert_company_row(conn, terminals, company_id, created_at=now, **spec.__dict__)


def add_terminal(store: Store, company_id: int, spec: TerminalSpec, now: datetime) -> int:
    with store.write() as conn:
        return put_terminal(conn, company_id, spec, now)


def put_coding_level(
    conn: Connection, company_id: int, spec: CodingLevelSpec, now: datetime
) -> int:
    if rows.level_id_by_number(conn, company_id, spec.number) is not None:
        raise Conflict(f"Coding level {spec.number} already exists")
    if spec.sie_dimension is not None and (
        rows.find_id(conn, coding_levels, company_id, sie_dimension=spec.sie_dimension) is not None
    ):
        raise Conflict(f"Another coding level already has SIE dimension {spec.sie_dimension}")
    return rows.insert_company_row(conn, coding_levels, company_id, created_at=now, **spec.__dict__)


def add_coding_level(store: Store, company_id: int, spec: CodingLevelSpec, now: datetime) -> int:
    with store.write() as conn:
        return put_coding_level(conn, company_id, spec, now)


def put_account(conn: Connection, company_id: int, spec: AccountSpec, now: datetime) -> int:
    level_id = rows.level_id_by_number(conn, company_id, spec.level_number)
    if level_id is None:
        raise NotFound(f"Coding level {spec.level_number} does not exist")
    if rows.find_id(conn, accounts, company_id, level_id=level_id, account_nr=spec.account_nr):
        raise Conflict(f"Account {spec.account_nr} already exists in level {spec.level_number}")
    return rows.insert_company_row(
        conn,
        accounts,
        company_id,
        level_id=level_id,
        account_nr=spec.account_nr,
        name=spec.name,
        active=spec.active,
        created_at=now,
    )


def add_account(store: Store, company_id: int, spec: AccountSpec, now: datetime) -> int:
    with store.write() as conn:
        return put_account(conn, company_id, spec, now)


def put_time_code(conn: Connection, company_id: int, spec: TimeCodeSpec, now: datetime) -> int:
    if spec.kind not in TIME_CODE_KINDS:
        raise InvalidInput(f"Time code kind must be one of {', '.join(TIME_CODE_KINDS)}")
    if rows.find_id(conn, time_codes, company_id, code=spec.code) is not None:
        raise Conflict(f"Time code {spec.code!r} already exists")
    return rows.insert_company_row(
        conn,
        time_codes,
        company_id,
        code=spec.code,
        name=spec.name,
        description=spec.description,
        kind=spec.kind,
        salary_ids=list(spec.salary_ids) or None,
        active=spec.active,
        created_at=now,
    )


def add_time_code(store: Store, company_id: int, spec: TimeCodeSpec, now: datetime) -> int:
    with store.write() as conn:
        return put_time_code(conn, company_id, spec, now)


def revoke_integration(store: Store, company_id: int, integration_id: int, now: datetime) -> None:
    """Stop an integration's key and every token issued through it, at once."""
    with store.write() as conn:
        _set_active(conn, integrations, company_id, integration_id, False, revoked_at=now)


def set_api_user_active(store: Store, company_id: int, user_id: int, active: bool) -> None:
    """Disable (or re-enable) an API user; a disabled user's tokens stop working at once."""
    with store.write() as conn:
        _set_active(conn, api_users, company_id, user_id, active)


def set_active(store: Store, table_name: str, company_id: int, row_id: int, active: bool) -> None:
    """Activate or deactivate an employee, terminal, account or time code (history is kept)."""
    tables = {t.name: t for t in (employees, terminals, accounts, time_codes)}
    with store.write() as conn:
        _set_active(conn, tables[table_name], company_id, row_id, active)


def _set_active(
    conn: Connection, table: Table, company_id: int, row_id: int, active: bool, **extra: object
) -> None:
    result = conn.execute(
        update(table)
        .where(table.c.company_id == company_id, table.c.id == row_id)
        .values(active=active, **extra)
    )
    if result.rowcount != 1:
        raise NotFound(f"No {table.name} row {row_id} in this company")
