"""/kiosk/{terminal}/open and /punch: opening a kiosk with its secret, and punching on it by
number or badge (the page itself is one of the pages: ``web.kiosk_pages``).

The secret travels as an HttpOnly cookie set by ``/kiosk/{terminal}/open`` (or the
``X-Kiosk-Secret`` header); a punch answers the employee's name, the action and its time, or
(a kiosk that offers accounts) the accounts to choose from. A wrong number, PIN or badge
answers 401 with one message, and counts like a failed login.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from stampla.errors import InvalidInput, LoginFailed, Problem
from stampla.http.kiosk_cookie import remember, secret_of
from stampla.http.state import Guard, client_address
from stampla.service.devices import kiosk
from stampla.throttle.limits import Bucket
from stampla.wire.base import InputModel

from ..body import parse_model, read_json_body
from ..deps import Now, SettingsDep, StoreDep

router = APIRouter(tags=["Kiosk"], include_in_schema=False)

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


@router.post("/kiosk/{terminal}/open")
async def open_kiosk(terminal: int, request: Request, store: StoreDep) -> JSONResponse:
    body = parse_model(await read_json_body(request, MAX_BODY), OpenBody)
    found = await run_in_threadpool(kiosk.open_kiosk, store, terminal, body.secret)
    answer = JSONResponse({"success": True, "terminal": found.terminal_number, "name": found.name})
    remember(answer, request, terminal, body.secret)
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
    found = await run_in_threadpool(kiosk.open_kiosk, store, terminal, secret_of(request, terminal))
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
        refused = "badge" if given.badge else "number"  # for the page to say it in its language
        body = {"success": False, "errorMessage": failure.message, "refused": refused}
        return JSONResponse(body, status_code=401)
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
