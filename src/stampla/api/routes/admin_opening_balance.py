"""/Admin/Employees/{employeeNr}/OpeningBalance: an employee's comp-time and flex balances
carried from an earlier system (``service.attest.opening``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Response
from pydantic import Field

from stampla.service.attest.opening import (
    OpeningBalanceView,
    read_opening_balance,
    remove_opening_balance,
    set_opening_balance,
)

from ..deps import Now, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, Admin
from .admin_models import AdminInput

router = APIRouter(prefix="/Admin/Employees", tags=["Admin: employees"], responses=ADMIN_ERRORS)

PATH = "/{employee_nr}/OpeningBalance"

PUT = """Set the employee's opening balance: its comp-time and flex balances at the start of
`Date`, as signed hours:minutes (`"12:30"`, `"-1:15"`; 0:00 when left out). It replaces the
one before. From then on `GET /Personell/Time/Balances` counts from it, the days before
`Date` not counted; a balance asked for a date before it is counted as without it. Audited
(entity `opening_balance`)."""


class OpeningBalanceFields(AdminInput):
    date: str | None = Field(None, alias="Date", description="e.g. 2025-01-01 (required).")
    comp: str | None = Field(None, alias="Comp", description="Comp time, hours:minutes.")
    flex: str | None = Field(None, alias="Flex", description="Flex time, hours:minutes.")
    note: str | None = Field(None, alias="Note", description="Where the figures come from.")


OpeningBalanceBody = Annotated[OpeningBalanceFields, json_body(OpeningBalanceFields)]


@router.get(PATH, response_model=OpeningBalanceView, summary="An employee's opening balance")
def get_opening_balance(employee_nr: str, admin: Admin, store: StoreDep) -> OpeningBalanceView:
    return read_opening_balance(store, admin.company_id, employee_nr)


@router.put(
    PATH,
    response_model=OpeningBalanceView,
    summary="Set an employee's opening balance",
    description=PUT,
    openapi_extra=documented(OpeningBalanceFields),
)
def put_opening_balance(
    employee_nr: str,
    admin: Admin,
    store: StoreDep,
    now: Now,
    body: OpeningBalanceBody,
) -> OpeningBalanceView:
    given = body.given()
    return set_opening_balance(store, admin.company_id, employee_nr, given, now, actor=admin.actor)


@router.delete(PATH, status_code=204, summary="Remove an employee's opening balance")
def delete_opening_balance(employee_nr: str, admin: Admin, store: StoreDep, now: Now) -> Response:
    remove_opening_balance(store, admin.company_id, employee_nr, now, actor=admin.actor)
    return Response(status_code=204)
