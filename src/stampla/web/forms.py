"""What people type into the pages' forms, read into what the services take.

Parsing raises the services' own ``InvalidInput`` naming the field, so a bad date is reported
on the page exactly like a range the service refuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from stampla.errors import InvalidInput
from stampla.http.params import parse_date, parse_employee_nrs
from stampla.service.attest import AttestQuery
from stampla.service.date_range import DateWindow, check_range

from .labels import FIELD_LABELS

#: The longest range a page shows: two months of day rows is already a long page.
MAX_DAYS = 62
#: Field names as the forms label them, for error messages (translated when shown).
LABELS = FIELD_LABELS


def current_week(zone: ZoneInfo, now: datetime) -> tuple[date, date]:
    """Monday to Sunday of the week that is now in the company's time zone."""
    today = now.astimezone(zone).date()
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def flag(value: str | None) -> bool:
    """A checkbox: present as ``on`` (or ``true``/``1`` in a hand-written address)."""
    return (value or "").strip().lower() in {"on", "true", "1", "yes"}


@dataclass(frozen=True, slots=True)
class RangeForm:
    """A date range and an optional employee filter, as typed (shown back as typed), and the
    dates any range must lie within."""

    date_from: str
    date_to: str
    window: DateWindow
    employees: str = ""
    include_empty: bool = False
    #: The punches page: list the punches corrections superseded too.
    show_superseded: bool = False

    @classmethod
    def read(
        cls,
        date_from: str | None,
        date_to: str | None,
        employees: str | None,
        include_empty: str | None,
        zone: ZoneInfo,
        now: datetime,
        window: DateWindow,
        show_superseded: str | None = None,
    ) -> RangeForm:
        """The form's values; a missing range is the current week, a missing end a week on."""
        monday, sunday = current_week(zone, now)
        first = (date_from or "").strip() or monday.isoformat()
        last = (date_to or "").strip()
        if not last:
            last = sunday.isoformat() if not date_from else _week_after(first, window)
        return cls(
            first,
            last,
            window,
            (employees or "").strip(),
            flag(include_empty),
            flag(show_superseded),
        )

    def dates(self) -> tuple[date, date]:
        first = parse_date(self.date_from, "dateFrom", self.window)
        last = parse_date(self.date_to, "dateTo", self.window)
        check_range(first, last, MAX_DAYS)
        return first, last

    def employee_nrs(self) -> list[str] | None:
        return parse_employee_nrs(self.employees)

    def attest_query(self) -> AttestQuery:
        first, last = self.dates()
        return AttestQuery(first, last, self.employee_nrs(), self.include_empty)

    def shifted(self, direction: int) -> str | None:
        """The query string of the previous (-1) or next (+1) range of the same length."""
        try:
            first, last = self.dates()
        except InvalidInput:  # no neighbours for a range that does not parse
            return None
        step = timedelta(days=((last - first).days + 1) * direction)
        values = {"dateFrom": (first + step).isoformat(), "dateTo": (last + step).isoformat()}
        if self.employees:
            values["employees"] = self.employees
        if self.include_empty:
            values["includeEmpty"] = "on"
        if self.show_superseded:
            values["superseded"] = "on"
        return urlencode(values)

    def with_superseded(self) -> str:
        """The query string of this form with superseded punches shown."""
        values = {"dateFrom": self.date_from, "dateTo": self.date_to, "superseded": "on"}
        if self.employees:
            values["employees"] = self.employees
        return urlencode(values)


def _week_after(first: str, window: DateWindow) -> str:
    try:
        return (parse_date(first, "dateFrom", window) + timedelta(days=6)).isoformat()
    except InvalidInput:  # the bad From is reported when the form is checked
        return first
