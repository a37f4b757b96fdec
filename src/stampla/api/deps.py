"""What routes need from the request, as dependencies that read like sentences."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Query, Request

from stampla.service.auth import ApiKeys, Principal, authenticate
from stampla.settings import Settings
from stampla.store.engine import Store

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_now(request: Request) -> datetime:
    return request.app.state.clock()


async def api_keys(
    request: Request,
    company_api_key: Annotated[
        str | None,
        Query(alias="companyApiKey", description="Identifies the company (also as a header)."),
    ] = None,
    connect_api_key: Annotated[
        str | None,
        Query(
            alias="connectApiKey",
            description="Identifies the integration partner (also as a header).",
        ),
    ] = None,
) -> ApiKeys:
    """The two API keys, from the query string or from headers of the same names."""
    headers = request.headers
    return ApiKeys(
        company_api_key or headers.get("companyApiKey"),
        connect_api_key or headers.get("connectApiKey"),
    )


def principal(
    request: Request,
    keys: Annotated[ApiKeys, Depends(api_keys)],
    store: Annotated[Store, Depends(get_store)],
    now: Annotated[datetime, Depends(get_now)],
    token: Annotated[
        str | None,
        Query(
            description="Access token from /Login/Token (also as a `token` header or "
            "`Authorization: Bearer`). The name is matched in any case, e.g. `Token`.",
        ),
    ] = None,
) -> Principal:
    """The authenticated caller; 401 unless keys and token are all valid."""
    token = token or request.headers.get("token") or _bearer(request.headers.get("authorization"))
    return authenticate(store, keys, token, now)


def _bearer(header: str | None) -> str | None:
    if header and header[:7].lower() == "bearer ":
        return header[7:].strip() or None
    return None


Keys = Annotated[ApiKeys, Depends(api_keys)]
Caller = Annotated[Principal, Depends(principal)]
StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
Now = Annotated[datetime, Depends(get_now)]
