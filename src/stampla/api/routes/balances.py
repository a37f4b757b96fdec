"""GET /Personell/Time/Balances: comp-time and flex balances at the end of a date.

Authenticated as AttestTime is (``companyApiKey``, ``connectApiKey``, ``token``); the
balances are recomputed from the day rows (``service.attest.balances``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from stampla.http.params import EmployeeNrsQuery, parse_date, parse_employee_nrs
from stampla.service.attest import BalanceView, balances_on
from stampla.wire.results import ErrorResponse

from ..deps import Caller, Dates, Now, SettingsDep, StoreDep

router = APIRouter(tags=["Time"])

DESCRIPTION = """Each employee's comp-time balance (kompsaldo: overtime taken as comp time ×
its factor, less `Kompledig` absence) and, for employees with flex time, flex balance (the
days' work + absence − expected), at the end of the company-local `date`. Counted from the
hire date (else the first punched day), by the terms and rule set of each day; see
docs/time-rules.md."""


@router.get(
    "/Personell/Time/Balances",
    response_model=list[BalanceView],
    summary="Comp-time and flex balances at the end of a date",
    description=DESCRIPTION,
    responses={
        400: {"model": ErrorResponse, "description": "Bad date or employee filter"},
        401: {"model": ErrorResponse, "description": "Missing, unknown, expired or revoked keys"},
    },
)
def balances(
    caller: Caller,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    dates: Dates,
    day: Annotated[str, Query(alias="date", description="The company-local date.")],
    employee_nrs: EmployeeNrsQuery = None,
) -> list[BalanceView]:
    return balances_on(
        store,
        caller.company_id,
        parse_date(day, "date", dates),
        parse_employee_nrs(employee_nrs),
        now,
        max_days=settings.max_read_days,
        max_future=settings.max_future,
    )
