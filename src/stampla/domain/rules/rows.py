"""Day rows get their rules' codes: each row, with the rule set of its employee's time
agreement on its date (``rules.apply``), and each code's time costed to the accounts worked
on at those instants.

Costing (docs/time-rules.md, rule 5): a second a rule claims belongs to the accounts of the
work span it lies in, one per coding level, as the day's worked time does. A shift worked on
department 100 until 18:00 and on 200 after it puts its evening OB on 200 only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

from stampla.domain.attest import DayRow, SpanKind
from stampla.domain.attest.holidays import HolidayCalendar
from stampla.domain.attest.model import SECOND, AccountRef, Span
from stampla.domain.schedule import EmploymentTerm, term_on

from .apply import Interval, claimed
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
        spans = [s for s in row.spans if s.kind is SpanKind.WORK]
        work = [(s.start, s.stop) for s in spans]
        full_time = rules.overtime.full_time_weekly_minutes if rules.overtime else None
        part_time = (
            full_time is not None
            and term.weekly_minutes is not None
            and term.weekly_minutes < full_time
        )
        compensation = (
            Compensation.COMP if term.overtime_compensation == "Comp" else Compensation.MONEY
        )
        found = claimed(
            work,
            row.expected_seconds,
            row.absence_seconds,
            rules,
            zone,
            calendar,
            part_time=part_time,
            compensation=compensation,
        )
        row.rule_codes = [
            (code, sum((b - a) // SECOND for a, b in parts), rule)
            for (code, rule), parts in found.items()
        ]
        row.rule_code_accounts = _costed(found, spans)


def _costed(
    found: dict[tuple[str, str], list[Interval]], spans: Sequence[Span]
) -> list[tuple[str, str, tuple[AccountRef, ...], int]]:
    """``(code, rule, accounts, seconds)``: a code's seconds per combination of accounts
    (one per coding level, sorted) of the work spans its instants lie in, sorted; time on
    spans without an account is not listed (the code's total still is)."""
    if not any(span.accounts for span in spans):
        return []
    costed: dict[tuple[str, str, tuple[AccountRef, ...]], int] = {}
    for (code, rule), parts in found.items():
        for start, stop in parts:
            for span in spans:
                if not span.accounts or span.stop <= start or span.start >= stop:
                    continue
                seconds = (min(stop, span.stop) - max(start, span.start)) // SECOND
                key = (code, rule, tuple(sorted(span.accounts)))
                costed[key] = costed.get(key, 0) + seconds
    return [(c, r, accounts, n) for (c, r, accounts), n in sorted(costed.items()) if n]
