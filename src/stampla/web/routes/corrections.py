"""Correcting punches from the attest day panel: add a missing punch, change or void one, each
with a reason, through ``service.corrections``.

The panel's forms post here with the session's CSRF token, as a user whose role may correct.
A change form carries the punch's values as shown (``was_*``) and sends the service only the
fields the person changed, so an untouched account keeps its SIE dimension. On success the
browser goes back to the page it came from; a refusal shows the day's page with what is wrong.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel

from stampla.errors import Conflict, InvalidInput, NotFound
from stampla.http.errors import status_of
from stampla.http.params import parse_date
from stampla.service import absence, corrections
from stampla.service.attest_view import day_detail
from stampla.service.roles import Permission
from stampla.service.web_sessions import WebSession

from ..deps import Dates, Now, SettingsDep, StoreDep, requires
from ..forms import LABELS
from ..render import render
from .absence import _back

router = APIRouter()

Corrector = Annotated[WebSession, requires(Permission.CORRECT, form=True)]

#: The change form's fields, by the service's names.
_EDITABLE = ("day", "time", "entry_type", "is_break", "accounts", "time_codes")


class CorrectionForm(BaseModel):
    employeeNr: str  # noqa: N815 - the API's names
    date: str
    kind: str = ""
    punch_id: str = ""
    reason: str = ""
    day: str = ""
    time: str = ""
    entry_type: str = ""
    is_break: str = ""
    accounts: str = ""
    time_codes: str = ""
    was_day: str = ""
    was_time: str = ""
    was_entry_type: str = ""
    was_is_break: str = ""
    was_accounts: str = ""
    was_time_codes: str = ""
    back: str = ""


def _given(form: CorrectionForm) -> dict[str, Any]:
    given: dict[str, Any] = {
        "kind": form.kind,
        "employee_nr": form.employeeNr,
        "reason": form.reason,
    }
    if form.kind != "add":
        given["punch_id"] = form.punch_id
    if form.kind == "void":
        return given
    changed = {
        name
        for name in _EDITABLE
        if form.kind == "add" or getattr(form, name) != getattr(form, f"was_{name}")
    }
    if changed & {"day", "time"}:
        given["time_stamp"] = f"{form.day or form.date}T{form.time}"
    if "entry_type" in changed:
        given["entry_type"] = form.entry_type
    if "is_break" in changed:
        given["is_break"] = form.is_break == "on"
    if "accounts" in changed and (form.kind != "add" or form.accounts.strip()):
        given["accounts"] = form.accounts
        if form.kind == "change":  # one list on the page: it replaces AccountNr too
            given["account_nr"] = None
            given["sie_account_dim"] = None
    if "time_codes" in changed and (form.kind != "add" or form.time_codes.strip()):
        given["time_codes"] = form.time_codes
    return given


@router.post("/attest/day/corrections")
def correct_punch(
    request: Request,
    session: Corrector,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    dates: Dates,
    form: Annotated[CorrectionForm, Form()],
) -> Response:
    limits = corrections.Limits(settings.max_future, settings.earliest_date)
    try:
        corrections.correct(
            store, session.company_id, _given(form), now, limits=limits, actor=session.actor
        )
    except (InvalidInput, Conflict, NotFound) as error:
        return _refused(request, session, store, settings, now, dates, form, error)
    return RedirectResponse(_back(form.back, form.employeeNr, form.date), status_code=303)


def _refused(
    request: Request,
    session: WebSession,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    dates: Dates,
    form: CorrectionForm,
    error: InvalidInput | Conflict | NotFound,
) -> Response:
    """The day's page with the refusal above the punches."""
    back = _back(form.back, form.employeeNr, form.date)
    context = {"labels": LABELS, "employee_nr": form.employeeNr, "date": form.date, "back": back}
    try:
        day = parse_date(form.date, "date", dates)
        detail = day_detail(
            store, session.company_id, form.employeeNr, day, now, max_future=settings.max_future
        )
        offered = absence.day_absence(store, session.company_id, form.employeeNr, day)
        activity = corrections.day_activity(store, session.company_id, form.employeeNr, day)
    except (InvalidInput, NotFound) as unreadable:
        return render(request, "day_page.html", {**context, "error": unreadable}, 400)
    shown = {
        **context,
        "detail": detail,
        "day_absence": offered,
        "activity": activity,
        "correction_error": error,
        "correction_sent": form,
    }
    return render(request, "day_page.html", shown, status_of(error))
