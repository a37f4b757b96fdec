"""The attest page's query string: a month (or a range), and the work list's filters.

Every filter is a GET parameter, so a filtered view is a link one can send or bookmark, and
the links to the previous and next month keep the filters. ``month=YYYY-MM`` shows that
month; ``dateFrom``/``dateTo`` (the API's names) a range of at most ``MAX_DAYS``; neither,
the current month in the company's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from stampla.domain.text import text_problem
from stampla.errors import InvalidInput, Problem
from stampla.service.attest import AttestQuery
from stampla.service.attest_worklist import CHECK, UNATTESTED, WorkList
from stampla.service.date_range import DateWindow

from .forms import RangeForm


def parse_month(text: str, field: str = "month") -> date:
    """The first day of ``YYYY-MM``; InvalidInput naming ``field`` otherwise."""
    try:
        year, month = text.strip().split("-")
        if not 1900 <= int(year) <= 2999:
            raise ValueError(year)
        return date(int(year), int(month), 1)
    except ValueError:
        raise InvalidInput(
            "month must be written YYYY-MM", [Problem(f"{text[:20]!r} is not YYYY-MM", field)]
        ) from None


def shift_month(first: date, months: int) -> date:
    """The first day of the month ``months`` after (before, if negative) ``first``'s."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(first: date) -> date:
    return shift_month(first, 1) - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class WorkListForm:
    """The attest page's parameters as typed (shown back as typed)."""

    range: RangeForm
    #: ``YYYY-MM`` when the page shows a month; "" for a range.
    month: str
    only: tuple[str, ...] = ()
    search: str = ""
    level: str = ""
    account: str = ""

    @classmethod
    def read(
        cls,
        *,
        month: str | None,
        date_from: str | None,
        date_to: str | None,
        employees: str | None,
        include_empty: str | None,
        only: list[str] | None,
        search: str | None,
        level: str | None,
        account: str | None,
        zone: ZoneInfo,
        now: datetime,
        window: DateWindow,
    ) -> WorkListForm:
        shown = (month or "").strip()
        if not shown and not (date_from or "").strip():
            shown = now.astimezone(zone).date().strftime("%Y-%m")
        first = last = None
        if shown:
            try:
                start = parse_month(shown)
                first, last = start.isoformat(), month_end(start).isoformat()
            except InvalidInput:  # reported by ``dates`` with the form shown back
                first, last = date_from, date_to
        range_ = RangeForm.read(
            first or date_from, last or date_to, employees, include_empty, zone, now, window
        )
        wanted = tuple(value for value in (CHECK, UNATTESTED) if value in (only or []))
        return cls(
            range_,
            shown,
            wanted,
            (search or "").strip(),
            (level or "").strip(),
            (account or "").strip(),
        )

    # What the services take ----------------------------------------------------------------

    def dates(self) -> tuple[date, date]:
        if self.month:
            start = parse_month(self.month)
            window = self.range.window
            return window.check(start, "month"), window.check(month_end(start), "month")
        return self.range.dates()

    def attest_query(self) -> AttestQuery:
        first, last = self.dates()
        form = self.range
        return AttestQuery(first, last, form.employee_nrs(), form.include_empty)

    def work_list(self) -> WorkList:
        for name, value in (("search", self.search), ("account", self.account)):
            problem = text_problem(value)
            if problem:
                raise InvalidInput(f"{name} {problem}", [Problem(problem, name)])
        level = None
        if self.level:
            try:
                level = int(self.level)
            except ValueError:
                raise InvalidInput(
                    "level must be a coding level's number",
                    [Problem(f"{self.level[:20]!r} is not a number", "level")],
                ) from None
        return WorkList(
            CHECK in self.only, UNATTESTED in self.only, self.search, level, self.account
        )

    # Links -----------------------------------------------------------------------------------

    @property
    def filtered(self) -> bool:
        return bool(self.only or self.search or self.account)

    def filters(self) -> list[tuple[str, str]]:
        """The parameters every link of the page keeps."""
        values = [("only", value) for value in self.only]
        for name, value in (
            ("employees", self.range.employees),
            ("search", self.search),
            ("level", self.level),
            ("account", self.account),
        ):
            if value:
                values.append((name, value))
        if self.range.include_empty:
            values.append(("includeEmpty", "on"))
        return values

    def query(self) -> str:
        """This view's own query string."""
        if self.month:
            where = [("month", self.month)]
        else:
            where = [("dateFrom", self.range.date_from), ("dateTo", self.range.date_to)]
        return urlencode(where + self.filters())

    def neighbour(self, direction: int) -> str | None:
        """The query string of the month (or range of the same length) before or after."""
        try:
            first, last = self.dates()
        except InvalidInput:  # no neighbours for a view that does not parse
            return None
        if self.month:
            where = [("month", shift_month(first, direction).strftime("%Y-%m"))]
        else:
            step = timedelta(days=((last - first).days + 1) * direction)
            where = [
                ("dateFrom", (first + step).isoformat()),
                ("dateTo", (last + step).isoformat()),
            ]
        return urlencode(where + self.filters())
