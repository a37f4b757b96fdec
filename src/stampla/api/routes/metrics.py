"""GET /metrics: the server's metrics for Prometheus (``http.metrics``), open or behind a
bearer token as ``STAMPLA_METRICS`` says; with ``off`` the route is not there at all."""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from stampla.errors import NotAuthenticated
from stampla.http.metrics import CONTENT_TYPE, exposition
from stampla.http.state import SettingsDep

router = APIRouter(include_in_schema=False)


@router.get("/metrics")
async def metrics(request: Request, settings: SettingsDep) -> Response:
    if settings.metrics == "token":
        expected = f"Bearer {settings.metrics_token.get_secret_value()}".encode()
        presented = request.headers.get("authorization", "").encode()
        if not hmac.compare_digest(presented, expected):
            raise NotAuthenticated(
                "/metrics needs Authorization: Bearer with STAMPLA_METRICS_TOKEN"
            )
    # Reading the workers' files is blocking I/O.
    return Response(await run_in_threadpool(exposition), media_type=CONTENT_TYPE)
