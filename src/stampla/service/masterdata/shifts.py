"""Shifts as people and programs write them: a schedule template's weeks, an override's day.

The admin API sends JSON: a rotation is a list of weeks, a week seven days (Monday first), a
day a list of shift documents (``{"start": "08:00", "stop": "17:00", "breaks": [{"start":
"12:00", "stop": "13:00"}], "accountNr": "100", "timeCode": "OB 50%"}``) or a day text
(``08:00-17:00 /12:00-13:00``, shifts separated by ``,``, ``-`` for a day off). The CLI
writes a week as seven day texts separated by ``;``, or as the JSON of one week. Both become
the documents of ``domain.schedule.codec``, checked the same way: every clock time, every
break inside its shift, no two breaks of a shift overlapping, and no two shifts overlapping,
within a day or across midnight into the next (and from the rotation's last day into its
first, where it starts again).

A problem says where it is, after the field's name: ``Weeks[1].Tuesday``,
``Weeks[2].Friday[1]`` (the first shift of that day), ``Shifts[2]``. Weeks and shifts are
counted from 1, as the rotation's weeks are (an assignment's start week).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection

from stampla.domain.schedule.codec import (
    check_shift,
    clock,
    clock_text,
    day_from_documents,
    day_from_text,
    day_text,
    shift_document,
)
from stampla.domain.schedule.model import BreakTemplate, ShiftTemplate, TemplateDay
from stampla.domain.text import match_key, text_problem
from stampla.errors import InvalidInput, Problem
from stampla.store import masterdata as store_md
from stampla.store.tables import accounts, time_codes

from .values import Located, blank

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: A rotation longer than a year is not a rotation; the limits keep a body's work bounded.
MAX_WEEKS = 52
MAX_SHIFTS_A_DAY = 10
MAX_BREAKS_A_SHIFT = 10
DAY_MINUTES = 24 * 60

#: A stored day: its shift documents.
Documents = list[dict[str, Any]]

_SHIFT_KEYS = {"start": "start", "stop": "stop", "breaks": "breaks"}
_SHIFT_KEYS |= {"accountnr": "accountNr", "timecode": "timeCode"}
_BREAK_KEYS = {"start": "start", "stop": "stop"}
_DAY_TEXT = "a day text such as 08:00-17:00 /12:00-13:00 ('-' for a day off) or a list of shifts"


# Reading --------------------------------------------------------------------------------------


def weeks(value: Any) -> list[list[Documents]] | None:
    """A rotation's weeks as stored; None when none is given (an empty list too)."""
    if blank(value) or value == []:
        return None
    given = value if isinstance(value, list | tuple) else [value]
    if len(given) > MAX_WEEKS:
        raise ValueError(f"a rotation has at most {MAX_WEEKS} weeks; this one has {len(given)}")
    rotation = [_week(item, f"[{number}]") for number, item in enumerate(given, 1)]
    _no_overlaps(rotation)
    return [[[shift_document(shift) for shift in day] for day in week] for week in rotation]


