"""GET /health: for load balancers, orchestrators and operators; needs no credentials."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from stampla.service.health import check
from stampla.wire.base import OutputModel
from stampla.wire.results import ErrorResponse

from ..deps import StoreDep

router = APIRouter(tags=["Operations"])


class HealthResponse(OutputModel):
    success: bool = True
    status: str = "ok"
    version: str
    database: str
    schema_revision: str


@router.get(
    "/health",
    response_model=HealthResponse,
    summary="Is this server ready to take punches?",
    description="200 when the database answers and its schema is the one this server needs; "
    "503 (with Retry-After) when the database cannot be reached or needs `stampla db "
    "upgrade`. No credentials needed; nothing about any company is shown.",
    responses={503: {"model": ErrorResponse, "description": "Database unreachable or behind"}},
)
async def health(store: StoreDep) -> HealthResponse:
    found = await run_in_threadpool(check, store)
    return HealthResponse(
        version=found.version, database=found.database, schema_revision=found.schema_revision
    )
