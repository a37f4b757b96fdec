"""The one rule for a dateFrom..dateTo range that a read may ask for."""

from __future__ import annotations

from datetime import date

from stampla.errors import InvalidInput, Problem


def check_range(date_from: date, date_to: date, max_days: int) -> None:
    """InvalidInput naming ``dateTo`` unless the range is in order and at most ``max_days``."""
    if date_to < date_from:
        raise InvalidInput(
            "dateTo is before dateFrom", [Problem("must not be before dateFrom", "dateTo")]
        )
    if (date_to - date_from).days + 1 > max_days:
        raise InvalidInput(
            f"The range is longer than {max_days} days",
            [Problem(f"at most {max_days} days after dateFrom", "dateTo")],
        )
