"""The registers a punch refers to, described once: their fields, names, parsers and labels.

One description drives adding, updating, CSV import and the audit trail, so a field is parsed
the same way whether it comes from a spreadsheet, a CLI option or a JSON body, and its change
is recorded under the same name the API uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Table

from stampla.errors import InvalidInput, Problem
from stampla.store.tables import accounts, coding_levels, employees, terminals, time_codes

from . import values as v


def _decimal_text(value: Decimal | None) -> str | None:
    """Decimals are recorded as text ("52.29"), so that no digit is lost in JSON."""
    return None if value is None else str(value)


def memoized(parse: v.Parser, size: int = 10_000) -> v.Parser:
    """``parse`` remembering its answers: an import repeats "52,29" and "38:15" thousands of
    times, and parsing each only once makes checking a large file noticeably faster."""
    memo: dict[Any, Any] = {}

    def parse_once(value: Any) -> Any:
        try:
            return memo[value]
        except (KeyError, TypeError):
            result = parse(value)  # a ValueError is not remembered; it is raised again
        if len(memo) < size and isinstance(value, str):
            memo[value] = result
        return result

    return parse_once


@dataclass(frozen=True)
class Field:
    """One field of a register: its column, its wire name, how to read it and how to show it."""

    column: str
    name: str  # PascalCase, as posted to the admin API and as a CSV header
    label: str  # as SoftOne GO's register shows it; also accepted as a CSV header
    parse: v.Parser
    aliases: tuple[str, ...] = ()
    required: bool = False  # a new record needs a value
    show: Callable[[Any], Any] | None = None  # stored value -> the audit trail's; None: as is

    @property
    def public(self) -> str:
        """The camelCase name the API answers with and the audit trail records."""
        return self.name[0].lower() + self.name[1:]

    def headers(self) -> set[str]:
        return {fold_header(name) for name in (self.name, self.label, *self.aliases)}


def fold_header(name: str) -> str:
    """A column header reduced to letters and digits: "Employ. rate" -> "employrate"."""
    return re.sub(r"[^0-9a-zåäöéü]", "", name.strip().lower())


@dataclass(frozen=True)
class Register:
    """A register of company master data: its table, its fields and its natural key."""

    entity: str
    title: str
    table: Table
    fields: tuple[Field, ...]
    defaults: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if any(spec.column == "active" for spec in self.fields):
            object.__setattr__(self, "defaults", {"active": True, **self.defaults})
        shows = tuple((spec.column, spec.public, spec.show) for spec in self.fields)
        object.__setattr__(self, "_shows", shows)

    def field(self, column: str) -> Field:
        return next(f for f in self.fields if f.column == column)

    def parse(
        self,
        given: Mapping[str, Any],
        *,
        creating: bool,
        index: int | None = None,
        names: Mapping[str, str] | None = None,
        parsers: Mapping[str, v.Parser] | None = None,
    ) -> tuple[dict[str, Any], list[Problem]]:
        """The stored form of the ``given`` columns, and what is wrong with them.

        When creating, a field not given takes its default. A blank value means "none" for an
        optional field, is refused for a required one, and means "the default" (when creating)
        or "unchanged" (when updating) for a field with a default, such as Active. Problems
        name a field by its API name, or as ``names`` says (a CSV file's own header).
        ``parsers`` may replace the fields' own (with memoized ones, say).
        """
        parsed: dict[str, Any] = {}
        problems: list[Problem] = []
        for spec in self.fields:
            if spec.column not in given and not creating:
                continue
            name = names.get(spec.column, spec.name) if names else spec.name
            try:
                parse = parsers[spec.column] if parsers else spec.parse
                value = parse(given.get(spec.column))
            except ValueError as error:
                problems.append(Problem(f"{name}: {error}", name, index))
                continue
            if value is None and spec.column in self.defaults:
                if not creating:
                    continue
                value = self.defaults[spec.column]
            if value is None and spec.required:
                problems.append(Problem(f"{name} is required", name, index))
                continue
            parsed[spec.column] = value
        return parsed, problems

    def checked(self, given: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
        """Like ``parse``, but InvalidInput naming every bad field."""
        parsed, problems = self.parse(given, creating=creating)
        if problems:
            raise InvalidInput(_summary(self.title, problems), problems)
        return parsed

    def shown(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Stored values as the audit trail records them, by public name."""
        return {
            public: show(values[column]) if show else values[column]
            for column, public, show in self._shows  # type: ignore[attr-defined]
            if column in values
        }

    def created(self, values: Mapping[str, Any]) -> dict[str, list[Any]]:
        """The audit changes of a new record: each field with a value, from nothing."""
        changes = {}
        for column, public, show in self._shows:  # type: ignore[attr-defined]
            value = values.get(column)
            if value is not None:
                changes[public] = [None, show(value) if show else value]
        return changes

    def memoized_parsers(self) -> dict[str, v.Parser]:
        return {spec.column: memoized(spec.parse) for spec in self.fields}


def _summary(title: str, problems: Iterable[Problem]) -> str:
    messages = [p.message for p in problems]
    return f"{title}: " + "; ".join(messages)


def _active() -> Field:
    return Field("active", "Active", "Active", v.flag, ("Aktiv", "Ac"))


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
