"""What the registers look like from outside: the same shape for the admin API and ``--json``.

Secrets and their digests never appear here; a new key or password is answered once, by the
operation that made it, in a ``Created…`` object.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field
from sqlalchemy import Row

from stampla.wire.base import OutputModel

from .values import format_hours


class CompanyView(OutputModel):
    id: int = Field(description="The company ID number terminals are registered with.")
    name: str
    time_zone: str
    active: bool
    created_at: datetime
    employees: int = Field(0, description="Active employees.")
    terminals: int = Field(0, description="Active terminals.")
    integrations: int = Field(0, description="Active integrations.")
    api_users: int = Field(0, description="Active API users.")
    has_punches: bool = False

    @classmethod
    def of(cls, row: Row, **counts: Any) -> CompanyView:
        return cls(
            id=row.id,
            name=row.name,
            time_zone=row.time_zone,
            active=row.active,
            created_at=row.created_at,
            **counts,
        )


class CreatedCompany(OutputModel):
    """A new company; ``company_api_key`` is shown this once and only its digest is kept."""

    id: int
    name: str
    company_api_key: str

    @property
    def api_key(self) -> str:
        return self.company_api_key


class IntegrationView(OutputModel):
    id: int
    name: str
    active: bool
    created_at: datetime
    revoked_at: datetime | None = None

    @classmethod
    def of(cls, row: Row) -> IntegrationView:
        return cls.model_validate(row._mapping)


class CreatedIntegration(OutputModel):
    """A new or rotated integration key: shown this once, only its digest is kept."""

    id: int
    name: str
    connect_api_key: str


class ApiUserView(OutputModel):
    id: int
    user_name: str
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, row: Row) -> ApiUserView:
        return cls.model_validate(row._mapping)


class UserPassword(OutputModel):
    """A user's new password: shown this once; only an Argon2id hash is kept."""

    id: int
    user_name: str
    password: str


class EmployeeView(OutputModel):
    id: int
    employee_nr: str
    first_name: str
    last_name: str
    external_code: str | None = None
    time_agreement: str | None = None
    employment_position: str | None = None
    employment_rate: float | None = Field(None, description="Per cent of full time.")
    weekly_hours: str | None = Field(None, description='Weekly working hours, e.g. "38:15".')
    weekly_minutes: int | None = None
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, row: Row) -> EmployeeView:
        values = dict(row._mapping)
        rate = values.pop("employment_rate")
        return cls(
            **{k: values[k] for k in cls.model_fields if k in values},
            employment_rate=float(rate) if rate is not None else None,
            weekly_hours=format_hours(values["weekly_minutes"]),
        )


class TerminalView(OutputModel):
    id: int
    time_terminal_id: int = Field(description="Terminal ID number, sent as TimeTerminalId.")
    company_id: int = Field(description="Company ID number, entered in the terminal.")
    name: str
    type: str = Field(description="attendance_terminal or application.")
    time_zone: str | None = None
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, row: Row) -> TerminalView:
        return cls(
            id=row.id,
            time_terminal_id=row.terminal_number,
            company_id=row.company_id,
            name=row.name,
            type=row.kind,
            time_zone=row.time_zone,
            active=row.active,
            created_at=row.created_at,
        )


class CodingLevelView(OutputModel):
    id: int
    number: int
    name: str
    sie_dimension: int | None = None
    accounts: int = Field(0, description="Accounts in the level.")
    created_at: datetime


class AccountView(OutputModel):
    id: int
    coding_level: int = Field(description="Number of the coding level the account belongs to.")
    level_name: str
    sie_dimension: int | None = None
    account_nr: str
    name: str
    active: bool
    created_at: datetime


class TimeCodeView(OutputModel):
    id: int
    code: str
    name: str
    description: str | None = None
    kind: str = Field(description="attendance or absence.")
    salary_ids: list[str] = Field(default_factory=list)
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, row: Row) -> TimeCodeView:
        values = dict(row._mapping)
        values["salary_ids"] = values["salary_ids"] or []
        return cls(**{k: values[k] for k in cls.model_fields})
