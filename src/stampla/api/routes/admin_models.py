"""Request bodies of the /Admin API: the registers' field names, in any letter case.

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

Number = str | float | int | None
Flag = bool | str | None
#: A number people write with digits: text, or a whole JSON number.
Identifier = str | StrictInt | None


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
        """The properties the caller sent, by register column."""
        renames = type(self).renames()
        return {
            renames.get(name, name): value
            for name, value in self.model_dump(exclude_unset=True, by_alias=False).items()
        }

    @classmethod
    def renames(cls) -> dict[str, str]:
        """Model field -> register column, where they differ."""
        return {}


class CompanyChange(AdminInput):
    name: str | None = Field(None, alias="Name")
    time_zone: str | None = Field(
        None, alias="TimeZone", description="IANA zone; refused once the company has punches."
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


class EmployeeFields(AdminInput):
    employee_nr: Identifier = Field(None, alias="EmployeeNr", description="Employee ID.")
    first_name: str | None = Field(None, alias="FirstName")
    last_name: str | None = Field(None, alias="LastName")
    external_code: Identifier = Field(None, alias="ExternalCode")
    time_agreement: str | None = Field(None, alias="TimeAgreement")
    employment_position: str | None = Field(None, alias="EmploymentPosition")
    employment_rate: Number = Field(
        None, alias="EmploymentRate", description='Per cent of full time: 52.29 or "52,29".'
    )
    weekly_hours: Number = Field(
        None, alias="WeeklyHours", description='Weekly working hours: "38:15" or 38.25.'
    )
    active: Flag = Field(None, alias="Active")

    @classmethod
    def renames(cls) -> dict[str, str]:
        return {"weekly_hours": "weekly_minutes"}


class TerminalFields(AdminInput):
    time_terminal_id: int | str | None = Field(
        None, alias="TimeTerminalId", description="Terminal ID number."
    )
    name: str | None = Field(None, alias="Name")
    type: str | None = Field(None, alias="Type", description="attendance_terminal or application.")
    time_zone: str | None = Field(
        None, alias="TimeZone", description="Own zone for TimeStamps without an offset."
    )
    active: Flag = Field(None, alias="Active")

    @classmethod
    def renames(cls) -> dict[str, str]:
        return {"time_terminal_id": "terminal_number", "type": "kind"}


class CodingLevelNew(AdminInput):
    number: int | str | None = Field(None, alias="Number")
    name: str | None = Field(None, alias="Name")
    sie_dimension: int | str | None = Field(None, alias="SieDimension")


class AccountFields(AdminInput):
    coding_level: int | str | None = Field(
        None, alias="CodingLevel", description="Number of the coding level (on create)."
    )
    sie_dimension: int | str | None = Field(
        None, alias="SieDimension", description="Or the level's SIE dimension (on create)."
    )
    account_nr: Identifier = Field(None, alias="AccountNr")
    name: str | None = Field(None, alias="Name")
    active: Flag = Field(None, alias="Active")


class TimeCodeFields(AdminInput):
    code: str | None = Field(None, alias="Code", description="As punches send it.")
    name: str | None = Field(None, alias="Name")
    description: str | None = Field(None, alias="Description")
    kind: str | None = Field(None, alias="Kind", description="attendance or absence.")
    salary_ids: list[str] | str | None = Field(None, alias="SalaryIds")
    active: Flag = Field(None, alias="Active")
