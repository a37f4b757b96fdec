"""Day rows made payroll lines: one per employee, date, code and account combination.

The rules (docs/payroll-export.md gives them with examples):

* Worked time (the day row's work spans) exports as the employee's worked-time code: ``ARB``
  for the hourly-paid, ``TID`` for the monthly-paid (``worked_tidkod``), per account
  combination of the spans. A span tagged with a time code whose PAXml code is itself a
  worked-time code (``TID``/``ARB``, say "Arbete utanför sch") exports under that code.
* Every other code of the day is a line of its own, on top of the worked time: attendance
  codes punched or planned on a span (with that span's accounts), the time rules' codes (OB,
  mertid, overtime; no accounts, as the rules count the day), and absence per absence code.
* A code exports by its PAXml code (a ``tidtrans``) or, without one, by its first salary ID
  (a ``lonetrans`` with ``lonart``); a code with neither cannot reach payroll, and the export
  is refused naming it (``unmapped``), never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from stampla.domain.attest import DayRow, SpanKind
from stampla.domain.attest.model import AccountRef
from stampla.domain.text import match_key

from .codes import TIDKODER, WORKED


class CodeMap(NamedTuple):
    """A time code of the register, as payroll is to receive it."""

    code: str
    name: str
    kind: str  # attendance or absence
    tidkod: str | None
    lonart: str | None  # the first salary ID

    @property
    def mapped(self) -> bool:
        return bool(self.tidkod or self.lonart)


class PayLine(NamedTuple):
    """Seconds of one kind of time of one employee on one date, on one account combination.

    ``code`` is the Stampla time code ("" for untagged worked time); ``tidkod`` or ``lonart``
    is what payroll receives."""

    employee_nr: str
    date: date
    code: str
    name: str
    tidkod: str | None
    lonart: str | None
    accounts: tuple[AccountRef, ...]
    seconds: int
    absence: bool = False
    #: The earlier runs this line corrects (``domain.export.corrections``); empty: none.
    corrects: tuple[int, ...] = ()
    #: Hours x 100 as the file writes them; None: ``seconds`` rounded (``hundredths``).
    written: int | None = None

    @property
    def payroll_code(self) -> str:
        """What payroll sees: the tidkod, else the salary ID."""
        return self.tidkod or self.lonart or ""

    @property
    def correction(self) -> bool:
        return bool(self.corrects)

    @property
    def centi_hours(self) -> int:
        """The hours the file holds, x 100 (negative for time a correction takes away)."""
        return self.written if self.written is not None else hundredths(self.seconds)

    @property
    def hours(self) -> Decimal:
        """The hours the file holds, two decimals: ``Decimal("7.50")``, ``Decimal("-1.50")``."""
        return Decimal(self.centi_hours).scaleb(-2)


def hundredths(seconds: int) -> int:
    """Seconds as hundredths of an hour, half up (away from zero): 27000 -> 750."""
    return int((Decimal(seconds) / 36).quantize(Decimal(1), ROUND_HALF_UP))


def code_table(codes: Iterable[CodeMap]) -> dict[str, CodeMap]:
    """The register by code, matched in any letter case (``stampla.domain.text``)."""
    return {match_key(code.code): code for code in codes}


def day_lines(
    employee_nr: str,
    row: DayRow,
    worked_tidkod: str,
    codes: Mapping[str, CodeMap],
) -> list[PayLine]:
    """The payroll lines of one day row (``codes`` from ``code_table``), in a fixed order."""
    sums: dict[tuple, int] = {}
    default = CodeMap(
        "", TIDKODER.get(worked_tidkod, worked_tidkod), "attendance", worked_tidkod, None
    )

    def add(code: CodeMap, accounts: tuple[AccountRef, ...], seconds: int, away: bool) -> None:
        if seconds > 0:
            key = (code.code, code.name, code.tidkod, code.lonart, accounts, away)
            sums[key] = sums.get(key, 0) + seconds

    for span in row.spans:
        if span.kind is not SpanKind.WORK:
            continue
        accounts = tuple(sorted(span.accounts))
        tagged = [codes.get(match_key(c)) or _unknown(c) for c in sorted(span.time_codes)]
        worked = next((c for c in tagged if c.tidkod in WORKED), None)
        add(worked or default, accounts, span.seconds, False)
        for code in tagged:
            if code is not worked and code.kind != "absence":
                add(code, accounts, span.seconds, False)
    costed: dict[tuple[str, str], int] = {}
    for code, rule, accounts, seconds in row.rule_code_accounts:
        add(codes.get(match_key(code)) or _unknown(code), accounts, seconds, False)
        costed[code, rule] = costed.get((code, rule), 0) + seconds
    for code, seconds, rule in row.rule_codes:  # what no account was worked on
        rest = seconds - costed.get((code, rule), 0)
        add(codes.get(match_key(code)) or _unknown(code), (), rest, False)
    for code, seconds in row.absence:
        add(codes.get(match_key(code)) or _unknown(code, "absence"), (), seconds, True)
    lines = [
        PayLine(employee_nr, row.date, code, name, tidkod, lonart, accounts, seconds, away)
        for (code, name, tidkod, lonart, accounts, away), seconds in sums.items()
    ]
    return sorted(lines, key=line_order)


def unmapped(lines: Iterable[PayLine]) -> list[str]:
    """The Stampla codes of lines with neither a PAXml code nor a salary ID, sorted."""
    return sorted({line.code for line in lines if not line.tidkod and not line.lonart})


def _unknown(code: str, kind: str = "attendance") -> CodeMap:
    """A code a day row carries that the register no longer holds: exported by nothing."""
    return CodeMap(code, code, kind, None, None)


def line_order(line: PayLine) -> tuple:
    """The order of a day's lines: worked time first, then codes, absence last."""
    return (line.absence, line.code != "", line.payroll_code, line.code, line.accounts)
