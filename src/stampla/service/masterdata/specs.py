"""New records as typed values, for code that builds them (seeding, tests, the admin API).

Operators' input (CSV cells, CLI options) is text and goes through ``registers``; a spec is
checked by the same parsers before it is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class EmployeeSpec:
    employee_nr: str
    first_name: str
    last_name: str
    external_code: str | None = None
    time_agreement: str | None = None
    employment_position: str | None = None
    employment_rate: Decimal | None = None
    weekly_minutes: int | None = None
    active: bool = True


@dataclass(frozen=True)
class TerminalSpec:
    terminal_number: int
    name: str
    kind: str = "attendance_terminal"
    time_zone: str | None = None
    active: bool = True


@dataclass(frozen=True)
class CodingLevelSpec:
    number: int
    name: str
    sie_dimension: int | None = None


@dataclass(frozen=True)
class AccountSpec:
    level_number: int
    account_nr: str
    name: str
    active: bool = True


@dataclass(frozen=True)
class TimeCodeSpec:
    code: str
    name: str
    description: str | None = None
    kind: str = "attendance"
    salary_ids: Sequence[str] = field(default_factory=tuple)
    active: bool = True
