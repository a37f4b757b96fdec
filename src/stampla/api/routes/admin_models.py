"""Request bodies of the /Admin API, by their API names in any letter case.

The registers' bodies are built from their declarations (``admin_register.fields_model``).

Values are read by the same parsers as CSV cells and CLI options, so
``"EmploymentRate": "52,29"`` and ``52.29`` mean the same. Unlike the TimeStampEntry API, an
unknown property is an error here: a misspelt field in a PATCH would otherwise change nothing
without saying so. Nor is a value of the wrong JSON type turned into text: ``{"Name": 0}`` is
refused, not a company called "0". Numbers are taken where a property is a number, and for
the numbers people key in as such (EmployeeNr, ExternalCode, AccountNr, a TimeTerminalId).
No text may hold NUL or a lone surrogate, which no column can store.
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from stampla.domain.text import text_problem
from stampla.wire.base import InputModel


class AdminInput(InputModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=False)

    @model_validator(mode="after")
    def _storable_text(self) -> AdminInput:
        for name, field in type(self).model_fields.items():
            value = getattr(self, name)
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str) and (reason := text_problem(text)):
                    raise PydanticCustomError(
                        "unstorable_text", reason, {"property": field.alias or name}
                    )
        return self

    def given(self) -> dict[str, Any]:
        """The properties the caller sent, by register column (the model's own names)."""
        return self.model_dump(exclude_unset=True, by_alias=False)


class CompanyChange(AdminInput):
    name: str | None = Field(None, alias="Name")
    time_zone: str | None = Field(
        None, alias="TimeZone", description="IANA zone; refused once the company has punches."
    )
    org_nr: str | None = Field(
        None, alias="OrgNr", description="Organisation number for payroll files, e.g. 556000-0000."
    )


class IntegrationNew(AdminInput):
    name: str = Field(alias="Name", description="Unique in the company.")


class UserNew(AdminInput):
    user_name: str = Field(alias="UserName")
    password: str | None = Field(
        None, alias="Password", description="At least 12 characters; generated when left out."
    )


class PasswordNew(AdminInput):
    password: str | None = Field(
        None, alias="Password", description="At least 12 characters; generated when left out."
    )


#: An EmployeeNr as people key it: text, or a whole JSON number.
EmployeeNumber = str | StrictInt | None


class AssignmentNew(AdminInput):
    employee_nr: EmployeeNumber = Field(None, alias="EmployeeNr")
    template: str | None = Field(None, alias="Template", description="The template's name.")
    valid_from: str | None = Field(
        None, alias="ValidFrom", description="The first day, e.g. 2025-06-01."
    )
    valid_to: str | None = Field(
        None, alias="ValidTo", description="The last day; left out: until further notice."
    )
    start_week: int | str | None = Field(
        None,
        alias="StartWeek",
        description="The rotation week of the week that holds ValidFrom (default 1).",
    )


class AssignmentChange(AdminInput):
    valid_to: str | None = Field(
        None, alias="ValidTo", description="The last day; null: until further notice."
    )
    start_week: int | str | None = Field(None, alias="StartWeek")


class OverrideNew(AdminInput):
    employee_nr: EmployeeNumber = Field(None, alias="EmployeeNr")
    date: str | None = Field(None, alias="Date", description="The date, e.g. 2025-06-12.")
    shifts: Any = Field(
        None,
        alias="Shifts",
        description='The date\'s shifts: a day text such as "12:00-20:00 /16:00-16:30" ("-" '
        'for a day off), or a list of shift documents {"start", "stop", "breaks", '
        '"accountNr", "timeCode"} ([] for a day off).',
    )
    note: str | None = Field(None, alias="Note", description="Why, e.g. Byter pass med Lovisa.")


class RuleSetNew(AdminInput):
    agreement: str | None = Field(
        None, alias="Agreement", description="The time agreement, e.g. Timavlönad."
    )
    valid_from: str | None = Field(
        None, alias="ValidFrom", description="The first day it applies, e.g. 2026-01-01."
    )
    rules: dict[str, Any] | None = Field(
        None,
        alias="Rules",
        description="`windows` (OB) and `overtime`, as in docs/time-rules.md.",
    )
    allow_past: bool | None = Field(
        None,
        alias="AllowPast",
        description="Let it take effect today or earlier, changing days already worked.",
    )


class AbsenceNew(AdminInput):
    employee_nr: EmployeeNumber = Field(None, alias="EmployeeNr")
    time_code: str | None = Field(
        None, alias="TimeCode", description="An absence time code, e.g. Sjuk, VAB, Semester."
    )
    first_date: str | None = Field(None, alias="FirstDate", description="e.g. 2025-06-12.")
    last_date: str | None = Field(
        None, alias="LastDate", description="The last day, inclusive; left out: FirstDate."
    )
    extent: str | None = Field(
        None,
        alias="Extent",
        description="FullDay, Percent or Hours; left out: Percent if Percent is sent, Hours if "
        "From/To are, else FullDay.",
    )
    percent: str | float | int | None = Field(
        None, alias="Percent", description="Percent: the share of the expected time, e.g. 50."
    )
    start: str | None = Field(None, alias="From", description='Hours: from, e.g. "08:00".')
    stop: str | None = Field(
        None, alias="To", description='Hours: to, e.g. "12:00" (at or before From: next day).'
    )
    note: str | None = Field(None, alias="Note", description="e.g. Vård av barn.")


class AbsenceChange(AbsenceNew):
    """The same fields; only those sent change, and the employee stays."""
