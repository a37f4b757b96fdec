"""Time rules as data: the rule sets of collective agreements, which turn work into pay codes.

A rule set belongs to a time agreement (the employee's dated *Time agreement* term picks
it) and is valid from a date; its next version takes over from the next version's date, so
editing next month's rules never changes this month's rows. It holds:

* **time windows** (OB, obekväm arbetstid): on certain kinds of day, within a clock window,
  each second of work earns the window's time code;
* an **overtime rule**: work beyond the day's scheduled (or expected) time is mertid up to
  full time for part-timers, and overtime beyond; overtime is *enkel* (simple) on weekdays
  inside a clock window and *kvalificerad* (qualified) otherwise, and becomes money or comp
  time as the employee chose (a dated term).
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple


class DayKind(StrEnum):
    """What kind of day a date is, for the windows. A date is exactly one of the first nine:
    a public holiday, else a major eve (Midsommarafton, Julafton, Nyårsafton), else its
    weekday; ``DAY_BEFORE_HOLIDAY`` is true besides, of the day before a public holiday."""

    MONDAY = "Mon"
    TUESDAY = "Tue"
    WEDNESDAY = "Wed"
    THURSDAY = "Thu"
    FRIDAY = "Fri"
    SATURDAY = "Sat"
    SUNDAY = "Sun"
    HOLIDAY = "Holiday"
    EVE = "Eve"
    DAY_BEFORE_HOLIDAY = "DayBeforeHoliday"


WEEKDAYS = (
    DayKind.MONDAY,
    DayKind.TUESDAY,
    DayKind.WEDNESDAY,
    DayKind.THURSDAY,
    DayKind.FRIDAY,
    DayKind.SATURDAY,
    DayKind.SUNDAY,
)
MONDAY_TO_FRIDAY = frozenset(WEEKDAYS[:5])


class TimeWindow(NamedTuple):
    """Work on a day of ``days`` between ``start`` and ``stop`` earns ``code``.

    ``stop`` at or before ``start`` runs to ``stop`` of the next day; ``stop`` 00:00 is the
    end of the day. The window belongs to the day it starts on.
    """

    name: str
    code: str
    days: frozenset[DayKind]
    start: time
    stop: time


class OvertimeCodes(NamedTuple):
    """The time codes overtime produces, by kind and by the employee's choice."""

    simple_money: str
    qualified_money: str
    simple_comp: str
    qualified_comp: str


class OvertimeRule(NamedTuple):
    """Work beyond the day's scheduled time: mertid up to full time, then overtime.

    ``full_time_weekly_minutes``: full time (Handels: 38.25 h); a day's full time is a fifth.
    Overtime is simple on ``simple_days`` between ``simple_start`` and ``simple_stop``, and
    qualified otherwise. ``with_ob``: whether overtime minutes earn OB too (Handels: no, the
    more favourable, overtime, applies).
    """

    name: str
    full_time_weekly_minutes: int
    mertid_code: str
    codes: OvertimeCodes
    simple_days: frozenset[DayKind] = MONDAY_TO_FRIDAY
    simple_start: time = time(6)
    simple_stop: time = time(20)
    with_ob: bool = False
    #: How many seconds of comp time a second of overtime banks, simple and qualified.
    simple_comp_factor: Decimal = Decimal("1.5")
    qualified_comp_factor: Decimal = Decimal("2.0")
    #: The absence code that withdraws comp time (kompledig).
    comp_leave_code: str = "Kompledig"


class RuleSet(NamedTuple):
    """One version of an agreement's rules, valid from ``valid_from``."""

    agreement: str
    valid_from: date
    windows: tuple[TimeWindow, ...] = ()
    overtime: OvertimeRule | None = None


class Compensation(StrEnum):
    """What the employee's overtime becomes (a dated term)."""

    MONEY = "Money"
    COMP = "Comp"


class Quantity(NamedTuple):
    """Seconds of a time code a rule produced on a day."""

    code: str
    seconds: int
    rule: str
