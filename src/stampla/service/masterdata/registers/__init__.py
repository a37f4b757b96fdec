"""The registers a punch refers to, one module each: employees, terminals, coding levels,
accounts, time codes; and the schedule templates employees follow.

Each is described once, with SoftOne GO's labels (accepted as CSV headers) and the Swedish
words spreadsheets use, so that an export from the old system imports as it is. To add a
register, add its module here and to ``REGISTERS`` (docs/architecture.md says the rest).
"""

from __future__ import annotations

from .accounts import ACCOUNT, AccountSpec, AccountView, account_key
from .coding_levels import CODING_LEVEL, CodingLevelSpec, CodingLevelView, find_level
from .employees import EMPLOYEE, EmployeeSpec, EmployeeView
from .schedule_templates import SCHEDULE_TEMPLATE, ScheduleTemplateSpec, ScheduleTemplateView
from .terminals import TERMINAL, TerminalSpec, TerminalView
from .time_codes import TIME_CODE, TimeCodeSpec, TimeCodeView

#: Every register a punch refers to, in the order the CLI and the API list them.
REGISTERS = (EMPLOYEE, TERMINAL, CODING_LEVEL, ACCOUNT, TIME_CODE)
#: Registers of planning, whose commands are grouped under ``stampla schedule``.
PLANNING_REGISTERS = (SCHEDULE_TEMPLATE,)

__all__ = [
    "ACCOUNT",
    "CODING_LEVEL",
    "EMPLOYEE",
    "PLANNING_REGISTERS",
    "REGISTERS",
    "SCHEDULE_TEMPLATE",
    "TERMINAL",
    "TIME_CODE",
    "AccountSpec",
    "AccountView",
    "CodingLevelSpec",
    "CodingLevelView",
    "EmployeeSpec",
    "EmployeeView",
    "ScheduleTemplateSpec",
    "ScheduleTemplateView",
    "TerminalSpec",
    "TerminalView",
    "TimeCodeSpec",
    "TimeCodeView",
    "account_key",
    "find_level",
]
