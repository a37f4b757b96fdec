"""Building the web application: one store, one settings object, the routers, the handlers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.responses import RedirectResponse

from stampla import __version__
from stampla.settings import Settings, get_settings
from stampla.store.engine import Store
from stampla.store.statistics import StatisticsKeeper
from stampla.web import PREFIX, create_web_app

from .deps import Clock, plain_query, system_clock
from .errors import install_error_handlers
from .openapi import install_openapi
from .routes import (
    admin_accounts,
    admin_company,
    admin_credentials,
    admin_employees,
    admin_terminals,
    admin_timecodes,
    attest,
    health,
    login,
    timestampentry,
)
from .routing import CaseInsensitiveRouting

DESCRIPTION = """Stampla speaks SoftOne GO's time-stamp API: log in at `/Login/Token`, then post
punches to `/Personell/Time/TimeStampEntry` with `companyApiKey`, `connectApiKey` and `token`.
An integration written for SoftOne GO works unchanged. Every error answers
`{"success": false, "errorMessage": …, "errors": [{"index", "field", "message"}]}`."""


def create_app(settings: Settings | None = None, *, clock: Clock = system_clock) -> FastAPI:
    """The ASGI application over the database that ``settings`` names."""
    settings = settings or get_settings()
    store = Store(settings.database_url, sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        keeper = StatisticsKeeper(store.engine) if store.dialect == "postgresql" else None
        if keeper is not None:
            keeper.start()
        yield
        if keeper is not None:
            keeper.stop()
        store.dispose()

    app = FastAPI(
        title="Stampla",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        dependencies=[Depends(plain_query)],
    )
    app.state.settings = settings
    app.state.store = store
    app.state.clock = clock
    install_error_handlers(app)
    routers = [
        login.router,
        timestampentry.router,
        attest.router,
        admin_company.router,
        admin_credentials.router,
        admin_employees.router,
        admin_terminals.router,
        admin_accounts.router,
        admin_timecodes.router,
        health.router,
    ]
    for router in routers:
        app.include_router(router)
    install_openapi(app, timestampentry.SCHEMA_MODELS)
    app.mount(PREFIX, create_web_app(store, settings, clock))
    app.add_api_route("/", _to_the_pages, methods=["GET"], include_in_schema=False)
    app.add_middleware(CaseInsensitiveRouting, routers=routers)
    return app


async def _to_the_pages() -> RedirectResponse:
    """A browser pointed at the server lands on the pages."""
    return RedirectResponse(f"{PREFIX}/", status_code=307)
