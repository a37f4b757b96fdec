"""Changing an employee from the pages, through the same service as the CLI and /Admin.

``masterdata.update_employee`` checks every value and records the change in the audit trail
(actor ``web:<user name>``); this module only turns the form into its raw values and shows
what the service refused, field by field, on the form as it was sent.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel

from stampla.errors import InvalidInput
from stampla.service import masterdata as md
from stampla.service.masterdata import EmployeeView

from ..deps import Now, Protected, SignedIn, StoreDep
from ..render import PREFIX, render

router = APIRouter()

#: Form field (the API's name) -> column, for every field a person may change here.
FIELDS = {
    "FirstName": "first_name",
    "LastName": "last_name",
    "ExternalCode": "external_code",
    "TimeAgreement": "time_agreement",
    "EmploymentPosition": "employment_position",
    "EmploymentRate": "employment_rate",
    "WeeklyHours": "weekly_minutes",
}


class EmployeeForm(BaseModel):
    """The edit form as posted: text as typed; an unticked Active box is not sent at all."""

    FirstName: str = ""
    LastName: str = ""
    ExternalCode: str = ""
    TimeAgreement: str = ""
    EmploymentPosition: str = ""
    EmploymentRate: str = ""
    WeeklyHours: str = ""
    Active: str | None = None

    def given(self) -> dict[str, str | bool]:
        """Raw values by column, as the service reads them (blank clears a field)."""
        values: dict[str, str | bool] = {
            column: getattr(self, name) for name, column in FIELDS.items()
        }
        values["active"] = self.Active is not None
        return values

    def shown(self) -> dict[str, str | bool]:
        return {**{name: getattr(self, name) for name in FIELDS}, "Active": self.Active is not None}


def _values(employee: EmployeeView) -> dict[str, str | bool]:
    rate = employee.employment_rate
    return {
        "FirstName": employee.first_name,
        "LastName": employee.last_name,
        "ExternalCode": employee.external_code or "",
        "TimeAgreement": employee.time_agreement or "",
        "EmploymentPosition": employee.employment_position or "",
        "EmploymentRate": f"{rate:.2f}" if rate is not None else "",
        "WeeklyHours": employee.weekly_hours or "",
        "Active": employee.active,
    }


@router.get("/employees/{employee_nr}/edit")
def edit_employee_form(
    request: Request, session: SignedIn, store: StoreDep, employee_nr: str, saved: str = ""
) -> HTMLResponse:
    """The form, filled in with what is stored (an unknown Employee ID is a 404 page)."""
    employee = md.get_employee(store, session.company_id, employee_nr)
    context = {"employee_nr": employee.employee_nr, "values": _values(employee), "saved": saved}
    return render(request, "employee_edit.html", {**context, "problems": {}})


@router.post("/employees/{employee_nr}/edit")
def edit_employee_submit(
    request: Request,
    session: Protected,
    store: StoreDep,
    now: Now,
    employee_nr: str,
    form: Annotated[EmployeeForm, Form()],
) -> Response:
    """Save and show the form again (a redirect, so a reload does not post twice); or the
    form as sent with each refused field's reason, and 400."""
    try:
        md.update_employee(
            store,
            session.company_id,
            employee_nr,
            form.given(),
            now,
            actor=f"web:{session.user_name}",
        )
    except InvalidInput as error:
        problems = {p.field: p.message for p in error.problems if p.field}
        context = {"employee_nr": employee_nr, "values": form.shown(), "saved": ""}
        return render(
            request, "employee_edit.html", {**context, "problems": problems, "error": error}, 400
        )
    target = f"{PREFIX}/employees/{quote(employee_nr, safe='')}/edit?saved=1"
    return RedirectResponse(target, status_code=303)
