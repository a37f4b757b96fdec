"""What companies and credentials look like from outside: the admin API's and ``--json``'s shape.

The registers' views are declared with their registers (``registers/``).

Secrets and their digests never appear here; a new key or password is answered once, by the
operation that made it, in a ``Created…`` object.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field
from sqlalchemy import Row

from stampla.wire.base import OutputModel


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
    org_nr: str | None = Field(None, description="Organisation number, for payroll files.")

    @classmethod
    def of(cls, row: Row, **counts: Any) -> CompanyView:
        return cls(
            id=row.id,
            name=row.name,
            time_zone=row.time_zone,
            active=row.active,
            created_at=row.created_at,
            org_nr=row.org_nr,
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
