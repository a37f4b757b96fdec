"""Schedules: the templates employees follow (a register, ``masterdata.SCHEDULE_TEMPLATE``),
their assignments, the overrides of single dates, and an employee's planned week.

Each change opens its own transaction and records itself in the audit trail (entities
``schedule_template``, ``schedule_assignment``, ``schedule_override``); the ``put_*``
functions work inside a transaction the caller holds (seeding). Attest reads what is stored
here on every read (``store.planning``), so a change shows in the very next day rows.
"""

from __future__ import annotations

from .assignments import (
    Assigned,
    AssignmentView,
    add_assignment,
    change_assignment,
    end_assignment,
    list_assignments,
    put_assignment,
    remove_assignment,
)
from .overrides import (
    OverrideSet,
    OverrideView,
    list_overrides,
    put_override,
    remove_override,
    set_override,
)
from .week import ScheduleWeek, WeekDay, monday_of, schedule_week

__all__ = [
    "Assigned",
    "AssignmentView",
    "OverrideSet",
    "OverrideView",
    "ScheduleWeek",
    "WeekDay",
    "add_assignment",
    "change_assignment",
    "end_assignment",
    "list_assignments",
    "list_overrides",
    "monday_of",
    "put_assignment",
    "put_override",
    "remove_assignment",
    "remove_override",
    "schedule_week",
    "set_override",
]
