"""Punches against the plan: scheduled breaks, work inside and outside the schedule, deviations.

* **Scheduled breaks.** A planned shift's breaks are taken out of the work punched in it when
  no break was punched during the shift: 08:10–17:00 punched on a shift of 08:00–17:00 with a
  break at 12:00–13:00 is 7:50 of work. Taken-out time is a ``ScheduledBreak`` span, so the
  day shows where it went. A punched break replaces the scheduled ones of its shift.
* **Inside and outside.** Work inside the schedule is the work that overlaps the shifts'
  scheduled working time (shift minus breaks); the rest is outside. On a date without a
  schedule neither is known; on a scheduled day off all work is outside.
* **Deviations** (warnings; ``grace`` is a setting, default 0 min): ``LateIn``, the first
  presence in a shift begins more than ``grace`` after its start; ``EarlyOut``, the last
  ends more than ``grace`` before its stop; ``Unscheduled``, work on a date with no shift
  (a day off, or outside the employment); ``NoShow``, a shift without any punch or absence.
  Registered absence on the date explains a late in or an early out, so they are not
  flagged then.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .model import SECOND, AttestWarning, Punch, Span, SpanKind, WarningCode
from .plan import DayPlan, PlannedShift, scheduled_work


def with_scheduled_breaks(spans: list[Span], shifts: Sequence[PlannedShift]) -> list[Span]:
    """The spans, with each unpunched scheduled break cut out of the work it falls in."""
    if not any(shift.breaks for shift in shifts):
        return spans
    punched = [span for span in spans if span.kind is SpanKind.BREAK]
    breaks = [
        pause
        for shift in shifts
        if shift.breaks and not _punched_break(punched, shift)
        for pause in shift.breaks
    ]
    if not breaks:
        return spans
    made: list[Span] = []
    for span in spans:
        made.extend(_cut(span, breaks) if span.kind is SpanKind.WORK else (span,))
    return made


def _punched_break(breaks: Sequence[Span], shift: PlannedShift) -> bool:
    """Whether one of the punched ``breaks`` lies in the shift."""
    start, stop = shift.start, shift.stop
    return any(span.start < stop and span.stop > start for span in breaks)


def _cut(span: Span, breaks: Sequence[tuple[datetime, datetime]]) -> list[Span]:
    pieces: list[Span] = []
    cursor = span.start
    for start, stop in sorted(breaks):
        start, stop = max(start, cursor), min(stop, span.stop)
        if start >= stop:
            continue
        if start > cursor:
            pieces.append(span.part(cursor, start))
        pieces.append(Span.between(start, stop, SpanKind.SCHEDULED_BREAK, span.time_codes))
        cursor = stop
    if cursor < span.stop:
        pieces.append(span.part(cursor, span.stop))
    return pieces


def inside_seconds(spans: Sequence[Span], shifts: Sequence[PlannedShift]) -> int:
    """Seconds of work that overlap the shifts' scheduled working time."""
    scheduled = scheduled_work(tuple(shifts))
    if not scheduled:
        return 0
    total = 0
    for span in spans:
        if span.kind is not _WORK:
            continue
        span_start, span_stop = span.start, span.stop
        for start, stop in scheduled:
            if start < span_stop and span_start < stop:
                total += (min(span_stop, stop) - max(span_start, start)) // SECOND
    return total


_WORK = SpanKind.WORK


def deviations(
    plan: DayPlan,
    spans: Sequence[Span],
    punches: Sequence[Punch],
    grace: timedelta,
    zone: ZoneInfo,
    now: datetime | None = None,
) -> list[AttestWarning]:
    """LateIn, EarlyOut, Unscheduled and NoShow for a date with a schedule (or none).

    Only what ``now`` can already tell: a shift not yet ended cannot have been left early
    nor missed, and one not yet begun (with its grace) cannot have begun late.
    """
    if not plan.scheduled and plan.employed:
        return []
    if plan.absences and plan.absence_seconds:
        return [] if plan.shifts else _unscheduled(plan, _present(spans), punches)
    present = _present(spans)
    if not plan.shifts:
        return _unscheduled(plan, present, punches)
    found: list[AttestWarning] = []
    for shift in plan.shifts:
        ended = now is None or now >= shift.stop
        covering = [s for s in present if s.start < shift.stop and s.stop > shift.start]
        if not covering:
            if ended:
                found.append(_no_show(shift))
            continue
        first, last = covering[0].start, covering[-1].stop
        if first - shift.start > grace:
            found.append(_late_in(shift, first, punches, zone))
        if ended and shift.stop - last > grace:
            found.append(_early_out(shift, last, punches, zone))
    return found


def missed(plan: DayPlan, now: datetime | None = None) -> bool:
    """Whether a date without punches still needs a row: absence was registered on it, or a
    shift of it has ended unattended (a NoShow)."""
    if plan.absences:
        return True
    return any(now is None or now >= shift.stop for shift in plan.shifts)


_PRESENT = frozenset({SpanKind.WORK, SpanKind.ABSENCE})


def _present(spans: Sequence[Span]) -> list[Span]:
    return [span for span in spans if span.kind in _PRESENT]


def _unscheduled(
    plan: DayPlan, present: Sequence[Span], punches: Sequence[Punch]
) -> list[AttestWarning]:
    seconds = sum(span.seconds for span in present)
    if not seconds:
        return []
    why = "outside the employment" if not plan.employed else "on a day without scheduled shifts"
    return [
        AttestWarning(
            WarningCode.UNSCHEDULED,
            f"{_duration(seconds)} punched {why}; all of it is work outside the schedule",
            tuple(punch.id for punch in punches),
        )
    ]


def _no_show(shift: PlannedShift) -> AttestWarning:
    return AttestWarning(
        WarningCode.NO_SHOW,
        f"shift {shift.label} was scheduled, but nothing was punched or registered for it",
        (),
    )


def _late_in(
    shift: PlannedShift, first: datetime, punches: Sequence[Punch], zone: ZoneInfo
) -> AttestWarning:
    late = (first - shift.start) // SECOND
    return AttestWarning(
        WarningCode.LATE_IN,
        f"In at {_local(first, zone)} is {_duration(late)} after the start of shift {shift.label}",
        _ids_at(punches, first),
    )


def _early_out(
    shift: PlannedShift, last: datetime, punches: Sequence[Punch], zone: ZoneInfo
) -> AttestWarning:
    early = (shift.stop - last) // SECOND
    return AttestWarning(
        WarningCode.EARLY_OUT,
        f"Out at {_local(last, zone)} is {_duration(early)} before the end of shift {shift.label}",
        _ids_at(punches, last),
    )


def _ids_at(punches: Sequence[Punch], instant: datetime) -> tuple[int, ...]:
    """The punch at ``instant``: a span begins and ends at one, unless cut at midnight."""
    for punch in punches:
        if punch.instant == instant:
            return (punch.id,)
    return ()


def _local(instant: datetime, zone: ZoneInfo) -> str:
    """``2025-06-12 08:10``; ``isoformat`` is several times cheaper than ``strftime``."""
    return instant.astimezone(zone).isoformat(" ", "minutes")[:16]


def _duration(seconds: int) -> str:
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h" if minutes % 60 == 0 else f"{minutes // 60} h {minutes % 60} min"
