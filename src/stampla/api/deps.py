"""What routes need from the request, as dependencies that read like sentences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Query, Request

from stampla.errors import TooManyRequests
from stampla.http.request_log import RequestRecord, record_of
from stampla.http.state import (
    Dates,
    Limits,
    Now,
    SettingsDep,
    StoreDep,
    get_now,
    get_store,
)
from stampla.service.auth import ApiKeys, Principal, authenticate
from stampla.store.engine import Store
from stampla.throttle.limits import AbuseLimits
from stampla.wording import plural

__all__ = [
    "Caller",
    "Dates",
    "Keys",
    "Now",
    "Presented",
    "SettingsDep",
    "StoreDep",
]

# The state dependencies and guards are shared with the pages (``stampla.http``); routes of
# the API name them from here, with the API's own credentials.


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


@dataclass(frozen=True, slots=True)
class Credentials:
    """What a call presents: the two keys and a token, not yet checked."""

    keys: ApiKeys
    token: str | None
    limits: AbuseLimits | None = None
    record: RequestRecord | None = None

    def authenticate(self, store: Store, now: datetime) -> Principal:
        """The caller; NotAuthenticated (401) unless keys and token are all valid, and
        TooManyRequests (429) when its integration is over its request rate."""
        caller = authenticate(store, self.keys, self.token, now)
        if self.record is not None:
            self.record.company_id = caller.company_id
            self.record.integration_id = caller.integration_id
        if self.limits is not None:
            wait = self.limits.request_refused_for(caller.company_id, caller.integration_id)
            if wait is not None:
                raise TooManyRequests(
                    "Too many requests from this integration "
                    f"(STAMPLA_INTEGRATION_RATE_LIMIT); retry in {plural(wait, 'second')}",
                    wait,
                )
        return caller


async def credentials(
    request: Request,
    keys: Annotated[ApiKeys, Depends(api_keys)],
    limits: Limits,
    token: Annotated[
        str | None,
        Query(
            description="Access token from /Login/Token (also as a `token` header or "
            "`Authorization: Bearer`). The name is matched in any case, e.g. `Token`.",
        ),
    ] = None,
) -> Credentials:
    """The keys and token from the query string, headers or ``Authorization: Bearer``.

    Routes on the hot path check them inside the one worker-thread call that does their
    work, instead of paying a thread hop for the check alone.
    """
    token = token or request.headers.get("token") or _bearer(request.headers.get("authorization"))
    return Credentials(keys, token, limits, record_of(request))


def principal(
    presented: Annotated[Credentials, Depends(credentials)],
    store: Annotated[Store, Depends(get_store)],
    now: Annotated[datetime, Depends(get_now)],
) -> Principal:
    """The authenticated caller; 401 unless keys and token are all valid."""
    return presented.authenticate(store, now)


def _bearer(header: str | None) -> str | None:
    if header and header[:7].lower() == "bearer ":
        return header[7:].strip() or None
    return None


Keys = Annotated[ApiKeys, Depends(api_keys)]
Presented = Annotated[Credentials, Depends(credentials)]
Caller = Annotated[Principal, Depends(principal)]
