"""/kiosk/{terminal}: opening a kiosk with its secret, and punching on it by number or badge.

The secret travels as an HttpOnly cookie set by ``/kiosk/{terminal}/open`` (or the
``X-Kiosk-Secret`` header); a punch answers the employee's name, the action and its time, or
(a kiosk that offers accounts) the accounts to choose from. A wrong number, PIN or badge
answers 401 with one message, and counts like a failed login.
"""

from __future__ import annotations

import asyncio
import html
import json
from datetime import datetime, timedelta
from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from stampla.errors import InvalidInput, LoginFailed, NotAuthenticated, Problem
from stampla.http.state import Guard, client_address
from stampla.service.devices import kiosk
from stampla.throttle.limits import Bucket
from stampla.wire.base import InputModel

from ..body import parse_model, read_json_body
from ..deps import Now, SettingsDep, StoreDep

router = APIRouter(tags=["Kiosk"], include_in_schema=False)

COOKIE = "stampla_kiosk_{}"
MAX_BODY = 4096


class OpenBody(InputModel):
    secret: str = Field(alias="Secret", min_length=1, max_length=200)


class PunchBody(InputModel):
    employee_nr: str | None = Field(None, alias="EmployeeNr", min_length=1, max_length=50)
    badge: str | None = Field(None, alias="Badge", min_length=1, max_length=50)
    pin: str | None = Field(None, alias="Pin", max_length=50)
    account_nr: str | None = Field(None, alias="AccountNr", max_length=50)
    made_at: datetime | None = Field(
        None, alias="MadeAt", description="When a punch queued offline was made (with offset)."
    )

    def credentials(self) -> kiosk.Credentials:
        if not (self.employee_nr or self.badge):
            raise InvalidInput(
                "EmployeeNr or Badge is required", [Problem("EmployeeNr or Badge", "EmployeeNr")]
            )
        return kiosk.Credentials(self.employee_nr, self.badge, self.pin or None)


def _secret(request: Request, terminal: int) -> str | None:
    return request.headers.get("x-kiosk-secret") or request.cookies.get(COOKIE.format(terminal))


@router.post("/kiosk/{terminal}/open")
async def open_kiosk(terminal: int, request: Request, store: StoreDep) -> JSONResponse:
    body = parse_model(await read_json_body(request, MAX_BODY), OpenBody)
    found = await run_in_threadpool(kiosk.open_kiosk, store, terminal, body.secret)
    answer = JSONResponse({"success": True, "terminal": found.terminal_number, "name": found.name})
    _remember(answer, request, terminal, body.secret)
    return answer


@router.post("/kiosk/{terminal}/punch")
async def punch(
    terminal: int,
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    guard: Guard,
) -> JSONResponse:
    found = await run_in_threadpool(kiosk.open_kiosk, store, terminal, _secret(request, terminal))
    body = parse_model(await read_json_body(request, MAX_BODY), PunchBody)
    if body.made_at is not None and body.made_at.tzinfo is None:
        raise InvalidInput("MadeAt needs an offset", [Problem("needs an offset or Z", "MadeAt")])
    given = body.credentials()
    buckets = [
        Bucket("company", f"kiosk:{found.company_id}:{found.terminal_id}"),
        Bucket("user", f"kiosk:{found.company_id}:{given.throttle_key}"),
        Bucket("address", client_address(request) or "unknown"),
    ]
    attempt = partial(
        kiosk.punch,
        store,
        found,
        given,
        now,
        settings.max_future,
        made_at=body.made_at,
        account_nr=body.account_nr,
        bounce=timedelta(seconds=settings.kiosk_bounce_seconds),
    )
    try:
        answer = await guard.attempt(buckets, attempt)
    except LoginFailed as failure:
        await asyncio.sleep(settings.login_failure_delay_seconds)
        return JSONResponse({"success": False, "errorMessage": failure.message}, status_code=401)
    return JSONResponse(_answered(answer))


