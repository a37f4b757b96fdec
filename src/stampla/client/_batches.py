"""How a list of entries is cut into batches (each a list of the caller's indexes).

Plain posts are cut in order. A ``replaceDays`` post makes each batch the complete set of
punches of every (employee, day) it touches, so a day cut across two batches would lose the
first batch's punches to the second. Its batches therefore hold whole employees: all of an
employee's entries, however many days they span, travel in one batch.
"""

from __future__ import annotations

from collections.abc import Sequence

from stampla.wire import TimeStampEntry


def in_order(count: int, size: int) -> list[list[int]]:
    """``0..count-1`` in runs of at most ``size``."""
    return [list(range(start, min(start + size, count))) for start in range(0, count, size)]


def whole_employees(entries: Sequence[TimeStampEntry], size: int) -> list[list[int]]:
    """Employees packed into batches of about ``size`` entries, never split.

    An employee with more than ``size`` entries gets a batch of their own, larger than
    ``size``: splitting it would supersede part of what it sends.
    """
    groups: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        groups.setdefault(entry.employee_nr, []).append(index)
    batches: list[list[int]] = []
    current: list[int] = []
    for group in groups.values():
        if current and len(current) + len(group) > size:
            batches.append(current)
            current = []
        current = current + group
    if current:
        batches.append(current)
    return batches


def halves_by_employee(
    entries: Sequence[TimeStampEntry], indexes: Sequence[int]
) -> tuple[list[int], list[int]] | None:
    """A batch cut in two between employees, for a server that found it too large; None if
    it holds one employee only."""
    employees = list(dict.fromkeys(entries[i].employee_nr for i in indexes))
    if len(employees) < 2:
        return None
    first = set(employees[: len(employees) // 2])
    return (
        [i for i in indexes if entries[i].employee_nr in first],
        [i for i in indexes if entries[i].employee_nr not in first],
    )
