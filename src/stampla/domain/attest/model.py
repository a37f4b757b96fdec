"""The value types of attest: punches go in, spans and warnings come out.

They are NamedTuples on purpose: immutable, comparable, cheap to build a million of, and plain
data that tests can write as literals.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from stampla.domain.punch import EntryType

#: ``build(Span, (start, stop, …))`` makes a NamedTuple from a tuple of all its fields in
#: order, in C: ``Span(start, stop, …)`` runs a Python-level ``__new__`` first, which is a
#: third of the cost of a span, and a company-wide month makes millions of spans and punches.
#: Only for hot loops that pass every field; everything else calls the class.
build = tuple.__new__

#: Whole seconds of a non-negative timedelta: ``delta // SECOND`` (exact, and no float).
SECOND = timedelta(seconds=1)


class AccountRef(NamedTuple):
    """An account a punch names, with the coding level its time is kept per.

    ``level`` is the coding level's number: SIE dimensions may be missing (a level without
    one), so the level, not the dimension, is what keeps two allocations apart.
    """

    level: int
    sie_dimension: int | None
    account_nr: str


#: The origin of a punch a terminal or an app sent (``punches.origin``).
TERMINAL = "Terminal"
#: The origin of an Out the auto stamp-out job made for a session left open.
AUTO_STAMP_OUT = "AutoStampOut"
#: The origin of a punch a staff user added or changed (``service.corrections``).
CORRECTION = "Correction"


class Punch(NamedTuple):
    """A current (not superseded) punch of one employee.

    ``origin``: who made it; ``TERMINAL`` for everything that was sent, ``AUTO_STAMP_OUT``
    for a synthetic Out (the day row then warns HR)."""

    id: int
    instant: datetime
    local_date: date
    entry_type: EntryType
    is_break: bool = False
    accounts: tuple[AccountRef, ...] = ()
    time_codes: tuple[str, ...] = ()
    origin: str = TERMINAL

    @property
    def is_work_in(self) -> bool:
        return self.entry_type is EntryType.IN and not self.is_break

    def order_key(self) -> tuple:
        """Time order; at one instant, Outs before Ins (a span ends before the next begins).

        The remaining fields make the order total, so that the result never depends on the
        order in which punches were stored or listed.
        """
        return (self.instant, -self.entry_type, self.is_break, self.id)


class SpanKind(StrEnum):
    """Work and Break come from pairing. On the day row, a work span tagged with an absence
    time code becomes Absence (the employee punched being away), and a scheduled break that
    was not punched is cut out of work as ScheduledBreak (``compare``)."""

    WORK = "Work"
    BREAK = "Break"
    ABSENCE = "Absence"
    SCHEDULED_BREAK = "ScheduledBreak"


class Span(NamedTuple):
    """Time between two consecutive punches of a session; ``seconds`` really elapsed.

    Build spans with ``Span.between`` (or ``part``), which computes ``seconds`` once: every
    total and every output reads it.
    """

    start: datetime
    stop: datetime
    kind: SpanKind
    seconds: int
    time_codes: tuple[str, ...] = ()
    accounts: tuple[AccountRef, ...] = ()

    @classmethod
    def between(
        cls,
        start: datetime,
        stop: datetime,
        kind: SpanKind,
        time_codes: tuple[str, ...] = (),
        accounts: tuple[AccountRef, ...] = (),
    ) -> Span:
        seconds = int((stop - start).total_seconds())
        return cls(start, stop, kind, seconds, time_codes, accounts)

    def part(self, start: datetime, stop: datetime) -> Span:
        """The same span, cut to [start, stop]."""
        return Span.between(start, stop, self.kind, self.time_codes, self.accounts)


class WarningCode(StrEnum):
    """What can be wrong with a sequence of punches; each warning names the punches involved."""

    MISSING_OUT = "MissingOut"
    MISSING_IN = "MissingIn"
    OPEN_BREAK = "OpenBreak"
    BREAK_OUTSIDE_SESSION = "BreakOutsideSession"
    BREAK_NOT_STARTED = "BreakNotStarted"
    BOUNCE = "Bounce"
    ACCOUNT_CONFLICT = "AccountConflict"
    # Deviations from the schedule (``compare``): not problems of the punches themselves.
    LATE_IN = "LateIn"
    EARLY_OUT = "EarlyOut"
    UNSCHEDULED = "Unscheduled"
    NO_SHOW = "NoShow"
    # The Working Hours Act (``rest``).
    SHORT_DAILY_REST = "ShortDailyRest"
    #: The limits of the watch over the running sums and the weeks (``domain.rules.atl``):
    #: informational, they never block attesting.
    OVERTIME_FOUR_WEEKS = "OvertimeFourWeeks"
    OVERTIME_MONTH = "OvertimeMonth"
    OVERTIME_YEAR = "OvertimeYear"
    MERTID_YEAR = "MertidYear"
    DAILY_REST = "DailyRest"
    WEEKLY_REST = "WeeklyRest"
    # Not a problem of the punches either: the session's Out was made by the server.
    AUTO_STAMP_OUT = "AutoStampOut"
    # Attest states (``service.attest.locks``): the day is locked and shows its frozen row.
    #: A punch was stored for the day after it locked; it does not change the frozen row.
    LATE_INTO_LOCKED_DAY = "LateIntoLockedDay"
    #: Computed again from the same punches, the day now differs from what was attested
    #: (a schedule, rule or term changed); the frozen row stays what was attested.
    RECOMPUTED_DIFFERS = "RecomputedDiffers"


#: Warnings about the pairing itself (as opposed to double reads and account data).
SEQUENCE_WARNINGS = frozenset(
    {
        WarningCode.MISSING_OUT,
        WarningCode.MISSING_IN,
        WarningCode.OPEN_BREAK,
        WarningCode.BREAK_OUTSIDE_SESSION,
        WarningCode.BREAK_NOT_STARTED,
    }
)


class AttestWarning(NamedTuple):
    code: WarningCode
    message: str
    punch_ids: tuple[int, ...]


class StampingStatus(StrEnum):
    """SoftOne GO's day statuses, plus Ongoing for a session that may still end normally."""

    NO_STAMPS = "NoStamps"
    COMPLETE = "Complete"
    ONGOING = "Ongoing"
    FIRST_STAMP_IS_NOT_IN = "FirstStampIsNotIn"
    ODD_NUMBER_OF_STAMPS = "OddNumberOfStamps"
    INVALID_SEQUENCE_OF_STAMPS = "InvalidSequenceOfStamps"
    INVALID_DOUBLE_STAMP = "InvalidDoubleStamp"
