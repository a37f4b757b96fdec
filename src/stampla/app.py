"""The composition root: one store, one settings object and one clock, and the two
applications over them — the API (SoftOne's routes, /Admin, /docs) and the pages under
``/web``.

This is the only module that knows both; ``stampla serve`` and the tests build the server
here. The API and the pages share the store, the settings and the clock through
``stampla.http`` and import nothing of each other.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

from stampla.api.app import create_api
from stampla.clock import Clock, system_clock
from stampla.http.headers import SecurityHeaders
from stampla.http.login_guard import LoginGuard
from stampla.http.metrics import observe
from stampla.http.overload import Draining, SlowBodyGuard
from stampla.http.request_log import RequestLog
from stampla.service.auto_stamp_out.runner import JobRunner
from stampla.settings import Settings, get_settings
from stampla.store.engine import Store
from stampla.store.statistics import StatisticsKeeper
from stampla.throttle.limits import abuse_limits
from stampla.web import PREFIX, create_kiosk_pages, create_web_app


def create_app(settings: Settings | None = None, *, clock: Clock = system_clock) -> FastAPI:
    """The whole server over the database that ``settings`` names."""
    settings = settings or get_settings()
    store = Store.from_settings(settings)
    # Counters shared by every worker; the guard (and its semaphore) is this process's.
    limits = abuse_limits(settings, lambda: clock().timestamp())
    guard = LoginGuard(limits, settings.login_hash_concurrency)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        keeper = StatisticsKeeper(store.engine) if store.dialect == "postgresql" else None
        if keeper is not None:
            keeper.start()
        jobs = None
        if settings.jobs_interval_seconds > 0:
            jobs = JobRunner(
                store, clock, settings.jobs_interval_seconds, settings.auto_stamp_out_lookback_days
            )
            jobs.start()
        yield
        if jobs is not None:
            jobs.stop()
        if keeper is not None:
            keeper.stop()
        limits.dispose()
        store.dispose()

    app = create_api(store, settings, clock, lifespan)
    pages = create_web_app(store, settings, clock)
    for application in (app, pages):
        application.state.abuse_limits = limits
        application.state.login_guard = guard
    app.mount(PREFIX, pages)
    # After the API's /kiosk/{terminal}/open and /punch, which the kiosk's page calls.
    app.mount("/kiosk", create_kiosk_pages(store, settings, clock))
    app.add_api_route("/", _to_the_pages, methods=["GET"], include_in_schema=False)
    app.add_middleware(SlowBodyGuard, timeout=settings.body_timeout_seconds)
    app.add_middleware(Draining)
    app.add_middleware(SecurityHeaders)
    listeners = (observe,) if settings.metrics != "off" else ()
    # Outermost: its id and its timing cover everything.
    app.add_middleware(RequestLog, listeners=listeners)
    return app


async def _to_the_pages() -> RedirectResponse:
    """A browser pointed at the server lands on the pages."""
    return RedirectResponse(f"{PREFIX}/", status_code=307)
