"""Query-string values as SoftOne clients send them."""

from __future__ import annotations

from datetime import date, datetime

from stampla.errors import InvalidInput, Problem


def parse_date(text: str, field: str) -> date:
    """A date, or the date part of a date-time (clients built on .NET send DateTime)."""
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text).date()
    except ValueError:
        raise InvalidInput(
            f"{field} must be a date such as 2025-06-12",
            [Problem(f"{text!r} is not a date such as 2025-06-12", field)],
        ) from None


def parse_employee_nrs(text: str | None) -> list[str] | None:
    """``employeeNrsString``: comma-separated EmployeeNrs, or None for all employees."""
    return [nr.strip() for nr in text.split(",") if nr.strip()] if text else None
