"""The application's state as dependencies: the one store, settings and clock of a server.

The composition root (``stampla.app``) puts them on the state of the API's application and
of the pages'; routes of either ask for them here. Dependencies that do no I/O are
``async``: FastAPI runs a plain ``def`` dependency in the thread pool, a hop that costs more
than reading an attribute.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request

from stampla.service.date_range import DateWindow
from stampla.settings import Settings
from stampla.store.engine import Store
from stampla.throttle.limits import AbuseLimits

from .login_guard import LoginGuard


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_now(request: Request) -> datetime:
    return request.app.state.clock()


async def get_login_guard(request: Request) -> LoginGuard:
    return request.app.state.login_guard


async def get_abuse_limits(request: Request) -> AbuseLimits:
    return request.app.state.abuse_limits


def client_address(request: Request) -> str | None:
    """The caller's address (behind a trusted proxy, the one it forwarded)."""
    return request.client.host if request.client else None


async def date_window(request: Request) -> DateWindow:
    """The dates a request may name (STAMPLA_EARLIEST_DATE, STAMPLA_MAX_FUTURE_DAYS)."""
    settings: Settings = request.app.state.settings
    now = request.app.state.clock()
    return DateWindow.around(now, settings.earliest_date, settings.max_future_days)


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
Now = Annotated[datetime, Depends(get_now)]
Dates = Annotated[DateWindow, Depends(date_window)]
Guard = Annotated[LoginGuard, Depends(get_login_guard)]
Limits = Annotated[AbuseLimits, Depends(get_abuse_limits)]
