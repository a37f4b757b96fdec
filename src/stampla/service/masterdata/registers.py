"""The registers a punch refers to: employees, terminals, coding levels, accounts, time codes.

Each is described once, with SoftOne GO's labels (accepted as CSV headers) and the Swedish
words spreadsheets use, so that an export from the old system imports as it is.
"""

from __future__ import annotations

from decimal import Decimal

from stampla.store.tables import accounts, coding_levels, employees, terminals, time_codes

from . import values as v
from .fields import Field, Register


def _decimal_text(value: Decimal | None) -> str | None:
    """Decimals are recorded as text ("52.29"), so that no digit is lost in JSON."""
    return None if value is None else str(value)


def _active() -> Field:
    return Field("active", "Active", "Active", v.flag, ("Aktiv",))


EMPLOYEE = Register(
    "employee",
    "Employee",
    employees,
    (
        Field(
            "employee_nr",
            "EmployeeNr",
            "Employee ID",
            v.text(50),
            ("EmployeeId", "Employee number", "Anställningsnummer", "Anst.nr"),
            required=True,
        ),
        Field("first_name", "FirstName", "First name", v.text(100), ("Förnamn",), True),
        Field("last_name", "LastName", "Last name", v.text(100), ("Efternamn",), True),
        Field(
            "external_code",
            "ExternalCode",
            "External code",
            v.text(100),
            ("EmployeeExternalCode", "Extern kod"),
        ),
        Field("time_agreement", "TimeAgreement", "Time agreement", v.text(100), ("Tidavtal",)),
        Field(
            "employment_position",
            "EmploymentPosition",
            "Employment position",
            v.text(100),
            ("Anställningsform", "Befattning"),
        ),
        Field(
            "employment_rate",
            "EmploymentRate",
            "Employ. rate",
            v.rate,
            ("Employment rate", "Sysselsättningsgrad"),
            show=_decimal_text,
        ),
        Field(
            "weekly_minutes",
            "WeeklyHours",
            "Weekly working hours",
            v.hours,
            ("Veckoarbetstid",),
            show=v.format_hours,
        ),
        _active(),
    ),
)

TERMINAL = Register(
    "terminal",
    "Terminal",
    terminals,
    (
        Field(
            "terminal_number",
            "TimeTerminalId",
            "Terminal ID number",
            v.integer(1, 2**31 - 1),
            ("TerminalId", "Terminal number"),
            required=True,
        ),
        Field("name", "Name", "Name", v.text(200), ("Namn",), True),
        Field("kind", "Type", "Type", v.terminal_kind, ("Typ", "Kind"), True),
        Field("time_zone", "TimeZone", "Time zone", v.time_zone, ("Tidszon",)),
        _active(),
    ),
    defaults={"kind": "attendance_terminal"},
)

CODING_LEVEL = Register(
    "coding_level",
    "Coding level",
    coding_levels,
    (
        Field("number", "Number", "Number", v.integer(0, 999_999), ("Nummer",), True),
        Field("name", "Name", "Name", v.text(100), ("Namn",), True),
        Field(
            "sie_dimension",
            "SieDimension",
            "SIE Dimension",
            v.integer(0, 999_999),
            ("SieAccountDim", "SIE-dimension"),
        ),
    ),
)

ACCOUNT = Register(
    "account",
    "Account",
    accounts,
    (
        Field(
            "account_nr",
            "AccountNr",
            "Number",
            v.text(50),
            ("Account number", "Konto", "Kontonummer", "Nummer"),
            required=True,
        ),
        Field("name", "Name", "Name", v.text(200), ("Namn",), True),
        _active(),
    ),
)

TIME_CODE = Register(
    "time_code",
    "Time code",
    time_codes,
    (
        Field("code", "Code", "Code", v.text(100), ("Kod", "TimeScheduleTypeCode"), True),
        Field("name", "Name", "Name", v.text(200), ("Namn",), True),
        Field("description", "Description", "Description", v.text(500), ("Beskrivning",)),
        Field("kind", "Kind", "Kind", v.time_code_kind, ("Type", "Typ"), True),
        Field(
            "salary_ids",
            "SalaryIds",
            "Salary IDs",
            v.salary_ids,
            ("SalaryId", "Löneart", "Lönearter"),
        ),
        _active(),
    ),
    defaults={"kind": "attendance"},
)
