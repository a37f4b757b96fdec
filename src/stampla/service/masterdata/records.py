"""Adding, changing and (de)activating one record of a register, with its audit event.

These work inside the caller's transaction. Records are never deleted: punches refer to them,
and a deactivated employee's punches stay valid and visible while new ones are refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row

from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.store import masterdata as rows

from .. import audit
from ..audit import Actor, Event
from .fields import Register
from .values import Parser


def insert_record(
    conn: Connection,
    register: Register,
    company_id: int,
    values: dict[str, Any],
    now: datetime,
    actor: Actor,
    key: str,
) -> int:
    """Insert checked ``values`` as a new record; its id."""
    new_id = rows.insert_company_row(conn, register.table, company_id, created_at=now, **values)
    changes = register.created(values)
    event = Event(register.entity, key, "create", new_id, changes)
    audit.record(conn, company_id, actor, now, [event])
    return new_id


def update_record(
    conn: Connection,
    register: Register,
    company_id: int,
    row: Row,
    given: Mapping[str, Any],
    now: datetime,
    actor: Actor,
    key: str,
    fixed: tuple[str, ...] = (),
) -> Row:
    """Apply the ``given`` raw values to ``row``; record what really changed. The new row."""
    for column in fixed:
        if column in given:
            name = register.by_column(column).name
            raise InvalidInput(
                f"{name} cannot change: it is how punches refer to the {register.title.lower()}",
                [Problem("cannot change", name)],
            )
    wanted = register.checked(given, creating=False)
    current = row._mapping
    different = {column: value for column, value in wanted.items() if current[column] != value}
    if not different:
        return row
    old = register.shown({column: current[column] for column in different})
    changes = audit.changed(old, register.shown(different))
    rows.update_row(conn, register.table, company_id, row.id, different)
    event = Event(register.entity, key, action_of(different), row.id, changes)
    audit.record(conn, company_id, actor, now, [event])
    return rows.get_row(conn, register.table, company_id, row.id)


def action_of(different: Mapping[str, Any]) -> str:
    """How the audit trail names a change: (de)activation when only Active changed."""
    if set(different) == {"active"}:
        return "activate" if different["active"] else "deactivate"
    return "update"


def already_exists(register: Register, column: str, given: str, existing: str) -> Conflict:
    """The Conflict of a new record whose key names one that exists (in any letter case)."""
    name = register.by_column(column).name
    if existing == given:
        return Conflict(f"{register.title} {given!r} already exists", [Problem("exists", name)])
    return Conflict(
        f"{register.title} {given!r} already exists as {existing!r} "
        f"({name} matches in any letter case)",
        [Problem(f"exists as {existing!r}", name)],
    )


def require(row: Row | None, register: Register, key: str) -> Row:
    """``row``, or NotFound naming what was looked for."""
    if row is None:
        raise NotFound(f"{register.title} {key} does not exist in this company")
    return row


def checked_value(parse: Parser, value: Any, field: str) -> Any:
    """One value read by ``parse``, or InvalidInput naming ``field``."""
    try:
        return parse(value)
    except ValueError as error:
        raise InvalidInput(f"{field}: {error}", [Problem(str(error), field)]) from None
