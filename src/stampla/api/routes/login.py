"""POST /Login/Token: SoftOne's LoginDTO in, a time-limited token out."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from stampla.errors import LoginFailed
from stampla.http.state import Guard, client_address
from stampla.service.auth import login
from stampla.throttle.limits import api_login_buckets
from stampla.wire import ErrorResponse, LoginRequest, LoginResponse
from stampla.wording import plural

from ..body import parse_model, read_json_body
from ..deps import Keys, Now, SettingsDep, StoreDep

router = APIRouter(tags=["Login"])

MAX_LOGIN_BODY = 64 * 1024


@router.post(
    "/Login/Token",
    response_model=LoginResponse,
    summary="Get an access token",
    description="Send the company's `companyApiKey` and the integration's `connectApiKey` in "
    "the query string (or as headers) and the API user's LoginDTO in the body. The answer is "
    "the same LoginDTO with `token` filled in and `password` blanked. Use the token as "
    "`token` on every other call until `expiresUtc`.",
    responses={
        401: {"model": LoginResponse, "description": "Login refused"},
        415: {"model": ErrorResponse, "description": "Body not sent as application/json"},
        429: {
            "model": ErrorResponse,
            "description": "Too many failed logins for these keys, this user name or this "
            "address; `Retry-After` says when to try again",
        },
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": LoginRequest.model_json_schema(by_alias=True),
                    "example": {"UserName": "demo", "Password": "demo-password"},
                }
            },
        }
    },
)
async def get_token(
    request: Request,
    keys: Keys,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    guard: Guard,
) -> JSONResponse:
    body = await read_json_body(request, MAX_LOGIN_BODY)
    credentials: LoginRequest = parse_model(body, LoginRequest)
    lifetime = timedelta(minutes=settings.token_lifetime_minutes)
    echo = {"license": credentials.license, "user_name": credentials.user_name}
    buckets = api_login_buckets(
        keys.company_api_key, credentials.user_name, client_address(request)
    )
    attempt = partial(
        login, store, keys, credentials.user_name, credentials.password, now, lifetime
    )
    try:
        issued = await guard.attempt(buckets, attempt)
    except LoginFailed as failure:
        await asyncio.sleep(settings.login_failure_delay_seconds)
        refused = LoginResponse(
            **echo, message=failure.message, success=False, error_message=failure.message
        )
        return JSONResponse(refused.model_dump(mode="json"), status_code=401)
    minutes = int(issued.lifetime.total_seconds() // 60)
    granted = LoginResponse(
        **echo,
        token=issued.token,
        expires_utc=issued.expires_at,
        message=f"Token valid for {plural(minutes, 'minute')}, "
        f"until {issued.expires_at:%Y-%m-%dT%H:%M:%SZ}",
    )
    return JSONResponse(granted.model_dump(mode="json"))
