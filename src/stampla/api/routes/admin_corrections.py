"""/Admin/PunchCorrections: HR corrections of punches, each with a reason
(``service.corrections``).

A correction adds a missing punch, changes one (a new punch supersedes it) or voids one (it is
superseded by nothing and no longer counts). The original stays stored and readable
(``includeSuperseded=true`` on the TimeStampEntry read, and ``original`` here).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import Field, StrictInt

from stampla.service import corrections
from stampla.service.roles import Permission
from stampla.service.staff_scope import keep_in_scope

from ..deps import Dates, Now, SettingsDep, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, AdminActor, AdminOrStaff
from .admin_models import AdminInput, EmployeeNumber

router = APIRouter(
    prefix="/Admin/PunchCorrections", tags=["Admin: punch corrections"], responses=ADMIN_ERRORS
)


class CorrectionNew(AdminInput):
    kind: str | None = Field(None, alias="Kind", description="add, change or void.")
    employee_nr: EmployeeNumber = Field(None, alias="EmployeeNr")
    punch_id: StrictInt | str | None = Field(
        None, alias="TimeStampEntryId", description="change, void: the punch to correct."
    )
    reason: str | None = Field(None, alias="Reason", description="Why; required.")
    time_stamp: str | None = Field(
        None,
        alias="TimeStamp",
        description="add (required), change: the time, as a TimeStampEntry's (no offset: "
        "the company's local time).",
    )
    entry_type: str | StrictInt | None = Field(
        None, alias="TimeStampEntryType", description='add (required), change: "In" or "Out".'
    )
    is_break: Any = Field(None, alias="IsBreak")
    account_nr: str | StrictInt | None = Field(None, alias="AccountNr")
    sie_account_dim: Any = Field(None, alias="SieAccountDim")
    accounts: Any = Field(
        None, alias="Accounts", description='As a TimeStampEntry\'s: [{"AccountNr", …}].'
    )
    time_codes: Any = Field(
        None,
        alias="TimeScheduleTypes",
        description='As a TimeStampEntry\'s: [{"TimeScheduleTypeCode": "Övertid 50%"}].',
    )
    time_terminal_id: Any = Field(
        None,
        alias="TimeTerminalId",
        description="add: the terminal (left out: that of the employee's nearest punch).",
    )


CorrectionBody = Annotated[CorrectionNew, json_body(CorrectionNew)]
SomeEmployee = Annotated[
    str | None, Query(alias="employeeNr", description="Only this employee's (EmployeeNr).")
]
DateFrom = Annotated[str, Query(alias="dateFrom", description="Punches dated from this day.")]
DateTo = Annotated[str, Query(alias="dateTo", description="To this day (inclusive).")]

CORRECT = """Corrects a punch with a required `Reason`. `Kind` `add` stores a missing punch
(`EmployeeNr`, `TimeStamp`, `TimeStampEntryType`, optionally `IsBreak`, accounts, time codes,
`TimeTerminalId`); `change` stores a new punch with the fields sent on top of the punch
`TimeStampEntryId`, which it supersedes; `void` supersedes `TimeStampEntryId` with nothing.
Accounts and time codes are checked as for a posted punch. An unknown employee or punch is a
404; a punch already superseded is a 409 naming the one that replaced it."""


def _given(body: CorrectionNew) -> dict[str, Any]:
    given = body.given()
    if isinstance(given.get("employee_nr"), int):
        given["employee_nr"] = str(given["employee_nr"])
    return given


@router.post(
    "",
    response_model=corrections.CorrectionView,
    status_code=201,
    summary="Correct a punch (add, change, void) with a reason",
    description=CORRECT,
    openapi_extra=documented(CorrectionNew),
)
def correct_punch(
    admin: AdminOrStaff,
    actor: AdminActor,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    body: CorrectionBody,
) -> corrections.CorrectionView:
    actor.require(Permission.CORRECT)
    limits = corrections.Limits(settings.max_future, settings.earliest_date)
    return corrections.correct(
        store, admin.company_id, _given(body), now, limits=limits, actor=actor
    )


@router.get("", response_model=list[corrections.CorrectionView])
def list_corrections(
    admin: AdminOrStaff,
    actor: AdminActor,
    store: StoreDep,
    settings: SettingsDep,
    dates: Dates,
    date_from: DateFrom,
    date_to: DateTo,
    employee_nr: SomeEmployee = None,
) -> list[corrections.CorrectionView]:
    """The corrections of punches dated dateFrom..dateTo, oldest first, each with the punch
    it stored and the one it replaced; a scoped attestant's are those of their employees."""
    actor.require(Permission.VIEW)
    found = corrections.list_corrections(
        store,
        admin.company_id,
        window=dates,
        max_days=settings.max_read_days,
        date_from=date_from,
        date_to=date_to,
        employee_nr=employee_nr,
    )
    last = max((c.local_date for c in found), default=None)
    if last is None:
        return found
    return keep_in_scope(store, admin.company_id, actor.scope, found, _nr, last)


def _nr(correction: corrections.CorrectionView) -> str:
    return correction.employee_nr
