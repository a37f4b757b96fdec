"""The pages as an application of their own, mounted by the composition root under ``/web``.

Being a separate application gives the pages their own error handlers (pages, not JSON) and
keeps them out of the API's OpenAPI document, while they share the one store, settings and
clock with the API, so the same services answer both.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from stampla.clock import Clock
from stampla.http.guards import plain_form, plain_query
from stampla.settings import Settings
from stampla.store.engine import Store

from .errors import install_error_handlers
from .headers import PageHeaders
from .routes import (
    absence,
    attest,
    attest_problems,
    attest_states,
    corrections,
    employees,
    export,
    kiosk_access,
    presence,
    punches,
    registers,
    rules,
    schedule,
    session,
)

STATIC = Path(__file__).parent / "static"


def create_web_app(store: Store, settings: Settings, clock: Clock) -> FastAPI:
    """The pages over ``store``; mount it at ``render.PREFIX``."""
    app = FastAPI(
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(plain_query), Depends(plain_form)],
    )
    app.state.store = store
    app.state.settings = settings
    app.state.clock = clock
    install_error_handlers(app)
    routers = (
        session.router,
        attest.router,
        punches.router,
        registers.router,
        employees.router,
        schedule.router,
        rules.router,
        absence.router,
        corrections.router,
        export.router,
        attest_states.router,
        attest_problems.router,
        presence.router,
        kiosk_access.router,
    )
    for router in routers:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(PageHeaders)
    return app
