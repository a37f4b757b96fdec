"""How employees identify on a kiosk, and what a kiosk asks: PINs, badges, its settings.

A PIN is 4 to 12 digits, stored as an Argon2 hash. A badge number is what a USB badge reader
types (1 to 50 letters or digits); it is unique within the company, and identifies an
employee without PIN only on a kiosk set to ``badge_only``. A kiosk may offer the accounts of
one coding level to punch on (``account_level``). Every change is audited (entities
``employee_pin``, ``employee_badge``, ``terminal``) without the PIN or the badge number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.store import devices as device_store
from stampla.store import kiosk as kiosk_store
from stampla.store import references as refs
from stampla.store.engine import Store

from .. import audit
from ..secrets import hash_password

#: Keep what is there (a setting's argument that was not given).
KEEP = object()


@dataclass(frozen=True, slots=True)
class Access:
    """What an employee can identify with on a kiosk (the PIN itself is never shown)."""

    employee_nr: str
    has_pin: bool
    badge_nr: str | None


@dataclass(frozen=True, slots=True)
class KioskSettings:
    account_level: int | None
    badge_only: bool


def valid_pin(pin: str) -> str:
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 12):
        raise InvalidInput("A PIN is 4 to 12 digits", [Problem("4 to 12 digits", "Pin")])
    return pin


def valid_badge(badge: str) -> str:
    badge = badge.strip()
    if not (badge.isascii() and badge.isalnum() and 1 <= len(badge) <= 50):
        raise InvalidInput(
            "A badge number is 1 to 50 letters or digits",
            [Problem("1 to 50 letters or digits", "BadgeNr")],
        )
    return badge


def access_of(store: Store, company_id: int, employee_nr: str) -> Access:
    with store.read() as conn:
        employee = _employee(conn, company_id, employee_nr)
        return Access(
            employee.employee_nr,
            kiosk_store.pin_hash(conn, company_id, employee.id) is not None,
            kiosk_store.badge_of(conn, company_id, employee.id),
        )


def set_pin(
    store: Store,
    company_id: int,
    employee_nr: str,
    pin: str | None,
    now: datetime,
    actor: audit.Actor = audit.SYSTEM,
) -> None:
    """Give an employee a kiosk PIN of 4 to 12 digits (stored hashed); None clears it."""
    hashed = hash_password(valid_pin(pin)) if pin is not None else None
    with store.write() as conn:
        employee = _employee(conn, company_id, employee_nr)
        kiosk_store.put_pin(conn, company_id, employee.id, hashed, now)
        what = "set" if pin is not None else "clear"
        event = audit.Event("employee_pin", employee.employee_nr, what, employee.id)
        audit.record(conn, company_id, actor, now, [event])


def set_badge(
    store: Store,
    company_id: int,
    employee_nr: str,
    badge: str | None,
    now: datetime,
    actor: audit.Actor = audit.SYSTEM,
) -> None:
    """Give an employee a badge number (replacing theirs); None clears it. Conflict if it is
    another employee's."""
    badge = valid_badge(badge) if badge is not None else None
    with store.write() as conn:
        employee = _employee(conn, company_id, employee_nr)
        if badge is not None:
            holder = kiosk_store.badge_holder(conn, company_id, badge)
            if holder is not None and holder != employee.id:
                raise Conflict(
                    "That badge number is another employee's; clear it there first",
                    [Problem("is another employee's", "BadgeNr")],
                )
        kiosk_store.put_badge(conn, company_id, employee.id, badge, now)
        what = "set" if badge is not None else "clear"
        event = audit.Event("employee_badge", employee.employee_nr, what, employee.id)
        audit.record(conn, company_id, actor, now, [event])


def configure(
    store: Store,
    company_id: int,
    terminal_number: int,
    now: datetime,
    *,
    account_level: int | None | object = KEEP,
    badge_only: bool | None = None,
    actor: audit.Actor = audit.SYSTEM,
) -> KioskSettings:
    """Set what a kiosk asks: the coding level whose accounts it offers (None: none), and
    whether a badge alone identifies an employee; the settings now."""
    values: dict = {}
    shown: dict = {}
    with store.write() as conn:
        row = device_store.terminal_row(conn, company_id, terminal_number)
        if row is None or row.kind != "application":
            raise NotFound(f"No kiosk terminal {terminal_number} (type application)")
        if account_level is not KEEP:
            level = account_level if isinstance(account_level, int) else None
            if level is not None and kiosk_store.offered_accounts(conn, company_id, level) is None:
                raise InvalidInput(
                    f"Coding level {level} does not exist",
                    [Problem("no such coding level", "AccountLevel")],
                )
            values |= {"kiosk_accounts": level is not None, "kiosk_account_level": level}
            shown["KioskAccountLevel"] = [row.kiosk_account_level, level]
        if badge_only is not None:
            values["kiosk_badge_only"] = badge_only
            shown["KioskBadgeOnly"] = [row.kiosk_badge_only, badge_only]
        if values:
            device_store.update_terminal(conn, company_id, row.id, **values)
            event = audit.Event("terminal", str(terminal_number), "configure_kiosk", row.id, shown)
            audit.record(conn, company_id, actor, now, [event])
        row = device_store.terminal_row(conn, company_id, terminal_number)
    assert row is not None
    level = row.kiosk_account_level if row.kiosk_accounts else None
    return KioskSettings(level, bool(row.kiosk_badge_only))


def _employee(conn, company_id: int, employee_nr: str) -> refs.KnownEmployee:
    nr = employee_nr.strip()
    employee = refs.employees_by_nr(conn, company_id, {nr}).get(nr) if nr else None
    if employee is None:
        raise NotFound(f"No employee {employee_nr} in this company")
    return employee
