"""The kiosk secret a tablet holds: an HttpOnly cookie scoped to its kiosk's path.

Shared by the kiosk's page (``web``), which sets it when an admin signs the tablet in, and
its punches (``api``), which read it; the ``X-Kiosk-Secret`` header does the same for a
script.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

COOKIE = "stampla_kiosk_{}"
#: How long a tablet stays signed in without the admin (the longest browsers keep a cookie).
MAX_AGE = 400 * 24 * 3600


def secret_of(request: Request, terminal: int) -> str | None:
    return request.headers.get("x-kiosk-secret") or request.cookies.get(COOKIE.format(terminal))


def remember(answer: Response, request: Request, terminal: int, secret: str) -> None:
    answer.set_cookie(
        COOKIE.format(terminal),
        secret,
        max_age=MAX_AGE,
        httponly=True,
        samesite="strict",
        path=f"/kiosk/{terminal}",
        secure=request.url.scheme == "https",
    )
