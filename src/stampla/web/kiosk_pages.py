"""The kiosk's page, ``/kiosk/{terminal}``: the punch clock a tablet at the entrance shows.

An application of its own, mounted by the composition root at ``/kiosk`` after the API's
``/kiosk/{terminal}/open`` and ``/punch`` (which the page's script calls), so that the page
and its punches share the kiosk cookie's path. It is a page like the others — a template
with its text marked for translation, in the tablet browser's language (no one signs in to
a kiosk but with its secret) — and carries the pages' security headers.
"""

from __future__ import annotations

import json

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from stampla.clock import Clock
from stampla.errors import NotAuthenticated
from stampla.http.kiosk_cookie import remember, secret_of
from stampla.http.state import SettingsDep, StoreDep
from stampla.service.devices import kiosk
from stampla.settings import Settings
from stampla.store.engine import Store

from .errors import install_error_handlers
from .headers import PageHeaders
from .render import render


def create_kiosk_pages(store: Store, settings: Settings, clock: Clock) -> FastAPI:
    """The kiosk's page over ``store``; mount it at ``/kiosk``."""
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    app.state.store = store
    app.state.settings = settings
    app.state.clock = clock
    install_error_handlers(app)
    app.add_api_route("/{terminal}", kiosk_page, methods=["GET"])
    app.add_api_route("/{terminal}/sign-in", kiosk_sign_in, methods=["POST"])
    app.add_middleware(PageHeaders)
    return app


async def kiosk_page(
    terminal: int, request: Request, store: StoreDep, settings: SettingsDep
) -> HTMLResponse:
    """The punch clock, full screen; the sign-in form until an admin opened it."""
    try:
        found = await run_in_threadpool(
            kiosk.open_kiosk, store, terminal, secret_of(request, terminal)
        )
    except NotAuthenticated:
        return render(request, "kiosk_sign_in.html", {"terminal": terminal, "refused": False})
    offered = await run_in_threadpool(kiosk.offered, store, found)
    # The accounts ride along for a punch made while the server does not answer.
    accounts = [{"accountNr": nr, "name": name} for nr, name in offered.accounts] if offered else []
    context = {
        "kiosk": found,
        "bounce": settings.kiosk_bounce_seconds,
        "accounts": json.dumps(accounts) if offered else "",
    }
    return render(request, "kiosk.html", context)


async def kiosk_sign_in(
    terminal: int, request: Request, store: StoreDep, secret: str = Form("", max_length=200)
) -> Response:
    """The admin's form: the secret becomes the page's cookie."""
    try:
        await run_in_threadpool(kiosk.open_kiosk, store, terminal, secret)
    except NotAuthenticated:
        context = {"terminal": terminal, "refused": True}
        return render(request, "kiosk_sign_in.html", context, 401)
    answer = RedirectResponse(f"/kiosk/{terminal}", status_code=303)
    remember(answer, request, terminal, secret)
    return answer
