"""What routes need from the request, as dependencies that read like sentences."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Query, Request

from stampla.errors import InvalidInput, Problem
from stampla.service.auth import ApiKeys, Principal, authenticate
from stampla.service.date_range import DateWindow
from stampla.settings import Settings
from stampla.store.engine import Store

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


# Dependencies that do no I/O are ``async``: FastAPI runs a plain ``def`` dependency in the
# thread pool, a hop that costs more than reading an attribute.


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_now(request: Request) -> datetime:
    return request.app.state.clock()


async def plain_query(request: Request) -> None:
    """Refuses a query string holding the NUL character (``%00``), in any name or value.

    No column can store NUL, and PostgreSQL refuses to compare text with it, so a key, a
    token, an EmployeeNr or a date carrying one is a 400 naming the parameter, on every route.
    """
    for name, value in request.query_params.multi_items():
        if "\x00" in name or "\x00" in value:
            raise InvalidInput(
                f"The query parameter {name!r} contains the NUL character (%00)",
                [Problem("contains the NUL character (%00), which no value may hold", name)],
            )


async def plain_form(request: Request) -> None:
    """Refuses a posted form holding the NUL character in a field (the pages' forms), for
    the reason ``plain_query`` gives. The form is read once; the route reads the same one."""
    content_type = request.headers.get("content-type", "")
    if request.method != "POST" or not content_type.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        return
    form = await request.form()
    for name, value in form.multi_items():
        if "\x00" in name or (isinstance(value, str) and "\x00" in value):
            raise InvalidInput(
                f"The form field {name!r} contains the NUL character",
                [Problem("contains the NUL character, which no value may hold", name)],
            )


async def date_window(request: Request) -> DateWindow:
    """The dates a request may name (STAMPLA_EARLIEST_DATE, STAMPLA_MAX_FUTURE_DAYS)."""
    settings: Settings = request.app.state.settings
    now = request.app.state.clock()
    return DateWindow.around(now, settings.earliest_date, settings.max_future_days)


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

    def authenticate(self, store: Store, now: datetime) -> Principal:
        """The caller; NotAuthenticated (401) unless keys and token are all valid."""
        return authenticate(store, self.keys, self.token, now)


async def credentials(
    request: Request,
    keys: Annotated[ApiKeys, Depends(api_keys)],
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
    return Credentials(keys, token)


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
StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
Now = Annotated[datetime, Depends(get_now)]
Dates = Annotated[DateWindow, Depends(date_window)]
