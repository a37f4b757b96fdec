"""The registers a punch refers to, one module each: employees, terminals, coding levels,
accounts, time codes.

Each is described once, with SoftOne GO's labels (accepted as CSV headers) and the Swedish
words spreadsheets use, so that an export from the old system imports as it is. To add a
register, add its module here and to ``REGISTERS`` (docs/architecture.md says the rest).
"""

from __future__ import annotations

from .accounts import ACCOUNT, AccountSpec, AccountView, account_key
from .coding_levels import CODING_LEVEL, CodingLevelSpec, CodingLevelView, find_level
from .employees import EMPLOYEE, EmployeeSpec, EmployeeView
from .terminals import TERMINAL, TerminalSpec, TerminalView
from .time_codes import TIME_CODE, TimeCodeSpec, TimeCodeView

#: Every register, in the order the CLI and the API list them.
REGISTERS = (EMPLOYEE, TERMINAL, CODING_LEVEL, ACCOUNT, TIME_CODE)

__all__ = [
    "ACCOUNT",
    "CODING_LEVEL",
    "EMPLOYEE",
    "REGISTERS",
    "TERMINAL",
    "TIME_CODE",
    "AccountSpec",
    "AccountView",
    "CodingLevelSpec",
    "CodingLevelView",
    "EmployeeSpec",
    "EmployeeView",
    "TerminalSpec",
    "TerminalView",
    "TimeCodeSpec",
    "TimeCodeView",
    "account_key",
    "find_level",
]
