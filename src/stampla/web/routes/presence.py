"""/web/presence: the board of who is in now (docs/devices.md)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from stampla.service.devices.presence import who_is_in

from ..deps import Now, SignedIn, StoreDep
from ..render import render

router = APIRouter()


@router.get("/presence")
async def presence_page(
    request: Request, session: SignedIn, store: StoreDep, now: Now
) -> HTMLResponse:
    """Everyone whose last stamp says they are in, or on a break, with since when."""
    board = await run_in_threadpool(who_is_in, store, session.company_id, session.time_zone, now)
    return render(
        request, "presence.html", {"board": board, "now": now.astimezone(session.time_zone)}
    )
