"""Coding levels and their accounts (Finance > Accounting > Coding levels).

An account is found by its AccountNr within a coding level. The level is named by its number
or by its SIE dimension (what punches send as SieAccountDim); without either, the AccountNr
must be unambiguous, exactly as a punch's AccountNr must be.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row

from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.store import masterdata as rows
from stampla.store import text_keys
from stampla.store.engine import Store
from stampla.store.tables import accounts, coding_levels

from ..audit import SYSTEM, Actor
from .records import insert_record, update_record
from .registers import ACCOUNT, CODING_LEVEL
from .specs import AccountSpec, CodingLevelSpec
from .tx import writing
from .views import AccountView, CodingLevelView

_level_number = CODING_LEVEL.by_column("number").parse


# Coding levels -----------------------------------------------------------------------------


def put_coding_level(
    conn: Connection,
    company_id: int,
    spec: CodingLevelSpec,
    now: datetime,
    *,
    actor: Actor = SYSTEM,
) -> int:
    """A new coding level from typed values, inside the caller's transaction; its id."""
    return _insert_level(conn, company_id, asdict(spec), now, actor)


def _insert_level(
    conn: Connection, company_id: int, given: Mapping[str, Any], now: datetime, actor: Actor
) -> int:
    values = CODING_LEVEL.checked(given, creating=True)
    number, dimension = values["number"], values["sie_dimension"]
    if rows.level_id_by_number(conn, company_id, number) is not None:
        raise Conflict(f"Coding level {number} already exists", [Problem("exists", "Number")])
    if dimension is not None and rows.find_id(
        conn, coding_levels, company_id, sie_dimension=dimension
    ):
        raise Conflict(
            f"Another coding level already has SIE dimension {dimension}",
            [Problem("is taken by another coding level", "SieDimension")],
        )
    return insert_record(conn, CODING_LEVEL, company_id, values, now, actor, str(number))


def add_coding_level(
    store: Store, company_id: int, given: Mapping[str, Any], now: datetime, *, actor: Actor = SYSTEM
) -> CodingLevelView:
    with writing(store) as conn:
        new_id = _insert_level(conn, company_id, given, now, actor)
    return next(level for level in list_coding_levels(store, company_id) if level.id == new_id)


def list_coding_levels(store: Store, company_id: int) -> list[CodingLevelView]:
    """The levels by number, each with how many accounts it holds."""
    with store.read() as conn:
        levels = rows.select_rows(conn, coding_levels, company_id, order_by=["number"])
        counts = {
            level.id: rows.count_rows(conn, accounts, company_id, level_id=level.id)
            for level in levels
        }
    return [
        CodingLevelView(
            id=level.id,
            number=level.number,
            name=level.name,
            sie_dimension=level.sie_dimension,
            accounts=counts[level.id],
            created_at=level.created_at,
        )
        for level in levels
    ]


def find_level(
    conn: Connection, company_id: int, level: int | str | None, sie_dimension: int | str | None
) -> Row | None:
    """The coding level named by number or SIE dimension; None when neither is given."""
    if level is None and sie_dimension is None:
        return None
    key, field = (
        ("number", "CodingLevel") if level is not None else ("sie_dimension", "SieDimension")
    )
    try:
        wanted = _level_number(level if level is not None else sie_dimension)
    except ValueError as error:
        raise InvalidInput(f"{field} {error}", [Problem(str(error), field)]) from None
    found = rows.find_row(conn, coding_levels, company_id, **{key: wanted})
    if found is None:
        what = "Coding level" if key == "number" else "No coding level with SIE dimension"
        raise NotFound(f"{what} {wanted} does not exist", [Problem("does not exist", field)])
    return found


# Accounts ----------------------------------------------------------------------------------


def put_account(
    conn: Connection, company_id: int, spec: AccountSpec, now: datetime, *, actor: Actor = SYSTEM
) -> int:
    """A new account from typed values, inside the caller's transaction; its id."""
    level = find_level(conn, company_id, spec.level_number, None)
    assert level is not None
    given = {"account_nr": spec.account_nr, "name": spec.name, "active": spec.active}
    return _insert_account(conn, company_id, level, given, now, actor)


def _insert_account(
    conn: Connection,
    company_id: int,
    level: Row,
    given: Mapping[str, Any],
    now: datetime,
    actor: Actor,
) -> int:
    values = ACCOUNT.checked(given, creating=True)
    nr = values["account_nr"]
    existing = rows.find_row(conn, accounts, company_id, level_id=level.id, account_nr=nr)
    if existing is not None:
        within = f"in coding level {level.number} ({level.name})"
        message = f"Account {nr} already exists {within}"
        if existing.account_nr != nr:
            message = (
                f"Account {nr!r} already exists as {existing.account_nr!r} {within} "
                "(AccountNr matches in any letter case)"
            )
        shown = "exists" if existing.account_nr == nr else f"exists as {existing.account_nr!r}"
        raise Conflict(message, [Problem(shown, "AccountNr")])
    key = account_key(nr, level.number)
    return insert_record(
        conn, ACCOUNT, company_id, {**values, "level_id": level.id}, now, actor, key
    )


