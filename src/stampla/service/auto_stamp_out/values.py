"""Reading the two settings of auto stamp-out as people write them, wherever they come from
(a CLI option, a JSON body, a CSV cell, a web form): the same parser everywhere."""

from __future__ import annotations

from typing import Any

from stampla.domain.auto_stamp_out import AFTER_MINUTES, OFF, clock_text, parse_clock
from stampla.service.masterdata.values import blank, described, hours

_OFF_WORDS = {"off", "av", "none", "never"}


def _off(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower() in _OFF_WORDS


def at(value: Any) -> str | None:
    """A time of day ``HH:MM`` (``7:30`` becomes ``07:30``), ``Off``, or None when blank."""
    if blank(value):
        return None
    if _off(value):
        return OFF
    return clock_text(parse_clock(str(value)))


def after(value: Any) -> int | None:
    """A shift length as minutes: ``10:00``, ``10``, ``9,5`` hours; ``Off`` is 0; blank None."""
    if blank(value):
        return None
    if _off(value):
        return 0
    minutes = hours(value)
    low, high = AFTER_MINUTES
    if minutes is None or not low <= minutes <= high:
        raise ValueError(f"{value!r} is not a shift length between 0:01 and 48:00 hours")
    return minutes


def after_text(minutes: int | None) -> str | None:
    """Minutes as ``after`` reads them back: 600 -> ``10:00``, 0 -> ``Off``."""
    if minutes is None:
        return None
    if minutes == 0:
        return OFF
    return f"{minutes // 60}:{minutes % 60:02d}"


described(at, "HH:MM, e.g. 23:00, or Off")
described(after, "hours H:MM, e.g. 10:00, or Off")
