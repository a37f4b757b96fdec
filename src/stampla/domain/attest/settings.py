"""A company's attest settings, with the defaults that apply until it sets its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from .holidays import HolidayCalendar


class DayRule(StrEnum):
    """Which day a shift that crosses midnight belongs to (the choices TimeTrex offers)."""

    START_DAY = "StartDay"
    END_DAY = "EndDay"
    MOST_TIME = "MostTime"
    SPLIT_AT_MIDNIGHT = "SplitAtMidnight"


#: Inclusive bounds of each setting; outside them a rule stops making sense.
GAP_MINUTES = (1, 24 * 60)
MAX_SHIFT_MINUTES = (60, 48 * 60)
BOUNCE_SECONDS = (0, 600)
GRACE_MINUTES = (0, 120)


@dataclass(frozen=True, slots=True)
class AttestSettings:
    """How punches become day rows for one company.

    ``gap``: sessions closer than this form one shift (and land on one day).
    ``max_shift``: a session still open after this long is missing its Out.
    ``bounce``: a repeat of the same punch type within this window is a double read.
    ``holidays``: the calendar whose holidays on weekdays expect no time.
    ``grace``: how late an In, or how early an Out, may be before it is a deviation.
    ``absence_codes``: the time codes of kind absence (``Sjuk``, ``VAB`` …): punched time
    tagged with one is absence, not work.
    """

    day_rule: DayRule = DayRule.START_DAY
    gap: timedelta = timedelta(hours=4)
    max_shift: timedelta = timedelta(hours=16)
    bounce: timedelta = timedelta(seconds=60)
    holidays: HolidayCalendar = HolidayCalendar.NONE
    grace: timedelta = timedelta(0)
    absence_codes: frozenset[str] = frozenset()

    @property
    def reach(self) -> timedelta:
        """How far back a punch can still change how a later one is read."""
        return max(self.gap, self.max_shift, self.bounce)


DEFAULTS = AttestSettings()
