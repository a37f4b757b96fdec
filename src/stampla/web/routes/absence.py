"""Registering and cancelling absence from the attest day panel, through ``service.absence``.

The panel's forms post here with the session's CSRF token; a change is audited as
``web:<user name>``. On success the browser goes back to the page it came from (the attest
table, whose row now shows the absence, or the day's own page); a refusal shows the day's
page with the form as sent and what is wrong, with its 4xx status.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel

from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.http.errors import status_of
from stampla.http.params import parse_date
from stampla.service import absence
from stampla.service.attest_view import day_detail
from stampla.service.roles import Permission
from stampla.service.web_sessions import WebSession

from ..deps import Dates, Now, SettingsDep, StoreDep, requires
from ..forms import LABELS
from ..render import PREFIX, render

router = APIRouter()


class AbsenceForm(BaseModel):
    employeeNr: str  # noqa: N815 - the API's names
    date: str
    TimeCode: str = ""  # noqa: N815
    LastDate: str = ""  # noqa: N815
    Extent: str = "FullDay"  # noqa: N815
    Percent: str = ""  # noqa: N815
    From: str = ""  # noqa: N815
    To: str = ""  # noqa: N815
    Note: str = ""  # noqa: N815
    back: str = ""


class CancelForm(BaseModel):
    employeeNr: str  # noqa: N815
    date: str
    id: str
    back: str = ""


def day_url(employee_nr: str, day: str) -> str:
    return f"{PREFIX}/attest/day?" + urlencode({"employeeNr": employee_nr, "date": day})


def _back(back: str, employee_nr: str, day: str) -> str:
    """Where to go after a change: the attest page or day page it came from (only those:
    never another site), else the day's page."""
    parts = urlsplit(back)
    allowed = (f"{PREFIX}/attest",)
    if not parts.scheme and not parts.netloc and parts.path.startswith(allowed):
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return day_url(employee_nr, day)


@router.post("/attest/day/absence")
def register_absence(
    request: Request,
    session: Annotated[WebSession, requires(Permission.CORRECT, form=True)],
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    dates: Dates,
    form: Annotated[AbsenceForm, Form()],
) -> Response:
    if not form.Note.strip():  # the panel's registrations are corrections of the day too
        error = InvalidInput(
            "Registering absence from the day panel needs a reason",
            [Problem("is required", "Note")],
        )
        return _refused(request, session, store, settings, now, dates, form, error)
    # Everything as sent: a per cent typed beside "Full day" is refused, not dropped.
    given = {
        "employee_nr": form.employeeNr,
        "time_code": form.TimeCode,
        "first_date": form.date,
        "last_date": form.LastDate or None,
        "extent": form.Extent,
        "percent": form.Percent,
        "start": form.From,
        "stop": form.To,
        "note": form.Note.strip(),
    }
    try:
        absence.register_absence(
            store,
            session.company_id,
            given,
            now,
            window=dates,
            actor=f"web:{session.user_name}",
        )
    except (InvalidInput, Conflict, NotFound) as error:
        return _refused(request, session, store, settings, now, dates, form, error)
    return RedirectResponse(_back(form.back, form.employeeNr, form.date), status_code=303)


@router.post("/attest/day/absence/cancel")
def cancel_absence(
    request: Request,
    session: Annotated[WebSession, requires(Permission.CORRECT, form=True)],
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    dates: Dates,
    form: Annotated[CancelForm, Form()],
) -> Response:
    try:
        absence.cancel_absence(
            store, session.company_id, form.id, now, actor=f"web:{session.user_name}"
        )
    except (InvalidInput, Conflict, NotFound) as error:
        return _refused(request, session, store, settings, now, dates, None, error, form)
    return RedirectResponse(_back(form.back, form.employeeNr, form.date), status_code=303)


def _refused(
    request: Request,
    session: WebSession,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    dates: Dates,
    sent: AbsenceForm | None,
    error: InvalidInput | Conflict | NotFound,
    cancel: CancelForm | None = None,
) -> Response:
    """The day's page with the form as sent and the refusal."""
    named = sent or cancel
    assert named is not None
    back = _back(named.back, named.employeeNr, named.date)
    context = {
        "labels": LABELS,
        "employee_nr": named.employeeNr,
        "date": named.date,
        "back": back,
    }
    try:
        day = parse_date(named.date, "date", dates)
        detail = day_detail(
            store, session.company_id, named.employeeNr, day, now, max_future=settings.max_future
        )
        offered = absence.day_absence(store, session.company_id, named.employeeNr, day)
    except (InvalidInput, NotFound) as unreadable:
        return render(request, "day_page.html", {**context, "error": unreadable}, 400)
    shown = {
        **context,
        "detail": detail,
        "day_absence": offered,
        "absence_error": error,
        "absence_sent": sent,
    }
    return render(request, "day_page.html", shown, status_of(error))
