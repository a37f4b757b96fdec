"""The one place where errors become HTTP statuses, and the one error body.

Every error answer, whatever raised it, is ``{"success": false, "errorMessage": "…", "errors":
[{"index", "field", "message"}]}``: a superset of SoftOne's ActionResult, so a client written
for SoftOne reads it too.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect

from stampla.errors import Problem, StamplaError, TooManyRequests, Unavailable, error_body
from stampla.http.errors import STATUS, status_of

__all__ = ["STATUS", "error_response", "install_error_handlers", "status_of"]

log = logging.getLogger("stampla.api")


def error_response(status: int, message: str, problems: Sequence[Problem] = ()) -> JSONResponse:
    return JSONResponse(error_body(message, problems), status_code=status)


async def _stampla_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StamplaError)
    response = error_response(status_of(error), error.message, error.problems)
    if isinstance(error, Unavailable):
        response.headers["Retry-After"] = "1"
    elif isinstance(error, TooManyRequests):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


async def _validation_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = [
        Problem(
            _message(item),
            ".".join(str(part) for part in item["loc"][1:]) or None,
        )
        for item in error.errors()
    ]
    fields = ", ".join(p.field or "body" for p in problems)
    return error_response(400, f"Invalid request parameters: {fields}", problems)


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    if error.status_code == 404:
        message = f"No such route: {request.method} {request.url.path} (see /docs)"
    elif error.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path} (see /docs)"
    else:
        message = str(error.detail)
    response = error_response(error.status_code, message)
    if error.headers:
        response.headers.update(error.headers)
    return response


async def _client_gone(request: Request, _error: Exception) -> Response:
    """A client that closes its connection before its body is complete: a normal event on
    terminals' networks, worth a line, not a traceback. Nobody reads the answer."""
    client = f"{request.client.host}:{request.client.port}" if request.client else "a client"
    log.info(
        "%s disconnected before sending the whole body of %s %s",
        client,
        request.method,
        request.url.path,
    )
    return Response(status_code=400)


async def _unexpected_error(request: Request, error: Exception) -> JSONResponse:
    reference = uuid.uuid4().hex[:12]
    log.exception("unexpected error %s on %s %s", reference, request.method, request.url.path)
    return error_response(500, f"Internal error (reference {reference}); it has been logged")


def _message(item: dict) -> str:
    message = str(item.get("msg", "invalid"))
    return message.removeprefix("Value error, ")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StamplaError, _stampla_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(ClientDisconnect, _client_gone)
    app.add_exception_handler(Exception, _unexpected_error)
