"""/Admin/Employees: the Employees register (Staff > Employee > Employees)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from stampla.service import masterdata as md
from stampla.service.csv_import import ImportOptions, ImportReport

from ..deps import Now, SettingsDep, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, Admin
from .admin_import import (
    DESCRIPTION,
    IMPORT_BODY,
    Delimiter,
    Encoding,
    FileName,
    SkipInvalid,
    run_csv_import,
)
from .admin_models import EmployeeFields

router = APIRouter(prefix="/Admin", tags=["Admin: employees"], responses=ADMIN_ERRORS)

EmployeeFieldsBody = Annotated[EmployeeFields, json_body(EmployeeFields)]

EmployeeNr = Annotated[str, Query(alias="employeeNr", description="The Employee ID.")]
#: Beyond any register's size, and within every database's integers (a larger OFFSET would
#: reach the database and fail there).
MAX_OFFSET = 2**31 - 1

Active = Annotated[bool | None, Query(description="Only active (true) or inactive (false).")]


@router.get("/Employees", response_model=list[md.EmployeeView], summary="List employees")
def list_employees(
    admin: Admin,
    store: StoreDep,
    active: Active = None,
    search: Annotated[str | None, Query(description="Part of a number, name or code.")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1_000,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[md.EmployeeView]:
    return md.list_employees(
        store, admin.company_id, active=active, search=search, limit=limit, offset=offset
    )


@router.post(
    "/Employees",
    response_model=md.EmployeeView,
    status_code=201,
    summary="Add an employee",
    openapi_extra=documented(EmployeeFields),
)
def add_employee(
    admin: Admin, store: StoreDep, now: Now, employee: EmployeeFieldsBody
) -> md.EmployeeView:
    return md.add_employee(store, admin.company_id, employee.given(), now, actor=admin.actor)


@router.patch(
    "/Employees",
    response_model=md.EmployeeView,
    summary="Change an employee's fields",
    description="Only the properties sent change; `null` clears an optional one. The "
    "EmployeeNr cannot change.",
    openapi_extra=documented(EmployeeFields),
)
def update_employee(
    admin: Admin,
    store: StoreDep,
    now: Now,
    employee_nr: EmployeeNr,
    employee: EmployeeFieldsBody,
) -> md.EmployeeView:
    given = employee.given()
    return md.update_employee(store, admin.company_id, employee_nr, given, now, actor=admin.actor)


@router.post(
    "/Employees/Deactivate",
    response_model=md.EmployeeView,
    summary="Deactivate an employee",
    description="Stored punches stay valid and visible; new punches are refused as inactive.",
)
def deactivate_employee(
    admin: Admin, store: StoreDep, now: Now, employee_nr: EmployeeNr
) -> md.EmployeeView:
    return md.set_employee_active(
        store, admin.company_id, employee_nr, False, now, actor=admin.actor
    )


@router.post(
    "/Employees/Activate", response_model=md.EmployeeView, summary="Activate an employee again"
)
def activate_employee(
    admin: Admin, store: StoreDep, now: Now, employee_nr: EmployeeNr
) -> md.EmployeeView:
    return md.set_employee_active(
        store, admin.company_id, employee_nr, True, now, actor=admin.actor
    )


@router.post(
    "/Employees/Import",
    response_model=ImportReport,
    summary="Import employees from CSV, upserting by EmployeeNr",
    description=DESCRIPTION,
    openapi_extra=IMPORT_BODY,
)
async def import_employees(
    request: Request,
    admin: Admin,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    skip_invalid: SkipInvalid = False,
    encoding: Encoding = None,
    delimiter: Delimiter = None,
    file_name: FileName = None,
) -> ImportReport:
    options = ImportOptions(
        skip_invalid=skip_invalid, encoding=encoding, delimiter=delimiter, file_name=file_name
    )
    return await run_csv_import(request, admin, store, settings, now, "employees", options)
