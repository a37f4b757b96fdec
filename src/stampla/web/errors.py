"""How the pages answer when something goes wrong: always a page, never a JSON body.

Hierarchy of the web's own errors (the services' errors are in ``stampla.errors``)::

    WebError                 base
    ├── SignInRequired       no valid session: to the sign-in page (htmx: HX-Redirect)
    └── FormRejected         403: a POST without this session's CSRF token, or from elsewhere

A service error that a form caused (a bad date, a range too long) is shown on the form's own
page by ``pages.form_page``; what reaches the handlers here is shown on an error page, with
the status the API would answer (``http.errors.status_of``, the one place statuses are chosen).
"""

from __future__ import annotations

import logging
import uuid
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from stampla.errors import Problem, StamplaError
from stampla.http.errors import status_of

from .render import PREFIX, render

log = logging.getLogger("stampla.web")


class WebError(Exception):
    """Base of the errors the web layer raises itself."""


class SignInRequired(WebError):
    """The request has no valid session: it never had one, it expired, or the user was
    disabled."""


class FormRejected(WebError):
    """A state-changing POST that did not come from a page of this session."""


def sign_in_url(request: Request) -> str:
    """The sign-in page, returning afterwards to the page that was asked for (GETs only)."""
    target = request.url.path
    if request.url.query:
        target += "?" + request.url.query
    if request.method != "GET" or request.headers.get("hx-request"):
        return f"{PREFIX}/sign-in"
    return f"{PREFIX}/sign-in?next={quote(target, safe='')}"


async def _sign_in_required(request: Request, _error: Exception) -> Response:
    url = sign_in_url(request)
    if request.headers.get("hx-request"):
        # htmx would put a whole sign-in page into the day panel; tell it to go there instead.
        return Response(status_code=401, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


async def _form_rejected(request: Request, _error: Exception) -> HTMLResponse:
    message = (
        "This form was not sent from a page of your current session (it may be from another "
        "site, or from before you signed in again). Reload the page and try again."
    )
    return _error_page(request, 403, message)


async def _stampla_error(request: Request, error: Exception) -> HTMLResponse:
    assert isinstance(error, StamplaError)
    return _error_page(request, status_of(error), error.message, error.problems)


async def _validation_error(request: Request, error: Exception) -> HTMLResponse:
    assert isinstance(error, RequestValidationError)
    problems = [
        Problem(str(item.get("msg", "invalid")), str(item["loc"][-1])) for item in error.errors()
    ]
    return _error_page(request, 400, "Some values in the address are not valid.", problems)


async def _http_error(request: Request, error: Exception) -> HTMLResponse:
    assert isinstance(error, HTTPException)
    if error.status_code == 404:
        message = f"There is no page at {request.url.path}."
    elif error.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}."
    else:
        message = str(error.detail)
    return _error_page(request, error.status_code, message)


async def _unexpected_error(request: Request, _error: Exception) -> HTMLResponse:
    reference = uuid.uuid4().hex[:12]
    log.exception("unexpected error %s on %s %s", reference, request.method, request.url.path)
    message = f"Something went wrong on the server (reference {reference}); it has been logged."
    return _error_page(request, 500, message)


def _error_page(
    request: Request, status: int, message: str, problems: list[Problem] | None = None
) -> HTMLResponse:
    context = {"status": status, "message": message, "problems": problems or []}
    return render(request, "error.html", context, status)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(SignInRequired, _sign_in_required)
    app.add_exception_handler(FormRejected, _form_rejected)
    app.add_exception_handler(StamplaError, _stampla_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
