"""Balances carried from day to day: comp time (kompsaldo) and flex time (flexsaldo).

* **Comp time**: each second of overtime taken as comp time banks its factor (1.5 for simple,
  2.0 for qualified, by the rule set) and each second of the comp-leave absence code
  (``Kompledig``) withdraws one. The balance may go below zero (leave taken in advance),
  which payroll sees.
* **Flex time**: for an employee with flex time, the day's difference (work + absence −
  expected) is added, day by day.

Both are recomputed from the day rows on every read, like the rows themselves, from an
employee's **opening balance** where one is set: the balances carried from an earlier system
at the start of a date (``Opening``); the days before that date are not counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from .model import OvertimeRule, Quantity


class BalanceDay(NamedTuple):
    """What a day row contributes to the balances."""

    date: date
    quantities: Sequence[Quantity]  # the rules' codes of the day
    absence: Sequence[tuple[str, int]]  # absence seconds per code
    difference_seconds: int | None


class Balances(NamedTuple):
    """Both balances at the end of a date, in seconds."""

    date: date
    comp_seconds: int
    flex_seconds: int


class Opening(NamedTuple):
    """An employee's balances at the start of ``date``, carried from an earlier system."""

    date: date
    comp_seconds: int
    flex_seconds: int
    note: str | None = None


_HOURS_MINUTES = re.compile(r"^([+-]?)(\d{1,5}):([0-5]\d)$")


def parse_hours_minutes(text: str) -> int:
    """Seconds of a signed ``hours:minutes`` text: ``12:30`` is 45000, ``-1:15`` is -4500.

    ValueError, saying the form, for anything else (``12:75``, ``1.5``, ``-``)."""
    found = _HOURS_MINUTES.match(text.strip())
    if found is None:
        raise ValueError(f"{text.strip()!r} is not hours:minutes (e.g. 12:30 or -1:15)")
    sign, hours, minutes = found.groups()
    seconds = (int(hours) * 60 + int(minutes)) * 60
    return -seconds if sign == "-" else seconds


def hours_minutes(seconds: int) -> str:
    """``parse_hours_minutes`` backwards: -4500 is ``-1:15``."""
    sign = "-" if seconds < 0 else ""
    minutes = abs(seconds) // 60
    return f"{sign}{minutes // 60}:{minutes % 60:02d}"


def balances(
    days: Iterable[BalanceDay],
    rule: OvertimeRule | None,
    *,
    flex: bool,
    opening: Balances | None = None,
) -> list[Balances]:
    """The balances after each day (in date order), from ``opening`` (or zero)."""
    comp = opening.comp_seconds if opening else 0
    flex_total = opening.flex_seconds if opening else 0
    factors = _factors(rule)
    found = []
    for day in days:
        banked = sum(
            (Decimal(q.seconds) * factors[q.code] for q in day.quantities if q.code in factors),
            Decimal(0),
        )
        comp += int(banked.quantize(Decimal(1), ROUND_HALF_UP))
        if rule is not None:
            comp -= sum(seconds for code, seconds in day.absence if code == rule.comp_leave_code)
        if flex and day.difference_seconds is not None:
            flex_total += day.difference_seconds
        found.append(Balances(day.date, comp, flex_total))
    return found


def _factors(rule: OvertimeRule | None) -> dict[str, Decimal]:
    if rule is None:
        return {}
    return {
        rule.codes.simple_comp: rule.simple_comp_factor,
        rule.codes.qualified_comp: rule.qualified_comp_factor,
    }