def day_shifts(value: Any) -> Documents | None:
    """One date's shifts as stored ([] for a day off); None when nothing is given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    day = _day(value, "")
    _no_overlaps([[day]], single_day=True)
    return [shift_document(shift) for shift in day]


def _week(item: Any, where: str) -> list[TemplateDay]:
    days: Any = item
    if isinstance(item, str):
        written = item.strip()
        if written.startswith("["):
            try:
                days = json.loads(written)
            except ValueError as error:
                raise Located(where, f"is not a week in JSON: {error}") from None
        else:
            days = written.split(";")
    if not isinstance(days, list | tuple):
        raise Located(where, "a week is 7 day texts separated by ';', or a list of 7 days")
    if len(days) != 7:
        raise Located(where, f"a week has 7 days, Monday to Sunday; this one has {len(days)}")
    return [_day(day, f"{where}.{DAYS[number]}") for number, day in enumerate(days)]


def _day(item: Any, where: str) -> TemplateDay:
    if isinstance(item, str):
        if reason := text_problem(item):
            raise Located(where, reason)
        try:
            shifts = day_from_text(item)
        except ValueError as error:
            raise Located(where, str(error)) from None
        for shift in shifts:
            _breaks_apart(shift, where)
    elif isinstance(item, list | tuple):
        if len(item) > MAX_SHIFTS_A_DAY:
            raise Located(where, f"a day has at most {MAX_SHIFTS_A_DAY} shifts")
        shifts = tuple(_shift(doc, f"{where}[{number}]") for number, doc in enumerate(item, 1))
    else:
        raise Located(where, f"is not {_DAY_TEXT}")
    if len(shifts) > MAX_SHIFTS_A_DAY:
        raise Located(where, f"a day has at most {MAX_SHIFTS_A_DAY} shifts")
    return tuple(sorted(shifts, key=lambda shift: shift.start))


def _shift(document: Any, where: str) -> ShiftTemplate:
    fields = _named(document, _SHIFT_KEYS, "a shift", where)
    for name in ("start", "stop"):
        if name not in fields:
            raise Located(where, f"a shift needs its {name}")
    breaks = fields.get("breaks") or []
    if not isinstance(breaks, list | tuple):
        raise Located(where, "breaks is a list of {start, stop}")
    if len(breaks) > MAX_BREAKS_A_SHIFT:
        raise Located(where, f"a shift has at most {MAX_BREAKS_A_SHIFT} breaks")
    pauses = []
    for number, pause in enumerate(breaks, 1):
        at = f"{where}.breaks[{number}]"
        times = _named(pause, _BREAK_KEYS, "a break", at)
        if set(times) != {"start", "stop"}:
            raise Located(at, "a break needs its start and stop")
        pauses.append(BreakTemplate(_clock(times["start"], at), _clock(times["stop"], at)))
    shift = ShiftTemplate(
        _clock(fields["start"], where),
        _clock(fields["stop"], where),
        tuple(pauses),
        _reference(fields.get("accountNr"), "accountNr", 50, where),
        _reference(fields.get("timeCode"), "timeCode", 100, where),
    )
    try:
        check_shift(shift)
    except ValueError as error:
        raise Located(where, str(error)) from None
    _breaks_apart(shift, where)
    return shift


def _named(document: Any, known: dict[str, str], what: str, where: str) -> dict[str, Any]:
    """An object's properties by their documented names, matched in any letter case."""
    if not isinstance(document, dict):
        raise Located(where, f"{what} is an object with start and stop, such as "
                      '{"start": "08:00", "stop": "17:00"}')  # fmt: skip
    repeated = getattr(document, "repeated", None)  # the JSON reader's mark (api.body)
    if repeated:
        raise Located(where, f"{what} names {repeated[0]} twice")
    found: dict[str, Any] = {}
    for name, value in document.items():
        canonical = known.get(str(name).lower())
        if canonical is None:
            names = ", ".join(dict.fromkeys(known.values()))
            raise Located(where, f"{what} has no {name!r} (it has {names})")
        if canonical in found:
            raise Located(where, f"{what} names {canonical} twice")
        found[canonical] = value
    return found


def _clock(value: Any, where: str) -> Any:
    if not isinstance(value, str):
        raise Located(where, f"{value!r} is not a clock time such as 08:00")
    try:
        return clock(value)
    except ValueError as error:
        raise Located(where, str(error)) from None


def _reference(value: Any, name: str, longest: int, where: str) -> str | None:
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise Located(where, f"{name} {value!r} is not text")
    if isinstance(value, int):
        value = str(value)  # an AccountNr keyed in as a number
    if not isinstance(value, str):
        raise Located(where, f"{name} {value!r} is not text")
    written = value.strip()
    if reason := text_problem(written):
        raise Located(where, f"{name} {reason}")
    if len(written) > longest:
        raise Located(where, f"{name} is {len(written)} characters long; at most {longest} fit")
    return written or None


# Checks across shifts ------------------------------------------------------------------------


def _breaks_apart(shift: ShiftTemplate, where: str) -> None:
    placed = sorted(
        (_after(shift.start, b.start), _after(shift.start, b.stop), b) for b in shift.breaks
    )
    for (_, ends, first), (begins, _, second) in zip(placed, placed[1:], strict=False):
        if begins < ends:
            raise Located(where, f"the breaks {_span(first)} and {_span(second)} overlap")


def _no_overlaps(rotation: Sequence[Sequence[TemplateDay]], *, single_day: bool = False) -> None:
    """Refuse shifts that overlap: on one day, or one day's running into the next."""
    placed = []
    for week_number, week in enumerate(rotation, 1):
        for day_number, day in enumerate(week):
            offset = ((week_number - 1) * 7 + day_number) * DAY_MINUTES
            where = "" if single_day else f"[{week_number}].{DAYS[day_number]}"
            for shift in day:
                start = offset + shift.start.hour * 60 + shift.start.minute
                placed.append((start, start + minutes(shift), where, shift))
    placed.sort(key=lambda item: item[:2])
    if len(placed) < 2:
        return
    cycle = len(rotation) * 7 * DAY_MINUTES
    # The rotation starts again after its last day: its last shift may run into the first.
    following = placed[1:] if single_day else [*placed[1:], _later(placed[0], cycle)]
    for (_, ends, where, shift), (begins, _, other_where, other) in zip(
        placed, following, strict=False
    ):
        if begins >= ends:
            continue
        if other_where == where:
            raise Located(where, f"the shifts {_span(shift)} and {_span(other)} overlap")
        raise Located(
            where,
            f"the shift {_span(shift)} runs into the shift {_span(other)} of {_place(other_where)}",
        )


def _later(
    item: tuple[int, int, str, ShiftTemplate], minutes_later: int
) -> tuple[int, int, str, ShiftTemplate]:
    start, stop, where, shift = item
    return start + minutes_later, stop + minutes_later, where, shift


