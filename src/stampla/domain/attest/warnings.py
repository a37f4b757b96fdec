"""Warning constructors: one place for the wording, with times in the company's zone.

Each message says what was found and what attest did about it, so that a manager reading the
day row knows which time was counted and which was not.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from stampla.domain.punch import EntryType

from .model import AttestWarning, Punch, WarningCode


def when(punch: Punch, zone: ZoneInfo) -> str:
    """A punch's local time as a manager reads it: ``2025-06-12 08:00``."""
    local = punch.instant.astimezone(zone)
    seconds = f":{local.second:02d}" if local.second else ""
    return f"{local:%Y-%m-%d %H:%M}{seconds}"


def _label(punch: Punch) -> str:
    kind = "In" if punch.entry_type is EntryType.IN else "Out"
    return f"break {kind}" if punch.is_break else kind


def _hours(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60} h" if minutes % 60 == 0 else f"{minutes // 60} h {minutes % 60} min"


def in_after_in(opening: Punch, second: Punch, zone: ZoneInfo) -> AttestWarning:
    return AttestWarning(
        WarningCode.MISSING_OUT,
        f"In at {when(opening, zone)} is followed by another In at {when(second, zone)} "
        "without an Out; the first session counts only up to its last punch",
        (opening.id, second.id),
    )


def open_too_long(opening: Punch, max_shift: timedelta, zone: ZoneInfo) -> AttestWarning:
    return AttestWarning(
        WarningCode.MISSING_OUT,
        f"In at {when(opening, zone)} has no Out within {_hours(max_shift)} (maximum shift "
        "length); the session counts only up to its last punch",
        (opening.id,),
    )


def out_without_in(punch: Punch, zone: ZoneInfo) -> AttestWarning:
    return AttestWarning(
        WarningCode.MISSING_IN,
        f"Out at {when(punch, zone)} has no open session before it; it is not counted",
        (punch.id,),
    )


def break_never_ended(start: Punch, end: Punch | None, zone: ZoneInfo) -> AttestWarning:
    after = f", then {_label(end)} at {when(end, zone)}" if end else ""
    return AttestWarning(
        WarningCode.OPEN_BREAK,
        f"break Out at {when(start, zone)} is never ended by a break In{after}; the time from "
        "the break Out on is not counted",
        (start.id, end.id) if end else (start.id,),
    )


def break_outside(punch: Punch, zone: ZoneInfo) -> AttestWarning:
    return AttestWarning(
        WarningCode.BREAK_OUTSIDE_SESSION,
        f"{_label(punch)} at {when(punch, zone)} lies outside any session; it is ignored",
        (punch.id,),
    )


def break_not_started(punch: Punch, zone: ZoneInfo) -> AttestWarning:
    return AttestWarning(
        WarningCode.BREAK_NOT_STARTED,
        f"break In at {when(punch, zone)} ends no break (no break Out before it); it is ignored",
        (punch.id,),
    )


def bounce(first: Punch, repeat: Punch, zone: ZoneInfo) -> AttestWarning:
    seconds = int((repeat.instant - first.instant).total_seconds())
    return AttestWarning(
        WarningCode.BOUNCE,
        f"{_label(repeat)} at {when(repeat, zone)} repeats the {_label(first)} {seconds} s "
        "earlier (a double read); it is ignored",
        (first.id, repeat.id),
    )


def account_conflict(punch: Punch, level: int, zone: ZoneInfo) -> AttestWarning:
    names = [a.account_nr for a in punch.accounts if a.level == level]
    return AttestWarning(
        WarningCode.ACCOUNT_CONFLICT,
        f"{_label(punch)} at {when(punch, zone)} names accounts {', '.join(names)} of one "
        f"coding level ({level}); the first, {names[0]}, receives the time",
        (punch.id,),
    )


def auto_stamp_out(opening: Punch, out: Punch, zone: ZoneInfo) -> AttestWarning:
    return AttestWarning(
        WarningCode.AUTO_STAMP_OUT,
        f"In at {when(opening, zone)} had no Out; the Out at {when(out, zone)} was made by "
        f"auto stamp-out (punch {out.id}), so check the time worked; a real Out sent later "
        "replaces it",
        (opening.id, out.id),
    )
