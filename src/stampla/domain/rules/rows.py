"""Day rows get their rules' codes: each row, with the rule set of its employee's time
agreement on its date (``rules.apply``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

from stampla.domain.attest import DayRow, SpanKind
from stampla.domain.attest.holidays import HolidayCalendar
from stampla.domain.schedule import EmploymentTerm, term_on

from .apply import quantities
from .model import Compensation
from .versions import RuleBook


def with_rule_codes(
    rows: Iterable[DayRow],
    terms: Sequence[EmploymentTerm],
    book: RuleBook,
    zone: ZoneInfo,
    calendar: HolidayCalendar,
) -> None:
    """Sets ``rule_codes`` of each row, by the term and the rule set valid on its date."""
    for row in rows:
        if not row.work_seconds:
            continue  # no work, nothing for a rule to count
        term = term_on(terms, row.date)
        rules = book.on(term.time_agreement if term else None, row.date)
        if rules is None or term is None:
            continue
        work = [(s.start, s.stop) for s in row.spans if s.kind is SpanKind.WORK]
        full_time = rules.overtime.full_time_weekly_minutes if rules.overtime else None
        part_time = (
            full_time is not None
            and term.weekly_minutes is not None
            and term.weekly_minutes < full_time
        )
        compensation = (
            Compensation.COMP if term.overtime_compensation == "Comp" else Compensation.MONEY
        )
        row.rule_codes = quantities(
            work,
            row.expected_seconds,
            row.absence_seconds,
            rules,
            zone,
            calendar,
            part_time=part_time,
            compensation=compensation,
        )
