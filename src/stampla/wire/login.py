"""SoftOne's LoginDTO, as posted to /Login/Token and as answered."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from .base import InputModel, OutputModel
from .fields import wire_text
from .results import ErrorItem

#: A user name fits its column; a password or licence is never stored, only bounded.
UserNameText = Annotated[str, wire_text(200)]
SecretText = Annotated[str, wire_text(1024)]


class LoginRequest(InputModel):
    """LoginDTO: the API user's credentials (License is accepted and ignored)."""

    license: SecretText | None = Field(None, alias="License", description="Optional; not used.")
    user_name: UserNameText | None = Field(None, alias="UserName", description="API user name.")
    password: SecretText | None = Field(None, alias="Password", description="API user's password.")


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
