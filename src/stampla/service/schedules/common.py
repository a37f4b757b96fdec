"""What the schedule use cases share: finding the employee and reading dates and fields.

Values come as people and programs send them (text from the CLI, JSON from /Admin), and are
read here with the names the API gives them, so that every problem names its field.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, Row

from stampla.errors import InvalidInput, NotFound, Problem
from stampla.store import masterdata as store_md
from stampla.store.tables import employees

from ..date_range import DateWindow
from ..masterdata.values import Parser, blank


def employee_row(
    conn: Connection, company_id: int, employee_nr: Any, *, named_in_body: bool = False
) -> Row:
    """The employee ``employee_nr`` names (in any letter case).

    Unknown, it is a 404 when the address names it, and a 400 naming ``EmployeeNr`` when a
    body does (the record to make refers to it).
    """
    if blank(employee_nr):
        raise InvalidInput("EmployeeNr is required", [Problem("is required", "EmployeeNr")])
    nr = str(employee_nr).strip()
    row = store_md.find_row(conn, employees, company_id, employee_nr=nr)
    if row is None:
        message = f"Employee {nr!r} does not exist in this company"
        if named_in_body:
            raise InvalidInput(message, [Problem(f"employee {nr!r} does not exist", "EmployeeNr")])
        raise NotFound(message)
    return row


def read_date(value: Any, field: str, window: DateWindow, *, required: bool = True) -> date | None:
    """A date such as 2025-06-12, within the accepted window; InvalidInput naming ``field``."""
    if blank(value):
        if required:
            raise InvalidInput(f"{field} is required", [Problem("is required", field)])
        return None
    if isinstance(value, date):
        day = value
    else:
        text = str(value).strip()
        try:
            day = date.fromisoformat(text) if len(text) == 10 else None
        except ValueError:
            day = None
        if day is None:
            shown = text if len(text) <= 40 else text[:39] + "…"
            raise InvalidInput(
                f"{field} must be a date such as 2025-06-12",
                [Problem(f"{shown!r} is not a date such as 2025-06-12", field)],
            )
    return window.check(day, field)


def read_value(parse: Parser, value: Any, field: str) -> Any:
    """``parse(value)``, or InvalidInput naming ``field`` (and the part of it that is wrong)."""
    try:
        return parse(value)
    except ValueError as error:
        where = field + getattr(error, "where", "")
        raise InvalidInput(f"{where}: {error}", [Problem(str(error), where)]) from None
