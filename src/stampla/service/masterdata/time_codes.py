"""Attendance and absence time codes (Staff > Settings > Time), by code.

Codes are what punches send as TimeScheduleTypeCode, matched in any letter case
(``stampla.domain.text``): "ÖVERTID" names the code "Övertid", and the two cannot both exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row

from stampla.store import masterdata as rows
from stampla.store.engine import Store
from stampla.store.tables import time_codes

from ..audit import SYSTEM, Actor
from .records import already_exists, checked_value, insert_record, require, update_record
from .registers import TIME_CODE
from .specs import TimeCodeSpec
from .tx import writing
from .values import time_code_kind
from .views import TimeCodeView


def put_time_code(
    conn: Connection, company_id: int, spec: TimeCodeSpec, now: datetime, *, actor: Actor = SYSTEM
) -> int:
    """A new time code from typed values, inside the caller's transaction; its id."""
    given = asdict(spec)
    given["salary_ids"] = list(spec.salary_ids)
    return _insert(conn, company_id, given, now, actor)


def _insert(
    conn: Connection, company_id: int, given: Mapping[str, Any], now: datetime, actor: Actor
) -> int:
    values = TIME_CODE.checked(given, creating=True)
    code = values["code"]
    existing = rows.find_row(conn, time_codes, company_id, code=code)
    if existing is not None:
        raise already_exists(TIME_CODE, "code", code, existing.code)
    return insert_record(conn, TIME_CODE, company_id, values, now, actor, code)


def _row(conn: Connection, company_id: int, code: str) -> Row:
    return require(rows.find_row(conn, time_codes, company_id, code=code), TIME_CODE, repr(code))


def add_time_code(
    store: Store, company_id: int, given: Mapping[str, Any], now: datetime, *, actor: Actor = SYSTEM
) -> TimeCodeView:
    """A new time code from raw values by column."""
    with writing(store) as conn:
        new_id = _insert(conn, company_id, given, now, actor)
        return TimeCodeView.of(rows.get_row(conn, time_codes, company_id, new_id))


def update_time_code(
    store: Store,
    company_id: int,
    code: str,
    given: Mapping[str, Any],
    now: datetime,
    *,
    actor: Actor = SYSTEM,
) -> TimeCodeView:
    """Change the ``given`` fields of a time code; the code itself cannot change."""
    with writing(store) as conn:
        row = _row(conn, company_id, code)
        args = (company_id, row, given, now, actor, row.code)
        return TimeCodeView.of(update_record(conn, TIME_CODE, *args, fixed=("code",)))


def set_time_code_active(
    store: Store,
    company_id: int,
    code: str,
    active: bool,
    now: datetime,
    *,
    actor: Actor = SYSTEM,
) -> TimeCodeView:
    """Deactivate (or reactivate) a time code; punches tagged with it stay valid."""
    return update_time_code(store, company_id, code, {"active": active}, now, actor=actor)


def list_time_codes(
    store: Store,
    company_id: int,
    *,
    kind: str | None = None,
    active: bool | None = None,
) -> list[TimeCodeView]:
    where = []
    if kind is not None:
        where.append(time_codes.c.kind == checked_value(time_code_kind, kind, "kind"))
    if active is not None:
        where.append(time_codes.c.active == active)
    with store.read() as conn:
        found = rows.select_rows(conn, time_codes, company_id, *where, order_by=["code"])
    return [TimeCodeView.of(row) for row in found]
