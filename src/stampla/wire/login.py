"""SoftOne's LoginDTO, as posted to /Login/Token and as answered."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from .base import InputModel, OutputModel
from .results import ErrorItem


class LoginRequest(InputModel):
    """LoginDTO: the API user's credentials (License is accepted and ignored)."""

    license: str | None = Field(None, alias="License", description="Optional; not used.")
    user_name: str | None = Field(None, alias="UserName", description="API user name.")
    password: str | None = Field(None, alias="Password", description="API user's password.")


class LoginResponse(OutputModel):
    """LoginDTO answered: ``token`` filled in, ``password`` blanked."""

    license: str | None = None
    user_name: str | None = None
    password: str = ""
    token: str | None = None
    message: str
    expires_utc: datetime | None = None
    success: bool = True
    error_message: str | None = None
    errors: list[ErrorItem] = Field(default_factory=list)
