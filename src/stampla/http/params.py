"""Query-string values as SoftOne clients send them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import Query

from stampla.errors import InvalidInput, Problem
from stampla.service.date_range import DateWindow

#: The longest EmployeeNr (its column's length).
MAX_EMPLOYEE_NR = 50


def parse_date(text: str, field: str, window: DateWindow) -> date:
    """A date within ``window``, or the date part of a date-time (clients built on .NET send
    DateTime); InvalidInput naming ``field`` otherwise."""
    try:
        day = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text).date()
    except ValueError:
        shown = text if len(text) <= 40 else text[:39] + "…"
        raise InvalidInput(
            f"{field} must be a date such as 2025-06-12",
            [Problem(f"{shown!r} is not a date such as 2025-06-12", field)],
        ) from None
    return window.check(day, field)


def parse_employee_nrs(text: str | None) -> list[str] | None:
    """``employeeNrsString``: comma-separated EmployeeNrs, or None for all employees."""
    if not text:
        return None
    nrs = [nr.strip() for nr in text.split(",") if nr.strip()]
    for nr in nrs:
        if "\x00" in nr or len(nr) > MAX_EMPLOYEE_NR:
            shown = repr(nr if len(nr) <= 40 else nr[:39] + "…")
            raise InvalidInput(
                f"employeeNrsString holds {shown}, which is no EmployeeNr",
                [
                    Problem(
                        f"{shown} is not an EmployeeNr (at most {MAX_EMPLOYEE_NR} characters, "
                        "no NUL)",
                        "employeeNrsString",
                    )
                ],
            )
    return nrs


# The query parameters the SoftOne-shaped reads share, declared once for their documentation.
DateFromQuery = Annotated[
    str, Query(alias="dateFrom", description="First company-local date (inclusive).")
]
DateToQuery = Annotated[
    str, Query(alias="dateTo", description="Last company-local date (inclusive).")
]
EmployeeNrsQuery = Annotated[
    str | None,
    Query(alias="employeeNrsString", description="Comma-separated EmployeeNr filter."),
]