def _answered(answer: kiosk.Answer | kiosk.Choice) -> dict:
    if isinstance(answer, kiosk.Choice):
        return {
            "success": True,
            "chooseAccount": True,
            "employeeNr": answer.employee_nr,
            "name": answer.name,
            "accounts": [{"accountNr": nr, "name": name} for nr, name in answer.accounts],
        }
    return {
        "success": True,
        "employeeNr": answer.employee_nr,
        "name": answer.name,
        "action": answer.action,
        "time": answer.at.strftime("%H:%M"),
        "at": answer.at.isoformat(),
        "duplicate": answer.duplicate,
        "accountNr": answer.account_nr,
        "offline": answer.offline,
    }


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stampla kiosk</title><link rel="stylesheet" href="/web/static/style.css"></head>
<body class="kiosk"><main id="kiosk" data-terminal="{terminal}" data-bounce="{bounce}"
 data-badge-only="{badge_only}" data-accounts="{accounts}">
<h1>{name}</h1>
<form id="punch" autocomplete="off">
<label>{number_label} <input id="nr" name="nr" inputmode="numeric" required></label>
<label>PIN <input id="pin" name="pin" type="password" inputmode="numeric"></label>
<button type="submit">Punch</button>
</form>
<section id="choice" hidden aria-labelledby="choice-title">
<h2 id="choice-title">Choose an account</h2>
<div id="choices" role="group" aria-labelledby="choice-title"></div>
<button type="button" id="cancel-choice">Cancel</button>
</section>
<p id="answer" role="status" aria-live="polite"></p>
<p id="waiting" role="status"></p>
</main><script src="/web/static/kiosk.js"></script></body></html>
"""

SIGN_IN = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Open the kiosk</title>
<link rel="stylesheet" href="/web/static/style.css"></head>
<body class="kiosk"><main>
<h1>Open kiosk {terminal}</h1>
<form method="post" action="/kiosk/{terminal}/sign-in">
<label>Kiosk secret <input id="secret" name="secret" type="password" required></label>
<button type="submit">Open</button>
</form>{error}
</main></body></html>
"""


@router.get("/kiosk/{terminal}")
async def kiosk_page(
    terminal: int, request: Request, store: StoreDep, settings: SettingsDep
) -> HTMLResponse:
    """The punch clock, full screen; the sign-in form until an admin opened it."""
    try:
        found = await run_in_threadpool(
            kiosk.open_kiosk, store, terminal, _secret(request, terminal)
        )
    except NotAuthenticated:
        return HTMLResponse(SIGN_IN.format(terminal=terminal, error=""))
    offered = await run_in_threadpool(kiosk.offered, store, found)
    # The accounts ride along for a punch made while the server does not answer.
    accounts = [{"accountNr": nr, "name": name} for nr, name in offered.accounts] if offered else []
    page = PAGE.format(
        terminal=terminal,
        name=html.escape(found.name),
        bounce=settings.kiosk_bounce_seconds,
        badge_only="true" if found.badge_only else "false",
        accounts=html.escape(json.dumps(accounts) if offered else ""),
        number_label="Employee number or badge" if found.badge_only else "Employee number",
    )
    return HTMLResponse(page)


@router.post("/kiosk/{terminal}/sign-in")
async def kiosk_sign_in(terminal: int, request: Request, store: StoreDep) -> Response:
    """The admin's form: the secret becomes the page's cookie."""
    form = await request.form()
    secret = str(form.get("secret") or "")
    try:
        await run_in_threadpool(kiosk.open_kiosk, store, terminal, secret)
    except NotAuthenticated:
        refused = '<p class="error" role="alert">That is not the secret of this kiosk.</p>'
        return HTMLResponse(SIGN_IN.format(terminal=terminal, error=refused), status_code=401)
    answer = RedirectResponse(f"/kiosk/{terminal}", status_code=303)
    _remember(answer, request, terminal, secret)
    return answer


def _remember(answer: Response, request: Request, terminal: int, secret: str) -> None:
    answer.set_cookie(
        COOKIE.format(terminal),
        secret,
        max_age=400 * 24 * 3600,
        httponly=True,
        samesite="strict",
        path=f"/kiosk/{terminal}",
        secure=request.url.scheme == "https",
    )
