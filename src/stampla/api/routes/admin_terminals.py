"""/Admin/Terminals: terminals and attendance apps (Staff > Settings > Terminals)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from stampla.service import masterdata as md

from ..deps import Now, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, Admin
from .admin_models import TerminalFields

router = APIRouter(prefix="/Admin", tags=["Admin: terminals"], responses=ADMIN_ERRORS)

TerminalFieldsBody = Annotated[TerminalFields, json_body(TerminalFields)]

TerminalId = Annotated[
    str, Query(alias="timeTerminalId", description="The Terminal ID number (TimeTerminalId).")
]


@router.get("/Terminals", response_model=list[md.TerminalView], summary="List terminals")
def list_terminals(
    admin: Admin,
    store: StoreDep,
    active: Annotated[bool | None, Query(description="Only active or inactive ones.")] = None,
) -> list[md.TerminalView]:
    return md.list_terminals(store, admin.company_id, active=active)


@router.post(
    "/Terminals",
    response_model=md.TerminalView,
    status_code=201,
    summary="Register a terminal",
    openapi_extra=documented(TerminalFields),
)
def add_terminal(
    admin: Admin, store: StoreDep, now: Now, terminal: TerminalFieldsBody
) -> md.TerminalView:
    return md.add_terminal(store, admin.company_id, terminal.given(), now, actor=admin.actor)


@router.patch(
    "/Terminals",
    response_model=md.TerminalView,
    summary="Change a terminal's name, type or time zone",
    openapi_extra=documented(TerminalFields),
)
def update_terminal(
    admin: Admin,
    store: StoreDep,
    now: Now,
    number: TerminalId,
    terminal: TerminalFieldsBody,
) -> md.TerminalView:
    given = terminal.given()
    return md.update_terminal(store, admin.company_id, number, given, now, actor=admin.actor)


@router.post(
    "/Terminals/Deactivate",
    response_model=md.TerminalView,
    summary="Deactivate a terminal",
    description="Stored punches stay valid and visible; new punches are refused as inactive.",
)
def deactivate_terminal(
    admin: Admin, store: StoreDep, now: Now, number: TerminalId
) -> md.TerminalView:
    return md.set_terminal_active(store, admin.company_id, number, False, now, actor=admin.actor)


@router.post(
    "/Terminals/Activate", response_model=md.TerminalView, summary="Activate a terminal again"
)
def activate_terminal(
    admin: Admin, store: StoreDep, now: Now, number: TerminalId
) -> md.TerminalView:
    return md.set_terminal_active(store, admin.company_id, number, True, now, actor=admin.actor)
