"""Signing in and out; ``/web/`` itself leads to attest time, the page staff use most."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from stampla.errors import LoginFailed, TooManyRequests
from stampla.http.state import Guard, client_address
from stampla.service import staff
from stampla.service.web_sessions import session_of, sign_in, sign_out
from stampla.throttle.limits import web_login_buckets

from ..deps import (
    COOKIE,
    Now,
    Protected,
    SettingsDep,
    StoreDep,
    clear_session_cookie,
    require_same_origin,
    set_session_cookie,
)
from ..render import PREFIX, render

router = APIRouter()

HOME = f"{PREFIX}/attest"
Text = Annotated[str, Form()]


@router.get("/")
async def home() -> RedirectResponse:
    return RedirectResponse(HOME, status_code=303)


@router.get("/sign-in")
def sign_in_form(
    request: Request, store: StoreDep, now: Now, next: str = "", signed_out: str = ""
) -> Response:
    """The form; a browser that is still signed in goes straight on."""
    if session_of(store, request.cookies.get(COOKIE), now) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    notice = "You have signed out." if signed_out else ""
    return render(request, "sign_in.html", _form(next=next, notice=notice))


@router.post("/sign-in", dependencies=[Depends(require_same_origin)])
async def sign_in_submit(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    guard: Guard,
    company: Text = "",
    user_name: Text = "",
    password: Text = "",
    next: Text = "",
) -> Response:
    """A session cookie and on to the page asked for; or, after the configured delay, the
    form again saying only that signing in failed; or, past the limit of failures
    (``http.login_guard``), at once the form saying when to try again (429)."""
    lifetime = timedelta(minutes=settings.web_session_minutes)
    buckets = web_login_buckets(company, user_name, client_address(request))
    attempt = partial(sign_in, store, company, user_name, password, now, lifetime)
    try:
        new = await guard.attempt(buckets, attempt)
    except TooManyRequests as refusal:
        context = _form(company=company, user_name=user_name, next=next, failed=refusal.message)
        headers = {"Retry-After": str(refusal.retry_after)}
        return render(request, "sign_in.html", context, 429, headers)
    except LoginFailed as failure:
        await asyncio.sleep(settings.login_failure_delay_seconds)
        context = _form(company=company, user_name=user_name, next=next, failed=failure.message)
        return render(request, "sign_in.html", context, 401)
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(response, new, request, now)
    return response


@router.post("/sign-out")
def sign_out_submit(request: Request, store: StoreDep, _session: Protected) -> RedirectResponse:
    sign_out(store, request.cookies.get(COOKIE))
    response = RedirectResponse(f"{PREFIX}/sign-in?signed_out=1", status_code=303)
    clear_session_cookie(response)
    return response


@router.post("/language")
def language_submit(
    request: Request, store: StoreDep, session: Protected, now: Now, language: Text = ""
) -> RedirectResponse:
    """The signed-in user's own language (sv or en); back to the page they were on."""
    staff.set_language(
        store, session.company_id, session.user_name, language, now, actor=session.actor.name
    )
    referer = request.headers.get("referer", "")
    path = referer.split(request.headers.get("host", "\0"), 1)[-1] if referer else ""
    return RedirectResponse(safe_next(path), status_code=303)


def safe_next(target: str | None) -> str:
    """Only a page of this site's /web/: never an open redirect to somewhere else."""
    if target and target.startswith(f"{PREFIX}/") and not target.startswith("//"):
        if "\\" not in target and "://" not in target:
            return target
    return HOME


def _form(**values: str) -> dict[str, str]:
    return {"company": "", "user_name": "", "next": "", "failed": "", "notice": "", **values}
