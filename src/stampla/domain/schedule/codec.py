"""Shifts as stored and sent: JSON documents of clock times, and the text people type.

A shift is ``{"start": "08:00", "stop": "17:00", "breaks": [{"start": "12:00", "stop":
"13:00"}], "accountNr": "4001", "timeCode": "OB 50%"}`` (breaks, account and time code
optional). People write the same as ``08:00-17:00 /12:00-13:00``, several shifts of a day
separated by ``,``; a day off is ``-`` or nothing.
"""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from .model import BreakTemplate, ShiftTemplate, TemplateDay

_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.]?([0-5]\d)$")
_SPAN = re.compile(r"^\s*(\S+)\s*[-–]\s*(\S+)\s*$")


def clock(text: str) -> time:
    """``08:00`` (also ``8:00``, ``0800``, ``08.00``) as a time; ValueError naming it."""
    found = _CLOCK.match(text.strip())
    if not found:
        raise ValueError(f"{text!r} is not a clock time such as 08:00")
    return time(int(found[1]), int(found[2]))


def clock_text(value: time) -> str:
    return f"{value:%H:%M}"


def shift_document(shift: ShiftTemplate) -> dict[str, Any]:
    """A shift as stored and answered."""
    document: dict[str, Any] = {"start": clock_text(shift.start), "stop": clock_text(shift.stop)}
    if shift.breaks:
        document["breaks"] = [
            {"start": clock_text(b.start), "stop": clock_text(b.stop)} for b in shift.breaks
        ]
    if shift.account_nr is not None:
        document["accountNr"] = shift.account_nr
    if shift.time_code is not None:
        document["timeCode"] = shift.time_code
    return document


def shift_from_document(document: Any) -> ShiftTemplate:
    """A shift from its document; ValueError saying what is wrong."""
    if not isinstance(document, dict):
        raise ValueError("a shift is an object with start and stop, such as {start: 08:00}")
    unknown = set(document) - {"start", "stop", "breaks", "accountNr", "timeCode"}
    if unknown:
        raise ValueError(f"a shift has no {', '.join(sorted(unknown))}")
    try:
        start, stop = clock(str(document["start"])), clock(str(document["stop"]))
    except KeyError as missing:
        raise ValueError(f"a shift needs its {missing.args[0]}") from None
    breaks = tuple(_break(item) for item in document.get("breaks") or ())
    shift = ShiftTemplate(
        start, stop, breaks, _text(document.get("accountNr")), _text(document.get("timeCode"))
    )
    check_shift(shift)
    return shift


def _break(document: Any) -> BreakTemplate:
    if not isinstance(document, dict) or not {"start", "stop"} <= set(document):
        raise ValueError("a break is an object with start and stop")
    return BreakTemplate(clock(str(document["start"])), clock(str(document["stop"])))


def _text(value: Any) -> str | None:
    return None if value is None or str(value).strip() == "" else str(value).strip()


def day_from_documents(documents: Any) -> TemplateDay:
    if not isinstance(documents, list):
        raise ValueError("a day is a list of shifts ([] for a day off)")
    return tuple(shift_from_document(document) for document in documents)


def day_from_text(text: str) -> TemplateDay:
    """``08:00-17:00 /12:00-13:00, 18:00-20:00`` (``-`` or nothing: a day off)."""
    if text.strip() in ("", "-", "–"):
        return ()
    shifts = []
    for part in text.split(","):
        window, *pauses = part.split("/")
        start, stop = _span(window)
        breaks = tuple(BreakTemplate(*_span(pause)) for pause in pauses)
        shift = ShiftTemplate(start, stop, breaks)
        check_shift(shift)
        shifts.append(shift)
    return tuple(shifts)


def day_text(day: TemplateDay) -> str:
    """A template day as people write it (``day_from_text`` reads it back)."""
    if not day:
        return "-"
    parts = []
    for shift in day:
        text = f"{clock_text(shift.start)}-{clock_text(shift.stop)}"
        text += "".join(f" /{clock_text(b.start)}-{clock_text(b.stop)}" for b in shift.breaks)
        parts.append(text)
    return ", ".join(parts)


def _span(text: str) -> tuple[time, time]:
    found = _SPAN.match(text)
    if not found:
        raise ValueError(f"{text.strip()!r} is not a time span such as 08:00-17:00")
    return clock(found[1]), clock(found[2])


def check_shift(shift: ShiftTemplate) -> None:
    """ValueError unless the shift has a length and each break lies inside it."""
    if shift.start == shift.stop:
        raise ValueError(f"the shift {clock_text(shift.start)}-{clock_text(shift.stop)} is empty")
    length = _minutes_after(shift.start, shift.stop)
    for pause in shift.breaks:
        begins = _minutes_after(shift.start, pause.start)
        ends = _minutes_after(shift.start, pause.stop)
        if not 0 < begins < ends < length:
            raise ValueError(
                f"the break {clock_text(pause.start)}-{clock_text(pause.stop)} is not inside "
                f"the shift {clock_text(shift.start)}-{clock_text(shift.stop)}"
            )


def _minutes_after(start: time, moment: time) -> int:
    """Minutes from ``start`` to the next ``moment`` (a shift may cross midnight)."""
    minutes = (moment.hour * 60 + moment.minute) - (start.hour * 60 + start.minute)
    return minutes if minutes > 0 else minutes + 24 * 60 if minutes < 0 else 0