def account_key(account_nr: str, level_number: int) -> str:
    """How the audit trail names an account."""
    return f"{account_nr} in level {level_number}"


def add_account(
    store: Store,
    company_id: int,
    given: Mapping[str, Any],
    now: datetime,
    *,
    level: int | str | None = None,
    sie_dimension: int | str | None = None,
    actor: Actor = SYSTEM,
) -> AccountView:
    """A new account in the level named by number or SIE dimension."""
    with writing(store) as conn:
        found = find_level(conn, company_id, level, sie_dimension)
        if found is None:
            raise InvalidInput(
                "Say which coding level the account belongs to",
                [Problem("CodingLevel or SieDimension is required", "CodingLevel")],
            )
        new_id = _insert_account(conn, company_id, found, given, now, actor)
        return _views(conn, company_id, [rows.get_row(conn, accounts, company_id, new_id)])[0]


def _account_row(
    conn: Connection,
    company_id: int,
    account_nr: str,
    level: int | str | None,
    sie_dimension: int | str | None,
) -> tuple[Row, Row]:
    """The account and its level; the AccountNr alone must then be unambiguous."""
    chosen = find_level(conn, company_id, level, sie_dimension)
    where = [text_keys.equals(accounts, "account_nr", account_nr)]
    if chosen is not None:
        where.append(accounts.c.level_id == chosen.id)
    candidates = rows.select_rows(conn, accounts, company_id, *where, order_by=["id"])
    if not candidates:
        within = f" in coding level {chosen.number}" if chosen is not None else ""
        raise NotFound(f"Account {account_nr!r} does not exist{within}")
    levels = _levels_by_id(conn, company_id)
    if len(candidates) > 1:
        numbers = " and ".join(
            str(n) for n in sorted(levels[r.level_id].number for r in candidates)
        )
        raise InvalidInput(
            f"Account {account_nr!r} exists in coding levels {numbers}; say which level",
            [Problem("is ambiguous without CodingLevel", "CodingLevel")],
        )
    return candidates[0], levels[candidates[0].level_id]


def update_account(
    store: Store,
    company_id: int,
    account_nr: str,
    given: Mapping[str, Any],
    now: datetime,
    *,
    level: int | str | None = None,
    sie_dimension: int | str | None = None,
    actor: Actor = SYSTEM,
) -> AccountView:
    """Rename, deactivate or reactivate an account; its number and level cannot change."""
    with writing(store) as conn:
        row, found = _account_row(conn, company_id, account_nr, level, sie_dimension)
        key = account_key(row.account_nr, found.number)
        args = (company_id, row, given, now, actor, key)
        changed = update_record(conn, ACCOUNT, *args, fixed=("account_nr",))
        return _views(conn, company_id, [changed])[0]


def set_account_active(
    store: Store,
    company_id: int,
    account_nr: str,
    active: bool,
    now: datetime,
    *,
    level: int | str | None = None,
    sie_dimension: int | str | None = None,
    actor: Actor = SYSTEM,
) -> AccountView:
    """Deactivate (or reactivate) an account; punches coded with it stay valid."""
    return update_account(
        store,
        company_id,
        account_nr,
        {"active": active},
        now,
        level=level,
        sie_dimension=sie_dimension,
        actor=actor,
    )


def list_accounts(
    store: Store,
    company_id: int,
    *,
    level: int | str | None = None,
    active: bool | None = None,
) -> list[AccountView]:
    """Accounts by level number and AccountNr, optionally of one level only."""
    with store.read() as conn:
        where = []
        chosen = find_level(conn, company_id, level, None)
        if chosen is not None:
            where.append(accounts.c.level_id == chosen.id)
        if active is not None:
            where.append(accounts.c.active == active)
        found = rows.select_rows(conn, accounts, company_id, *where, order_by=["account_nr"])
        views = _views(conn, company_id, found)
    return sorted(views, key=lambda view: (view.coding_level, view.account_nr))


def _levels_by_id(conn: Connection, company_id: int) -> dict[int, Row]:
    found = rows.select_rows(conn, coding_levels, company_id, order_by=["number"])
    return {row.id: row for row in found}


def _views(conn: Connection, company_id: int, found: list[Row]) -> list[AccountView]:
    levels = _levels_by_id(conn, company_id)
    return [
        AccountView(
            id=row.id,
            coding_level=levels[row.level_id].number,
            level_name=levels[row.level_id].name,
            sie_dimension=levels[row.level_id].sie_dimension,
            account_nr=row.account_nr,
            name=row.name,
            active=row.active,
            created_at=row.created_at,
        )
        for row in found
    ]
