"""The one rule for a dateFrom..dateTo range that a read may ask for, and the dates that any
request may name at all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from stampla.errors import InvalidInput, Problem
from stampla.limits import EARLIEST_DATE, MAX_FUTURE_DAYS


@dataclass(frozen=True, slots=True)
class DateWindow:
    """The dates a request may name: ``earliest`` to ``latest``, inclusive."""

    earliest: date
    latest: date

    @classmethod
    def around(
        cls, now: datetime, earliest: date = EARLIEST_DATE, future_days: int = MAX_FUTURE_DAYS
    ) -> DateWindow:
        return cls(earliest, now.date() + timedelta(days=future_days))

    def check(self, day: date, field: str) -> date:
        """``day``, or InvalidInput naming ``field`` if it lies outside the window."""
        if day < self.earliest:
            raise InvalidInput(
                f"{field} {day} is before {self.earliest}, the earliest date accepted",
                [Problem(f"must not be before {self.earliest}", field)],
            )
        if day > self.latest:
            raise InvalidInput(
                f"{field} {day} is after {self.latest}, the latest date accepted",
                [Problem(f"must not be after {self.latest}", field)],
            )
        return day


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
