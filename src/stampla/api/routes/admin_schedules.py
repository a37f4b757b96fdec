"""/Admin/ScheduleTemplates and /Admin/Schedules/…: templates, assignments and overrides.

Templates are a register like the others (``register_router``). An assignment is named by
``employeeNr`` and its first date, ``validFrom``; an override by ``employeeNr`` and ``date``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from stampla.service import masterdata as md
from stampla.service import schedules

from ..deps import Dates, Now, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, Admin
from .admin_models import AssignmentChange, AssignmentNew, OverrideNew
from .admin_register import register_router

templates_router = register_router(md.SCHEDULE_TEMPLATE)
router = APIRouter(prefix="/Admin/Schedules", tags=["Admin: schedules"], responses=ADMIN_ERRORS)

AssignmentNewBody = Annotated[AssignmentNew, json_body(AssignmentNew)]
AssignmentChangeBody = Annotated[AssignmentChange, json_body(AssignmentChange)]
OverrideNewBody = Annotated[OverrideNew, json_body(OverrideNew)]

EmployeeNr = Annotated[str, Query(alias="employeeNr", description="The employee's EmployeeNr.")]
SomeEmployee = Annotated[
    str | None, Query(alias="employeeNr", description="Only this employee's (EmployeeNr).")
]
ValidFrom = Annotated[
    str, Query(alias="validFrom", description="The assignment's first day, e.g. 2025-06-01.")
]
Day = Annotated[str, Query(alias="date", description="The override's date, e.g. 2025-06-12.")]
DateFrom = Annotated[str | None, Query(alias="dateFrom", description="From this date.")]
DateTo = Annotated[str | None, Query(alias="dateTo", description="To this date (inclusive).")]

ASSIGN = """Assigns a schedule template to an employee from `ValidFrom` (to `ValidTo`, if
given). The week that holds `ValidFrom` is week `StartWeek` (default 1) of the rotation. The
template must be active. A new assignment without `ValidTo` ends the employee's open-ended
assignment before it on the day before `ValidFrom` (audited as a change of that one); any
other overlap is a 409 naming the assignment."""


@router.get("/Assignments", response_model=list[schedules.AssignmentView])
def list_assignments(
    admin: Admin, store: StoreDep, employee_nr: SomeEmployee = None
) -> list[schedules.AssignmentView]:
    """The assignments of one employee, or of all, by EmployeeNr and first day."""
    return schedules.list_assignments(store, admin.company_id, employee_nr)


@router.post(
    "/Assignments",
    response_model=schedules.AssignmentView,
    status_code=201,
    summary="Assign a schedule template to an employee",
    description=ASSIGN,
    openapi_extra=documented(AssignmentNew),
)
def add_assignment(
    admin: Admin, store: StoreDep, now: Now, dates: Dates, body: AssignmentNewBody
) -> schedules.AssignmentView:
    done = schedules.add_assignment(
        store, admin.company_id, body.given(), now, window=dates, actor=admin.actor
    )
    return done.assignment


@router.patch(
    "/Assignments",
    response_model=schedules.AssignmentView,
    summary="End an assignment (or change its start week)",
    description="`ValidTo` sets the last day (`null`: until further notice); it may not "
    "reach into another assignment of the employee. Only the properties sent change.",
    openapi_extra=documented(AssignmentChange),
)
def change_assignment(
    admin: Admin,
    store: StoreDep,
    now: Now,
    dates: Dates,
    employee_nr: EmployeeNr,
    valid_from: ValidFrom,
    body: AssignmentChangeBody,
) -> schedules.AssignmentView:
    return schedules.change_assignment(
        store,
        admin.company_id,
        employee_nr,
        valid_from,
        body.given(),
        now,
        window=dates,
        actor=admin.actor,
    )


@router.post(
    "/Assignments/Remove",
    response_model=schedules.AssignmentView,
    summary="Remove an assignment made by mistake (the audit trail keeps it)",
)
def remove_assignment(
    admin: Admin,
    store: StoreDep,
    now: Now,
    dates: Dates,
    employee_nr: EmployeeNr,
    valid_from: ValidFrom,
) -> schedules.AssignmentView:
    return schedules.remove_assignment(
        store, admin.company_id, employee_nr, valid_from, now, window=dates, actor=admin.actor
    )


@router.get("/Overrides", response_model=list[schedules.OverrideView])
def list_overrides(
    admin: Admin,
    store: StoreDep,
    dates: Dates,
    employee_nr: SomeEmployee = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> list[schedules.OverrideView]:
    """The overrides of one employee, or of all, by EmployeeNr and date."""
    return schedules.list_overrides(
        store,
        admin.company_id,
        window=dates,
        employee_nr=employee_nr,
        date_from=date_from,
        date_to=date_to,
    )


@router.post(
    "/Overrides",
    response_model=schedules.OverrideView,
    status_code=201,
    summary="Plan one date otherwise: other shifts, or a day off",
    description="Replaces the date's shifts whatever the template says; an override the "
    "date already has is replaced (answered 200, a new one 201).",
    openapi_extra=documented(OverrideNew),
)
def set_override(
    admin: Admin, store: StoreDep, now: Now, dates: Dates, response: Response, body: OverrideNewBody
) -> schedules.OverrideView:
    done = schedules.set_override(
        store, admin.company_id, body.given(), now, window=dates, actor=admin.actor
    )
    if not done.created:
        response.status_code = 200
    return done.override


@router.post(
    "/Overrides/Remove",
    response_model=schedules.OverrideView,
    summary="Remove an override: the date follows the template again",
)
def remove_override(
    admin: Admin, store: StoreDep, now: Now, dates: Dates, employee_nr: EmployeeNr, day: Day
) -> schedules.OverrideView:
    return schedules.remove_override(
        store, admin.company_id, employee_nr, day, now, window=dates, actor=admin.actor
    )
