"""Whose days a staff user may attest and correct: their scope, applied.

An attestant's scope is everyone, or the employees whose *current account* in one coding
level is in a list (a store manager attests the store's staff). Stampla keeps no account
register per employee; the account an employee works on is what their punches say. So an
employee's current account in a level is the account of that level on their latest punch
(on or before the day asked about, within ``LOOKBACK`` days) that names one. Someone who
moved from store 14 to store 20 last week is in store 20's scope from their first punch
there; someone who has not punched on an account of the level for ``LOOKBACK`` days is in
no store's scope (payroll, whose scope is everyone, still sees them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import TypeVar

from sqlalchemy import select

from stampla.domain.text import match_key
from stampla.errors import Forbidden
from stampla.store.engine import Store
from stampla.store.tables import accounts, coding_levels, employees, punches

from .roles import StaffActor, StaffScope

T = TypeVar("T")

#: How far back a punch still tells an employee's current account.
LOOKBACK = timedelta(days=62)


def employee_nrs_in_scope(
    store: Store, company_id: int, scope: StaffScope, on: date
) -> set[str] | None:
    """The employee numbers (register spelling) in ``scope`` on ``on``; None: everyone."""
    if scope.everyone:
        return None
    level_key = match_key(scope.coding_level or "")
    wanted = {match_key(nr) for nr in scope.accounts}
    with store.read() as conn:
        levels = [
            row.id
            for row in conn.execute(
                select(coding_levels.c.id, coding_levels.c.name).where(
                    coding_levels.c.company_id == company_id
                )
            )
            if match_key(row.name) == level_key
        ]
        if not levels:
            return set()
        level_accounts = {
            row.id: row.account_nr_key
            for row in conn.execute(
                select(accounts.c.id, accounts.c.account_nr_key).where(
                    accounts.c.company_id == company_id, accounts.c.level_id.in_(levels)
                )
            )
        }
        recent = conn.execute(
            select(
                punches.c.employee_id,
                punches.c.account_id,
                punches.c.accounts,
            )
            .where(
                punches.c.company_id == company_id,
                punches.c.local_date >= on - LOOKBACK,
                punches.c.local_date <= on,
                punches.c.dedup_slot == 0,
            )
            .order_by(punches.c.instant.desc())
        )
        current: dict[int, str] = {}
        for employee_id, account_id, sent in recent:
            if employee_id in current:
                continue
            found = _level_account(account_id, sent, level_accounts)
            if found is not None:
                current[employee_id] = found
        ids = [e for e, account in current.items() if account in wanted]
        if not ids:
            return set()
        return {
            row.employee_nr
            for row in conn.execute(
                select(employees.c.employee_nr).where(
                    employees.c.company_id == company_id, employees.c.id.in_(ids)
                )
            )
        }


def _level_account(
    account_id: int | None, sent: object, level_accounts: dict[int, str]
) -> str | None:
    """The key of the punch's account in the level, if it names one."""
    if account_id in level_accounts:
        return level_accounts[account_id]
    if isinstance(sent, str):
        sent = json.loads(sent)
    if isinstance(sent, list):
        for item in sent:
            if isinstance(item, dict):
                found = item.get("accountId") or item.get("AccountId")
                if found in level_accounts:
                    return level_accounts[found]
    return None


def ensure_in_scope(
    store: Store, company_id: int, actor: StaffActor, employee_nrs: Iterable[str], on: date
) -> None:
    """Forbidden (403), naming them, if any of the employees is outside the actor's scope."""
    allowed = employee_nrs_in_scope(store, company_id, actor.scope, on)
    if allowed is None:
        return
    keys = {match_key(nr) for nr in allowed}
    outside = sorted({nr for nr in employee_nrs if match_key(nr) not in keys})
    if outside:
        raise Forbidden(
            f"Employees outside your scope ({actor.scope.coding_level} "
            f"{', '.join(sorted(actor.scope.accounts))}): {', '.join(outside)}"
        )


def keep_in_scope(
    store: Store,
    company_id: int,
    scope: StaffScope,
    items: Iterable[T],
    employee_nr: Callable[[T], str],
    on: date,
) -> list[T]:
    """The items (corrections, late punches, …) of employees in ``scope`` on ``on``: what a
    list read shows a scoped attestant; everything for a scope of everyone."""
    found = list(items)
    if scope.everyone or not found:
        return found
    keys = {match_key(nr) for nr in employee_nrs_in_scope(store, company_id, scope, on) or ()}
    return [item for item in found if match_key(employee_nr(item)) in keys]
