"""/Admin/Employees/Terms: an employee's dated employment terms (``masterdata.terms``).

The employee is named by ``employeeNr``, a term by its ``validFrom``. The employee's own
fields (``PATCH /Admin/Employees``) are the term valid today and write terms too.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import Field as About
from pydantic import create_model

from stampla.service.masterdata import terms

from ..deps import Now, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, Admin
from .admin_models import AdminInput

router = APIRouter(
    prefix="/Admin/Employees/Terms", tags=["Admin: employees"], responses=ADMIN_ERRORS
)

TermFields: type[AdminInput] = create_model(
    "TermFields",
    __base__=AdminInput,
    **{
        spec.column: (spec.accepts, About(None, alias=spec.name, description=spec.help))
        for spec in terms.TERM_FIELDS
    },
)
TermBody = Annotated[TermFields, json_body(TermFields)]
EmployeeNr = Annotated[str, Query(alias="employeeNr", description="The employee's EmployeeNr.")]
ValidFrom = Annotated[
    str, Query(alias="validFrom", description="The term's first day, e.g. 2025-06-01.")
]

ADD = """A new term of the employee from `ValidFrom` (required): it ends the term before it
on the day before. Fields not sent are as the term before had them. A term from that date
already is a 409; `ValidFrom` before the hire date or after the end date is a 400. Days
before `ValidFrom` keep the terms they had."""


@router.get("", response_model=list[terms.TermView])
def list_terms(
    admin: Admin, store: StoreDep, now: Now, employee_nr: EmployeeNr
) -> list[terms.TermView]:
    """The employee's terms, oldest first; `current` marks the one valid today."""
    return terms.list_terms(store, admin.company_id, employee_nr, now)


@router.post(
    "",
    response_model=terms.TermView,
    status_code=201,
    summary="Add a term from a date",
    description=ADD,
    openapi_extra=documented(TermFields),
)
def add_term(
    admin: Admin, store: StoreDep, now: Now, employee_nr: EmployeeNr, body: TermBody
) -> Any:
    return terms.add_term(
        store, admin.company_id, employee_nr, body.given(), now, actor=admin.actor
    )


@router.patch(
    "",
    response_model=terms.TermView,
    summary="Change the term from a date",
    description="Only the fields sent change; the date itself cannot (add a term instead).",
    openapi_extra=documented(TermFields),
)
def change_term(
    admin: Admin,
    store: StoreDep,
    now: Now,
    employee_nr: EmployeeNr,
    valid_from: ValidFrom,
    body: TermBody,
) -> Any:
    return terms.change_term(
        store, admin.company_id, employee_nr, valid_from, body.given(), now, actor=admin.actor
    )
