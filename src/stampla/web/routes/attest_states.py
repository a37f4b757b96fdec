"""Attest states on the pages: bulk attest/approve/un-attest from the attest page (with a
confirmation that says how many days move and which are skipped and why), and the *Late
punches* list with reopen and dismiss (``service.attest``)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel

from stampla.errors import Conflict, InvalidInput, NotFound
from stampla.http.errors import status_of
from stampla.http.params import parse_date
from stampla.service.attest.locks import dismiss_late_punch, late_punches
from stampla.service.attest.states import read_config
from stampla.service.attest.transitions import TransitionRequest, transition_days
from stampla.service.roles import Permission

from ..deps import Dates, Now, SettingsDep, StoreDep, WebSession, requires
from ..render import PREFIX, render

router = APIRouter()

Attesting = Annotated[WebSession, requires(Permission.ATTEST, form=True)]
Viewing = Annotated[WebSession, requires(Permission.VIEW)]
Dismissing = Annotated[WebSession, requires(Permission.DISMISS_LATE, form=True)]


class TransitionForm(BaseModel):
    employees: str = ""
    dateFrom: str  # noqa: N815 - the API's names
    dateTo: str  # noqa: N815
    toState: str  # noqa: N815
    reason: str = ""
    override: str = ""
    confirm: str = ""
    #: The attest page's query string the form came from (month and filters), to go back to.
    view: str = ""


class DismissForm(BaseModel):
    punchId: int  # noqa: N815
    reason: str = ""


class ReopenForm(BaseModel):
    employeeNr: str  # noqa: N815
    date: str
    reason: str = ""


def _attest_url(form: TransitionForm) -> str:
    if form.view and not set(form.view) & set("/\\:#\r\n"):  # a query string, nothing else
        return f"{PREFIX}/attest?{form.view}"
    query = {"dateFrom": form.dateFrom, "dateTo": form.dateTo}
    if form.employees:
        query["employees"] = form.employees
    return f"{PREFIX}/attest?" + urlencode(query)


@router.post("/attest/transition")
def transition(
    request: Request,
    session: Attesting,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    dates: Dates,
    form: Annotated[TransitionForm, Form()],
) -> Response:
    """Without ``confirm``: what would happen (nothing written); with it: the moves."""
    nrs = [nr.strip() for nr in form.employees.split(",") if nr.strip()] or None
    context = {"form": form, "back": _attest_url(form), "report": None, "done": False}
    try:
        request_ = TransitionRequest(
            parse_date(form.dateFrom, "dateFrom", dates),
            parse_date(form.dateTo, "dateTo", dates),
            form.toState,
            nrs,
            form.reason or None,
            bool(form.override),
        )
        report = transition_days(
            store,
            session.company_id,
            session.actor,
            request_,
            now,
            max_days=settings.max_read_days,
            max_future=settings.max_future,
            daily_rest=settings.daily_rest,
            dry_run=not form.confirm,
        )
    except InvalidInput as error:
        return render(
            request, "attest_transition.html", {**context, "error": error}, status_of(error)
        )
    context.update(report=report, done=bool(form.confirm))
    return render(request, "attest_transition.html", context)


@router.get("/attest/late-punches")
def late_punches_page(
    request: Request, session: Viewing, store: StoreDep, dismissed: str | None = None
) -> HTMLResponse:
    found = late_punches(store, session.company_id, include_dismissed=bool(dismissed))
    config = read_config(store, session.company_id)
    context = {
        "punches": found,
        "dismissed": bool(dismissed),
        "initial": config.initial,
        "zone": session.time_zone,
    }
    return render(request, "late_punches.html", context)


@router.post("/attest/late-punches/dismiss")
def dismiss(
    request: Request,
    session: Dismissing,
    store: StoreDep,
    now: Now,
    form: Annotated[DismissForm, Form()],
) -> Response:
    try:
        dismiss_late_punch(store, session.company_id, session.actor, form.punchId, form.reason, now)
    except (InvalidInput, NotFound, Conflict) as error:
        return _late_refused(request, session, store, error)
    return RedirectResponse(f"{PREFIX}/attest/late-punches", status_code=303)


@router.post("/attest/late-punches/reopen")
def reopen(
    request: Request,
    session: Annotated[WebSession, requires(Permission.REOPEN, form=True)],
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    dates: Dates,
    form: Annotated[ReopenForm, Form()],
) -> Response:
    """Reopen the day of a late punch: back to the initial state, recomputed."""
    try:
        day = parse_date(form.date, "date", dates)
        initial = read_config(store, session.company_id).initial
        transition_days(
            store,
            session.company_id,
            session.actor,
            TransitionRequest(day, day, initial.code, [form.employeeNr], form.reason or None),
            now,
            max_days=settings.max_read_days,
            max_future=settings.max_future,
            daily_rest=settings.daily_rest,
        )
    except InvalidInput as error:
        return _late_refused(request, session, store, error)
    return RedirectResponse(f"{PREFIX}/attest/late-punches", status_code=303)


def _late_refused(
    request: Request, session: WebSession, store: StoreDep, error: Exception
) -> HTMLResponse:
    found = late_punches(store, session.company_id)
    config = read_config(store, session.company_id)
    context = {
        "punches": found,
        "dismissed": False,
        "initial": config.initial,
        "zone": session.time_zone,
        "error": error,
    }
    return render(request, "late_punches.html", context, status_of(error))
