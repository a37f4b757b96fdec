"""Changing an employee from the pages, through the same service as the CLI and /Admin.

``masterdata.update_employee`` checks every value and records the change in the audit trail
(actor ``web:<user name>``); the form's fields come from the register's declaration
(``register_form``), and this module shows what the service refused, field by field, on the
form as it was sent.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stampla.errors import InvalidInput
from stampla.service import masterdata as md
from stampla.service.masterdata import terms
from stampla.service.roles import Permission
from stampla.service.web_sessions import WebSession

from ..deps import Now, SignedIn, StoreDep, requires
from ..register_form import RegisterForm
from ..render import PREFIX, render

router = APIRouter()

#: Every field a person may change here, as the Employees register declares it.
FORM = RegisterForm(md.EMPLOYEE)
EmployeeForm = FORM.model


@router.get("/employees/{employee_nr}/edit")
def edit_employee_form(
    request: Request,
    session: SignedIn,
    store: StoreDep,
    now: Now,
    employee_nr: str,
    saved: str = "",
) -> HTMLResponse:
    """The form, filled in with what is stored (an unknown Employee ID is a 404 page)."""
    stored = md.employees.stored(store, session.company_id, employee_nr)
    context = {
        "employee_nr": stored["employee_nr"],
        "fields": FORM.fields(),
        "values": FORM.values(stored),
        "saved": saved,
        "terms": terms.list_terms(store, session.company_id, stored["employee_nr"], now),
    }
    return render(request, "employee_edit.html", {**context, "problems": {}})


@router.post("/employees/{employee_nr}/edit")
def edit_employee_submit(
    request: Request,
    session: Annotated[WebSession, requires(Permission.MANAGE_REGISTERS, form=True)],
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
            FORM.given(form),
            now,
            actor=f"web:{session.user_name}",
        )
    except InvalidInput as error:
        problems = {p.field: p.message for p in error.problems if p.field}
        context = {
            "employee_nr": employee_nr,
            "fields": FORM.fields(),
            "values": FORM.shown(form),
            "saved": "",
            "terms": terms.list_terms(store, session.company_id, employee_nr, now),
        }
        return render(
            request, "employee_edit.html", {**context, "problems": problems, "error": error}, 400
        )
    target = f"{PREFIX}/employees/{quote(employee_nr, safe='')}/edit?saved=1"
    return RedirectResponse(target, status_code=303)
