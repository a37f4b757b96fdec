"""An employee's kiosk PIN and badge, set and cleared by an admin from the pages.

The same service as ``stampla device kiosk-pin`` / ``stampla device badge``
(``service.devices.kiosk_access``): PINs are stored hashed and never shown, a badge number is
unique in the company, and every change is audited as ``web:<user name>``.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stampla.errors import Conflict, InvalidInput
from stampla.service.devices import kiosk_access
from stampla.service.roles import Permission
from stampla.service.web_sessions import WebSession

from ..deps import Now, StoreDep, requires
from ..render import PREFIX, render

router = APIRouter()

Admin = Annotated[WebSession, requires(Permission.MANAGE_REGISTERS)]
AdminForm = Annotated[WebSession, requires(Permission.MANAGE_REGISTERS, form=True)]
Action = Literal["set_pin", "clear_pin", "set_badge", "clear_badge"]


@router.get("/employees/{employee_nr}/kiosk")
def kiosk_access_form(
    request: Request, session: Admin, store: StoreDep, employee_nr: str, saved: str = ""
) -> HTMLResponse:
    """Whether the employee has a PIN, their badge, and the forms to change them."""
    access = kiosk_access.access_of(store, session.company_id, employee_nr)
    return render(request, "employee_kiosk.html", {"access": access, "saved": saved})


@router.post("/employees/{employee_nr}/kiosk")
def kiosk_access_submit(
    request: Request,
    session: AdminForm,
    store: StoreDep,
    now: Now,
    employee_nr: str,
    action: Annotated[Action, Form()],
    pin: Annotated[str, Form(max_length=50)] = "",
    badge: Annotated[str, Form(max_length=50)] = "",
) -> Response:
    """Change one thing, then show the page again (a redirect); or what was refused, 400."""
    actor = f"web:{session.user_name}"
    company_id = session.company_id
    try:
        if action in ("set_pin", "clear_pin"):
            given = pin.strip() if action == "set_pin" else None
            kiosk_access.set_pin(store, company_id, employee_nr, given, now, actor)
        else:
            given = badge.strip() if action == "set_badge" else None
            kiosk_access.set_badge(store, company_id, employee_nr, given, now, actor)
    except (InvalidInput, Conflict) as error:
        access = kiosk_access.access_of(store, company_id, employee_nr)
        context = {"access": access, "saved": "", "error": error, "badge": badge}
        status = 409 if isinstance(error, Conflict) else 400
        return render(request, "employee_kiosk.html", context, status)
    target = f"{PREFIX}/employees/{quote(employee_nr, safe='')}/kiosk?saved={action}"
    return RedirectResponse(target, status_code=303)
