"""What the page routes need from a request, as dependencies that read like sentences.

``SignedIn`` is the session of the browser (or a redirect to the sign-in page); ``Protected``
is the same for a POST that changes something, whose form must carry the session's CSRF token.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.responses import Response

# The pages' app carries the same state as the API's (store, settings, clock).
from stampla.http.state import Dates, Now, SettingsDep, StoreDep
from stampla.service.roles import Permission
from stampla.service.web_sessions import NewSession, WebSession, csrf_matches, session_of

from .errors import FormRejected, SignInRequired
from .render import PREFIX

__all__ = [
    "COOKIE",
    "Dates",
    "Now",
    "Protected",
    "SettingsDep",
    "SignedIn",
    "StoreDep",
    "clear_session_cookie",
    "requires",
    "csrf_checked",
    "require_same_origin",
    "set_session_cookie",
    "signed_in",
]

#: The cookie that holds ``<company id>.<secret>``; only the secret's digest is stored.
COOKIE = "stampla_session"


def signed_in(request: Request, store: StoreDep, now: Now) -> WebSession:
    """The request's session, checked against the database on every request."""
    session = session_of(store, request.cookies.get(COOKIE), now)
    if session is None:
        raise SignInRequired()
    request.state.session = session
    return session


SignedIn = Annotated[WebSession, Depends(signed_in)]


async def csrf_checked(request: Request, session: SignedIn) -> WebSession:
    """The session, if the posted form carries its CSRF token; FormRejected (403) if not."""
    form = await request.form()
    token = form.get("csrf")
    if not csrf_matches(session, token if isinstance(token, str) else None):
        raise FormRejected()
    return session


Protected = Annotated[WebSession, Depends(csrf_checked)]


def requires(permission: Permission, *, form: bool = False) -> object:
    """A dependency: the session (CSRF-checked when ``form``), if its role has ``permission``;
    Forbidden (403 page) if not.

    Use as ``Annotated[WebSession, requires(Permission.ATTEST, form=True)]``.
    """

    def check(session: WebSession) -> WebSession:
        session.actor.require(permission)
        return session

    if form:

        async def checked_form(session: Protected) -> WebSession:
            return check(session)

        return Depends(checked_form)

    def checked(session: SignedIn) -> WebSession:
        return check(session)

    return Depends(checked)


def require_same_origin(request: Request) -> None:
    """Refuse a POST that a browser says came from another site (the sign-in form has no
    session, hence no CSRF token, yet)."""
    origin = request.headers.get("origin")
    if origin is None or urlsplit(origin).netloc == request.headers.get("host"):
        return
    if origin.rstrip("/") not in request.app.state.settings.extra_origins:
        raise FormRejected()


def set_session_cookie(
    response: Response, new: NewSession, request: Request, now: datetime
) -> None:
    """HttpOnly (no script reads it), SameSite=Lax (no cross-site POST carries it), Secure
    when the page came over https, and scoped to the pages."""
    response.set_cookie(
        COOKIE,
        new.cookie,
        max_age=max(int((new.expires_at - now).total_seconds()), 0),
        path=PREFIX,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(COOKIE, path=PREFIX, httponly=True, samesite="lax")
