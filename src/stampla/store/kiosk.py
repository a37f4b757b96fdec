"""Queries of the kiosk: employees' PINs and badges, and the accounts a kiosk offers.

Every query is scoped by company; a badge is unique within its company only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, insert, select

from .tables import accounts, coding_levels, employee_badges, employee_pins, employees


@dataclass(frozen=True, slots=True)
class Offered:
    """The accounts a kiosk offers: its coding level's active accounts, by number."""

    level_number: int
    sie_dimension: int | None
    accounts: list[tuple[str, str]]  # (AccountNr, name)

    def has(self, account_nr: str) -> bool:
        return any(nr == account_nr for nr, _ in self.accounts)


def pin_hash(conn: Connection, company_id: int, employee_id: int) -> str | None:
    return conn.execute(
        select(employee_pins.c.pin_hash).where(
            employee_pins.c.company_id == company_id,
            employee_pins.c.employee_id == employee_id,
        )
    ).scalar()


def put_pin(
    conn: Connection, company_id: int, employee_id: int, hashed: str | None, now: datetime
) -> bool:
    """Set (or with None clear) an employee's PIN hash; whether there was one before."""
    had = pin_hash(conn, company_id, employee_id) is not None
    conn.execute(
        delete(employee_pins).where(
            employee_pins.c.company_id == company_id, employee_pins.c.employee_id == employee_id
        )
    )
    if hashed is not None:
        conn.execute(
            insert(employee_pins).values(
                company_id=company_id, employee_id=employee_id, pin_hash=hashed, set_at=now
            )
        )
    return had


def badge_of(conn: Connection, company_id: int, employee_id: int) -> str | None:
    return conn.execute(
        select(employee_badges.c.badge_nr).where(
            employee_badges.c.company_id == company_id,
            employee_badges.c.employee_id == employee_id,
        )
    ).scalar()


def badge_holder(conn: Connection, company_id: int, badge_nr: str) -> int | None:
    """The id of the employee whose badge this is, if any."""
    return conn.execute(
        select(employee_badges.c.employee_id).where(
            employee_badges.c.company_id == company_id, employee_badges.c.badge_nr == badge_nr
        )
    ).scalar()


def badge_employee_nr(conn: Connection, company_id: int, badge_nr: str) -> str | None:
    """The EmployeeNr of the employee whose badge this is, if any."""
    return conn.execute(
        select(employees.c.employee_nr)
        .join(
            employee_badges,
            (employee_badges.c.company_id == employees.c.company_id)
            & (employee_badges.c.employee_id == employees.c.id),
        )
        .where(employee_badges.c.company_id == company_id, employee_badges.c.badge_nr == badge_nr)
    ).scalar()


def put_badge(
    conn: Connection, company_id: int, employee_id: int, badge_nr: str | None, now: datetime
) -> str | None:
    """Set (or with None clear) an employee's badge; the badge number it had before."""
    before = badge_of(conn, company_id, employee_id)
    conn.execute(
        delete(employee_badges).where(
            employee_badges.c.company_id == company_id,
            employee_badges.c.employee_id == employee_id,
        )
    )
    if badge_nr is not None:
        conn.execute(
            insert(employee_badges).values(
                company_id=company_id, employee_id=employee_id, badge_nr=badge_nr, set_at=now
            )
        )
    return before


def offered_accounts(conn: Connection, company_id: int, level_number: int) -> Offered | None:
    """The active accounts of the coding level numbered ``level_number``; None if there is
    no such level."""
    level = conn.execute(
        select(coding_levels.c.id, coding_levels.c.sie_dimension).where(
            coding_levels.c.company_id == company_id, coding_levels.c.number == level_number
        )
    ).first()
    if level is None:
        return None
    rows = conn.execute(
        select(accounts.c.account_nr, accounts.c.name)
        .where(
            accounts.c.company_id == company_id,
            accounts.c.level_id == level.id,
            accounts.c.active.is_(True),
        )
        .order_by(accounts.c.account_nr)
    )
    return Offered(level_number, level.sie_dimension, [(nr, name) for nr, name in rows])
