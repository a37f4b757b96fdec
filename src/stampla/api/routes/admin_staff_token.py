"""/Admin/StaffToken: a staff user signs in for the /Admin API, and signs out.

The answer is a bearer token acting with the user's role and scope (``service.staff_tokens``).
A refused sign-in is a 401 that does not say which part was wrong, after the same delay and
through the same throttle (``http.login_guard``) as every other login.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from functools import partial

from fastapi import APIRouter, Request, Response
from pydantic import Field

from stampla.errors import InvalidInput, LoginFailed, Problem
from stampla.http.state import Guard, client_address
from stampla.service.staff_tokens import IssuedStaffToken, StaffLogin, issue_token, revoke_token
from stampla.throttle.limits import staff_token_buckets
from stampla.wire import ErrorResponse
from stampla.wire.base import OutputModel
from stampla.wire.login import SecretText, UserNameText
from stampla.wording import plural

from ..body import parse_model, read_json_body
from ..deps import Keys, Now, SettingsDep, StoreDep
from .admin_deps import AdminOrStaff, StaffBearer
from .admin_models import AdminInput

router = APIRouter(prefix="/Admin", tags=["Admin: staff token"])

MAX_BODY = 64 * 1024


class StaffTokenRequest(AdminInput):
    company: UserNameText | None = Field(
        None,
        alias="Company",
        description="The company's name, as on the sign-in page (or send `companyApiKey`).",
    )
    user_name: UserNameText | None = Field(None, alias="UserName", description="Staff user.")
    password: SecretText | None = Field(None, alias="Password")


class StaffTokenOut(OutputModel):
    token: str = Field(description="Send as `Authorization: Bearer <token>`.")
    token_type: str = "Bearer"
    expires_utc: datetime
    user_name: str
    role: str
    message: str


def _granted(issued: IssuedStaffToken, minutes: int) -> StaffTokenOut:
    return StaffTokenOut(
        token=issued.token,
        expires_utc=issued.expires_at,
        user_name=issued.user_name,
        role=issued.role.value,
        message=f"Token valid for {plural(minutes, 'minute')}, "
        f"until {issued.expires_at:%Y-%m-%dT%H:%M:%SZ}",
    )


@router.post(
    "/StaffToken",
    response_model=StaffTokenOut,
    summary="Sign in as a staff user: a bearer token with the user's role and scope",
    description="Send `Company` (its name), `UserName` and `Password` of a staff user "
    "(`stampla staff add`); instead of `Company`, the company's `companyApiKey` may be sent "
    "in the query string or as a header. The token acts as that user on the /Admin API "
    "until `expiresUtc` (STAMPLA_STAFF_TOKEN_MINUTES), or until the user's password, role "
    "or scope changes or the user is disabled.",
    responses={
        401: {"model": ErrorResponse, "description": "Sign-in refused"},
        415: {"model": ErrorResponse, "description": "Body not sent as application/json"},
        429: {
            "model": ErrorResponse,
            "description": "Too many failed logins for this company, user name or address; "
            "`Retry-After` says when to try again",
        },
    },
    openapi_extra={
        "security": [],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": StaffTokenRequest.model_json_schema(by_alias=True),
                    "example": {
                        "Company": "Demo AB",
                        "UserName": "Anna",
                        "Password": "a-long-password",
                    },
                }
            },
        },
    },
)
async def sign_in(
    request: Request,
    keys: Keys,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    guard: Guard,
) -> StaffTokenOut:
    body = await read_json_body(request, MAX_BODY)
    given: StaffTokenRequest = parse_model(body, StaffTokenRequest)
    login = StaffLogin(
        given.user_name or "", given.password or "", given.company, keys.company_api_key
    )
    buckets = staff_token_buckets(
        login.company_name, login.company_key, login.user_name, client_address(request)
    )
    lifetime = timedelta(minutes=settings.staff_token_minutes)
    try:
        issued = await guard.attempt(buckets, partial(issue_token, store, login, now, lifetime))
    except LoginFailed:
        await asyncio.sleep(settings.login_failure_delay_seconds)
        raise
    return _granted(issued, settings.staff_token_minutes)


@router.delete(
    "/StaffToken",
    status_code=204,
    summary="Sign out: the staff token sent is revoked",
    responses={
        400: {"model": ErrorResponse, "description": "Not a staff token (an admin key)"},
        401: {"model": ErrorResponse, "description": "Unknown, expired or revoked token"},
    },
)
async def sign_out(caller: AdminOrStaff, store: StoreDep, token: StaffBearer) -> Response:
    if caller.staff.staff_user_id is None or token is None:
        raise InvalidInput(
            "Only a staff token signs out; an admin key is revoked with `stampla admin-key revoke`",
            [Problem("is not a staff token", "Authorization")],
        )
    revoke_token(store, token.credentials)
    return Response(status_code=204)
