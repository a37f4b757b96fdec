"""(De)activating a record by its id, for code that holds ids rather than natural keys."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, Row

from stampla.errors import NotFound
from stampla.store import masterdata as rows
from stampla.store.engine import Store
from stampla.store.tables import coding_levels

from ..audit import SYSTEM, Actor
from .accounts import account_key
from .fields import Register
from .records import update_record
from .registers import ACCOUNT, EMPLOYEE, TERMINAL, TIME_CODE

_BY_TABLE = {register.table.name: register for register in (EMPLOYEE, TERMINAL, ACCOUNT, TIME_CODE)}


def _key(conn: Connection, company_id: int, register: Register, row: Row) -> str:
    if register is EMPLOYEE:
        return row.employee_nr
    if register is TERMINAL:
        return str(row.terminal_number)
    if register is TIME_CODE:
        return row.code
    level = rows.get_row(conn, coding_levels, company_id, row.level_id)
    assert level is not None
    return account_key(row.account_nr, level.number)


def set_active(
    store: Store,
    table_name: str,
    company_id: int,
    row_id: int,
    active: bool,
    now: datetime | None = None,
    *,
    actor: Actor = SYSTEM,
) -> None:
    """Activate or deactivate an employee, terminal, account or time code (history is kept)."""
    register = _BY_TABLE[table_name]
    now = now or datetime.now(UTC)
    with store.write() as conn:
        row = rows.get_row(conn, register.table, company_id, row_id)
        if row is None:
            raise NotFound(f"No {table_name} row {row_id} in this company")
        key = _key(conn, company_id, register, row)
        update_record(conn, register, company_id, row, {"active": active}, now, actor, key)
