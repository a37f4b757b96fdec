"""Attest time (Staff > Time > Attest time): day rows per employee, and a day in full."""

from __future__ import annotations

import dataclasses
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from stampla.domain.text import match_key
from stampla.http.params import parse_date
from stampla.service import absence, corrections
from stampla.service.attest.states import read_config
from stampla.service.attest_view import attest_overview, day_detail, is_problem
from stampla.service.staff_scope import employee_nrs_in_scope, ensure_in_scope

from ..deps import Dates, Now, SettingsDep, SignedIn, StoreDep
from ..forms import LABELS, MAX_DAYS, RangeForm
from ..pages import form_page

router = APIRouter()

#: Day rows one page shows at most (whole employees); the page says when it stopped.
MAX_ROWS = 5_000


@router.get("/attest")
def attest_page(
    request: Request,
    session: SignedIn,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    dates: Dates,
    dateFrom: str | None = None,  # noqa: N803 - the API's parameter names
    dateTo: str | None = None,  # noqa: N803
    employees: str | None = None,
    includeEmpty: str | None = None,  # noqa: N803
) -> HTMLResponse:
    form = RangeForm.read(dateFrom, dateTo, employees, includeEmpty, session.time_zone, now, dates)
    max_future = settings.max_future

    def load() -> dict:
        overview = attest_overview(
            store,
            session.company_id,
            form.attest_query(),
            now,
            max_days=settings.max_read_days,
            max_future=max_future,
            max_rows=MAX_ROWS,
            daily_rest=settings.daily_rest,
        )
        # A scoped attestant sees only their own employees.
        scope = session.actor.scope
        allowed = employee_nrs_in_scope(store, session.company_id, scope, form.dates()[1])
        if allowed is not None:
            keys = {match_key(nr) for nr in allowed}
            mine = [e for e in overview.employees if match_key(e.employee_nr) in keys]
            overview = dataclasses.replace(overview, employees=mine)
        return {"overview": overview, "attest_states": read_config(store, session.company_id)}

    context = {"form": form, "labels": LABELS, "max_days": MAX_DAYS, "is_problem": is_problem}
    return form_page(request, "attest.html", context, load, empty={"overview": None})


@router.get("/attest/day")
def attest_day(
    request: Request,
    session: SignedIn,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    dates: Dates,
    employeeNr: str,  # noqa: N803
    date: str,
) -> HTMLResponse:
    """The day's punches, spans and warnings: a fragment for htmx, a whole page otherwise."""
    partial = bool(request.headers.get("hx-request"))
    template = "day_detail.html" if partial else "day_page.html"

    def load() -> dict:
        day = parse_date(date, "date", dates)
        ensure_in_scope(store, session.company_id, session.actor, [employeeNr], day)
        detail = day_detail(
            store,
            session.company_id,
            employeeNr,
            day,
            now,
            max_future=settings.max_future,
            daily_rest=settings.daily_rest,
        )
        offered = absence.day_absence(store, session.company_id, detail.employee_nr, day)
        activity = corrections.day_activity(store, session.company_id, detail.employee_nr, day)
        return {"detail": detail, "day_absence": offered, "activity": activity}

    # The panel's forms come back to the page that shows it: the attest table, or this page.
    back = urlsplit(request.headers.get("hx-current-url", "")) if partial else request.url
    context = {
        "labels": LABELS,
        "employee_nr": employeeNr,
        "date": date,
        "back": back.path + (f"?{back.query}" if back.query else ""),
    }
    return form_page(request, template, context, load, empty={"detail": None})
