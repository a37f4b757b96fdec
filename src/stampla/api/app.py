"""The API's application: its routers, its error handlers, its OpenAPI document."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

from fastapi import Depends, FastAPI

from stampla import __version__
from stampla.clock import Clock
from stampla.http.guards import plain_query
from stampla.http.request_log import NoteRoute
from stampla.settings import Settings
from stampla.store.engine import Store

from .docs import install_docs
from .errors import install_error_handlers
from .openapi import install_openapi
from .options import AllowOptions
from .routes import (
    admin_absence,
    admin_accounts,
    admin_attest_states,
    admin_auto_stamp_out,
    admin_company,
    admin_corrections,
    admin_credentials,
    admin_devices,
    admin_employees,
    admin_opening_balance,
    admin_payroll_export,
    admin_rule_sets,
    admin_schedules,
    admin_staff_token,
    admin_terminals,
    admin_terms,
    admin_timecodes,
    attest,
    balances,
    health,
    iclock,
    kiosk,
    login,
    metrics,
    timestampentry,
)
from .routing import CaseInsensitiveRouting

#: What runs around the application's life: the root's store keeping (statistics, dispose).
Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]

DESCRIPTION = """Stampla speaks SoftOne GO's time-stamp API: log in at `/Login/Token`, then post
punches to `/Personell/Time/TimeStampEntry` with `companyApiKey`, `connectApiKey` and `token`.
An integration written for SoftOne GO works unchanged. Every error answers
`{"success": false, "errorMessage": …, "errors": [{"index", "field", "message"}]}`."""


def create_api(store: Store, settings: Settings, clock: Clock, lifespan: Lifespan) -> FastAPI:
    """The API's application over ``store``: SoftOne's routes, AttestTime, /Admin, /health.

    The composition root (``stampla.app``) builds the store and owns its ``lifespan``, and
    mounts the pages beside these routes.
    """
    app = FastAPI(
        title="Stampla",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        dependencies=[Depends(plain_query)],
        docs_url=None,  # api.docs serves Swagger UI from this server, not a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.clock = clock
    install_error_handlers(app)
    routers = [
        login.router,
        timestampentry.router,
        attest.router,
        balances.router,
        admin_staff_token.router,
        admin_company.router,
        admin_credentials.router,
        admin_terms.router,
        admin_opening_balance.router,
        admin_employees.router,
        admin_terminals.router,
        admin_accounts.router,
        admin_timecodes.router,
        admin_schedules.templates_router,
        admin_schedules.router,
        admin_rule_sets.router,
        admin_auto_stamp_out.router,
        admin_absence.router,
        admin_attest_states.router,
        admin_corrections.router,
        admin_payroll_export.router,
        admin_devices.router,
        health.router,
        iclock.router,
        kiosk.router,
    ]
    if settings.metrics != "off":
        routers.append(metrics.router)
    for router in routers:
        app.include_router(router)
    install_openapi(app, timestampentry.SCHEMA_MODELS)
    install_docs(app)
    # Inside the case-insensitive routing (added later, so outside), to see canonical paths.
    app.add_middleware(AllowOptions, routes=lambda: app.routes)
    app.add_middleware(NoteRoute)
    app.add_middleware(CaseInsensitiveRouting, routers=routers)
    return app
