"""Terminals and attendance applications (Staff > Settings > Terminals), by Terminal ID number.

A terminal's own time zone only affects how later TimeStamps without an offset are read;
stored punches keep their instants and local dates, so it may change at any time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row

from stampla.errors import Conflict, InvalidInput, Problem
from stampla.store import masterdata as rows
from stampla.store.engine import Store
from stampla.store.tables import terminals

from ..audit import SYSTEM, Actor
from .records import checked_value, insert_record, require, update_record
from .registers import TERMINAL
from .specs import TerminalSpec
from .tx import writing
from .views import TerminalView


def put_terminal(
    conn: Connection, company_id: int, spec: TerminalSpec, now: datetime, *, actor: Actor = SYSTEM
) -> int:
    """A new terminal from typed values, inside the caller's transaction; its id."""
    return _insert(conn, company_id, asdict(spec), now, actor)


def _insert(
    conn: Connection, company_id: int, given: Mapping[str, Any], now: datetime, actor: Actor
) -> int:
    values = TERMINAL.checked(given, creating=True)
    number = values["terminal_number"]
    if rows.find_id(conn, terminals, company_id, terminal_number=number) is not None:
        raise Conflict(f"Terminal {number} already exists", [Problem("exists", "TimeTerminalId")])
    return insert_record(conn, TERMINAL, company_id, values, now, actor, str(number))


def terminal_number(value: int | str) -> int:
    """A Terminal ID number from what a person typed."""
    number = checked_value(TERMINAL.by_column("terminal_number").parse, value, "TimeTerminalId")
    if number is None:
        raise InvalidInput("TimeTerminalId is required", [Problem("is required", "TimeTerminalId")])
    return number


def _row(conn: Connection, company_id: int, number: int) -> Row:
    found = rows.find_row(conn, terminals, company_id, terminal_number=number)
    return require(found, TERMINAL, str(number))


def add_terminal(
    store: Store, company_id: int, given: Mapping[str, Any], now: datetime, *, actor: Actor = SYSTEM
) -> TerminalView:
    """A new terminal from raw values by column."""
    with writing(store) as conn:
        new_id = _insert(conn, company_id, given, now, actor)
        return TerminalView.of(rows.get_row(conn, terminals, company_id, new_id))


def update_terminal(
    store: Store,
    company_id: int,
    number: int | str,
    given: Mapping[str, Any],
    now: datetime,
    *,
    actor: Actor = SYSTEM,
) -> TerminalView:
    """Change the ``given`` fields of a terminal; its Terminal ID number cannot change."""
    number = terminal_number(number)
    with writing(store) as conn:
        row = _row(conn, company_id, number)
        args = (company_id, row, given, now, actor, str(number))
        return TerminalView.of(update_record(conn, TERMINAL, *args, fixed=("terminal_number",)))


def set_terminal_active(
    store: Store,
    company_id: int,
    number: int | str,
    active: bool,
    now: datetime,
    *,
    actor: Actor = SYSTEM,
) -> TerminalView:
    """Deactivate (or reactivate) a terminal; its punches stay, new ones are refused."""
    return update_terminal(store, company_id, number, {"active": active}, now, actor=actor)


def list_terminals(
    store: Store, company_id: int, *, active: bool | None = None
) -> list[TerminalView]:
    where = [] if active is None else [terminals.c.active == active]
    with store.read() as conn:
        found = rows.select_rows(conn, terminals, company_id, *where, order_by=["terminal_number"])
    return [TerminalView.of(row) for row in found]
