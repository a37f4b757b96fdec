"""Auto stamp-out: which open sessions get a synthetic Out, and when.

A session is open from a work In until a work Out (or the next work In, which attest reads
as a forgotten Out). A company, or a terminal for the sessions begun on it, may say that an
open session ends at a time of day (``at``, the first such local time after the In) or after
a maximum shift length (``after``); with both, the earlier applies. The Out lands there, or
one second after the session's last punch when that is later (time up to the last punch
is evidence of work, and attest counts it). Nothing is made:

* before that moment has come (``now``);
* when the session was closed, or the next work In comes first;
* when the Out would lie further from the In than attest's maximum shift length: attest has
  then already called the session ``MissingOut``, and an Out after that would only be a
  stray one, so the session stays as it is for HR.

Pure: the job (``service.auto_stamp_out``) reads punches and writes the Outs; this decides.
The rules, with examples, are in docs/auto-stamp-out.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from stampla.domain.localtime import resolve_timestamp
from stampla.domain.punch import EntryType

#: How a terminal says "not on this terminal", where the company has a rule.
OFF = "Off"
#: Bounds of the maximum shift length, in minutes (at least one minute, at most two days).
AFTER_MINUTES = (1, 48 * 60)
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_SECOND = timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class AutoStampOutRule:
    """When a session is stamped out: at a local time of day, after a length, or both."""

    at: time | None = None
    after: timedelta | None = None

    @property
    def active(self) -> bool:
        return self.at is not None or self.after is not None


NO_RULE = AutoStampOutRule()


def parse_clock(text: str) -> time:
    """A time of day as written, ``23:00`` or ``7:30``; ValueError otherwise."""
    match = _CLOCK.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a time of day such as 23:00")
    return time(int(match[1]), int(match[2]))


def clock_text(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def terminal_rule(
    company: AutoStampOutRule, at: str | None, after_minutes: int | None
) -> AutoStampOutRule:
    """The rule for sessions begun on a terminal: each of its settings, where set, replaces
    the company's (``Off`` and 0 turn that part off); where not set, the company's applies."""
    if at is None:
        own_at = company.at
    else:
        own_at = None if at == OFF else parse_clock(at)
    if after_minutes is None:
        own_after = company.after
    else:
        own_after = timedelta(minutes=after_minutes) if after_minutes > 0 else None
    return AutoStampOutRule(own_at, own_after)


def due(rule: AutoStampOutRule, opened: datetime, zone: ZoneInfo) -> datetime | None:
    """When a session opened at ``opened`` is stamped out by ``rule`` (None: never).

    The time of day is the first one strictly after the In, read in ``zone`` with the DST
    rule of TimeStamps (``domain.localtime``): 02:30 on the spring day is 03:30.
    """
    found: list[datetime] = []
    if rule.after is not None:
        found.append(opened + rule.after)
    if rule.at is not None:
        day = opened.astimezone(zone).date()
        for _ in range(3):  # today's, or tomorrow's (two only if a DST gap swallowed one)
            wall = datetime.combine(day, rule.at)
            instant = resolve_timestamp(wall, zone).instant
            if instant > opened:
                found.append(instant)
                break
            day += timedelta(days=1)
    return min(found) if found else None


class Stamp(NamedTuple):
    """A current punch as the job sees it: enough to find sessions and their terminal."""

    id: int
    instant: datetime
    entry_type: EntryType
    is_break: bool
    terminal_id: int


class SyntheticOut(NamedTuple):
    """An Out to make: for the session opened by ``opening``, at ``instant``."""

    opening: Stamp
    instant: datetime


def due_outs(
    stamps: Iterable[Stamp],
    rule_of: Callable[[int], AutoStampOutRule],
    zone: ZoneInfo,
    now: datetime,
    max_shift: timedelta,
) -> list[SyntheticOut]:
    """The Outs due by ``now`` for one employee's current punches (in any order).

    ``rule_of(terminal_id)`` is the rule for sessions begun on that terminal.
    """
    ordered = sorted(stamps, key=lambda s: (s.instant, -s.entry_type, s.is_break, s.id))
    made: list[SyntheticOut] = []
    opening: Stamp | None = None
    last = datetime.min.replace(tzinfo=UTC)
    for stamp in ordered:
        if stamp.is_break:
            if opening is not None:
                last = stamp.instant
            continue
        if stamp.entry_type is EntryType.IN:
            if opening is not None:
                _consider(made, opening, last, stamp.instant, rule_of, zone, now, max_shift)
            opening, last = stamp, stamp.instant
        else:  # a work Out closes the session
            opening = None
    if opening is not None:
        _consider(made, opening, last, None, rule_of, zone, now, max_shift)
    return made


def _consider(
    made: list[SyntheticOut],
    opening: Stamp,
    last: datetime,
    next_in: datetime | None,
    rule_of: Callable[[int], AutoStampOutRule],
    zone: ZoneInfo,
    now: datetime,
    max_shift: timedelta,
) -> None:
    moment = due(rule_of(opening.terminal_id), opening.instant, zone)
    if moment is None:
        return
    if last >= moment:
        moment = last + _SECOND
    if moment > now or moment - opening.instant > max_shift:
        return
    if next_in is not None and moment >= next_in:
        return
    made.append(SyntheticOut(opening, moment))


def closes(
    opened: datetime, out: datetime, work_ins: Iterable[datetime], max_shift: timedelta
) -> bool:
    """Whether a real Out at ``out`` ends the session opened at ``opened`` (so that it
    supersedes the session's synthetic Out): it comes after the In, within attest's maximum
    shift length (a later Out would not pair with the In: attest would call the session
    MissingOut and the Out MissingIn), and no work In of the employee lies between them
    (that In would begin the Out's session)."""
    if not opened < out <= opened + max_shift:
        return False
    return not any(opened < instant < out for instant in work_ins)