def _place(where: str) -> str:
    """ "[1].Monday" as a sentence names it: "week 1's Monday"."""
    week, day = where[1:].split("].")
    return f"week {week}'s {day}"


def _after(start: Any, moment: Any) -> int:
    """Minutes from ``start`` to the next ``moment`` (0 when they are equal)."""
    minutes_between = (moment.hour * 60 + moment.minute) - (start.hour * 60 + start.minute)
    return minutes_between % DAY_MINUTES


def minutes(shift: ShiftTemplate) -> int:
    """A shift's length in minutes on the clock (a stop at or before the start is the next
    day's)."""
    return _after(shift.start, shift.stop) or DAY_MINUTES


def work_minutes(shift: ShiftTemplate) -> int:
    """Its scheduled work in minutes on the clock: the shift without its breaks."""
    pauses = sum(_after(b.start, b.stop) for b in shift.breaks)
    return minutes(shift) - pauses


def _span(item: ShiftTemplate | BreakTemplate) -> str:
    return f"{clock_text(item.start)}-{clock_text(item.stop)}"


# Showing -------------------------------------------------------------------------------------


def stored_days(week: Iterable[Documents]) -> list[TemplateDay]:
    return [day_from_documents(day) for day in week]


def week_minutes(week: Iterable[Documents]) -> int:
    """The scheduled work of a stored week, in minutes on the clock."""
    return sum(work_minutes(shift) for day in stored_days(week) for shift in day)


def shown_weeks(stored: list[list[Documents]]) -> list[Any]:
    """The weeks as the audit trail records them, which ``weeks`` reads back: a week of
    times only as its seven day texts ("08:00-17:00 /12:00-13:00;…;-;-"), and otherwise as
    its days, each a day text or (where a shift has an account or time code) its documents."""
    shown: list[Any] = []
    for week in stored:
        days = [_shown_day(day) for day in week]
        plain = all(isinstance(day, str) for day in days)
        shown.append(";".join(days) if plain else days)
    return shown


def shown_day(stored: Documents) -> str | Documents:
    """One date's shifts as the audit trail records them."""
    return _shown_day(stored)


def _shown_day(stored: Documents) -> str | Documents:
    if any("accountNr" in shift or "timeCode" in shift for shift in stored):
        return stored
    return day_text(day_from_documents(stored))


# References ----------------------------------------------------------------------------------


def located_shifts(field: str, stored: list[list[Documents]]) -> Iterator[tuple[str, dict]]:
    """Each shift document of a rotation with where it is: ("Weeks[1].Monday[2]", {…})."""
    for week_number, week in enumerate(stored, 1):
        for day_number, day in enumerate(week):
            for shift_number, shift in enumerate(day, 1):
                yield f"{field}[{week_number}].{DAYS[day_number]}[{shift_number}]", shift


def located_day(field: str, stored: Documents) -> Iterator[tuple[str, dict]]:
    for shift_number, shift in enumerate(stored, 1):
        yield f"{field}[{shift_number}]", shift


def check_references(
    conn: Connection, company_id: int, title: str, shifts: Iterable[tuple[str, dict]]
) -> None:
    """InvalidInput naming every shift whose account or time code the company does not have
    (or has deactivated); the documents are changed to the registers' spelling."""
    found = list(shifts)
    wanted_accounts = {s["accountNr"] for _, s in found if "accountNr" in s}
    wanted_codes = {s["timeCode"] for _, s in found if "timeCode" in s}
    known_accounts = _registered(conn, company_id, accounts, "account_nr", wanted_accounts)
    known_codes = _registered(conn, company_id, time_codes, "code", wanted_codes)
    problems = []
    for where, shift in found:
        for name, what, known in (
            ("accountNr", "account", known_accounts),
            ("timeCode", "time code", known_codes),
        ):
            if name not in shift:
                continue
            spelling, active = known.get(match_key(shift[name]), (None, False))
            if spelling is None:
                problem = f"{what} {shift[name]!r} does not exist in this company"
            elif not active:
                problem = f"{what} {spelling!r} is inactive"
            else:
                shift[name] = spelling
                continue
            problems.append(Problem(f"{where}.{name}: {problem}", f"{where}.{name}"))
    if problems:
        raise InvalidInput(f"{title}: " + "; ".join(p.message for p in problems), problems)


def _registered(
    conn: Connection, company_id: int, table: Any, column: str, wanted: set[str]
) -> dict[str, tuple[str, bool]]:
    """Spelling and whether any is active, by match key (an AccountNr may be in several
    coding levels; a shift's is one of them)."""
    if not wanted:
        return {}
    known: dict[str, tuple[str, bool]] = {}
    for row in store_md.rows_in(conn, table, company_id, column, wanted):
        key = match_key(row._mapping[column])
        spelling, active = known.get(key, (row._mapping[column], False))
        known[key] = (spelling, active or row.active)
    return known
