"""/Admin/Absence: absence HR registers, changes and cancels (``service.absence``).

A registration is named by its ``id`` in the query string; cancelled ones are kept and listed
with ``cancelled=true``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from stampla.service import absence

from ..deps import Dates, Now, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, Admin
from .admin_models import AbsenceChange, AbsenceNew

router = APIRouter(prefix="/Admin/Absence", tags=["Admin: absence"], responses=ADMIN_ERRORS)

AbsenceNewBody = Annotated[AbsenceNew, json_body(AbsenceNew)]
AbsenceChangeBody = Annotated[AbsenceChange, json_body(AbsenceChange)]
AbsenceId = Annotated[str, Query(alias="id", description="The registration's id.")]
SomeEmployee = Annotated[
    str | None, Query(alias="employeeNr", description="Only this employee's (EmployeeNr).")
]
DateFrom = Annotated[str | None, Query(alias="dateFrom", description="Reaching into this date.")]
DateTo = Annotated[str | None, Query(alias="dateTo", description="Up to this date (inclusive).")]
Cancelled = Annotated[bool, Query(description="Cancelled registrations too.")]
Note = Annotated[str | None, Query(alias="note", description="Why, for the audit trail.")]

REGISTER = """Registers absence for `EmployeeNr` from `FirstDate` to `LastDate` (default:
`FirstDate`) with an absence `TimeCode`. `Extent` is `FullDay` (the whole expected time),
`Percent` (`Percent` of it) or `Hours` (the scheduled work `From`–`To`). A time code of kind
attendance is refused (400, naming `TimeCode`); a registration that meets another on the same
dates is refused (409) naming it."""


@router.get("", response_model=list[absence.AbsenceView])
def list_absence(
    admin: Admin,
    store: StoreDep,
    dates: Dates,
    employee_nr: SomeEmployee = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    cancelled: Cancelled = False,
) -> list[absence.AbsenceView]:
    """Registrations reaching into the dates, by EmployeeNr and first date."""
    return absence.list_absences(
        store,
        admin.company_id,
        window=dates,
        employee_nr=employee_nr,
        date_from=date_from,
        date_to=date_to,
        cancelled=cancelled,
    )


@router.post(
    "",
    response_model=absence.AbsenceView,
    status_code=201,
    summary="Register absence",
    description=REGISTER,
    openapi_extra=documented(AbsenceNew),
)
def register_absence(
    admin: Admin, store: StoreDep, now: Now, dates: Dates, body: AbsenceNewBody
) -> absence.AbsenceView:
    return absence.register_absence(
        store, admin.company_id, body.given(), now, window=dates, actor=admin.actor
    )


@router.patch(
    "",
    response_model=absence.AbsenceView,
    summary="Change a registration",
    description="Only the properties sent change; the employee cannot. A cancelled "
    "registration cannot change (409).",
    openapi_extra=documented(AbsenceChange),
)
def change_absence(
    admin: Admin,
    store: StoreDep,
    now: Now,
    dates: Dates,
    absence_id: AbsenceId,
    body: AbsenceChangeBody,
) -> absence.AbsenceView:
    return absence.change_absence(
        store, admin.company_id, absence_id, body.given(), now, window=dates, actor=admin.actor
    )


@router.post(
    "/Cancel",
    response_model=absence.AbsenceView,
    summary="Cancel a registration (it is kept, and counts no more)",
)
def cancel_absence(
    admin: Admin, store: StoreDep, now: Now, absence_id: AbsenceId, note: Note = None
) -> absence.AbsenceView:
    return absence.cancel_absence(
        store, admin.company_id, absence_id, now, note=note, actor=admin.actor
    )
