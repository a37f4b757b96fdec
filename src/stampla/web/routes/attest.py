"""Attest time (Staff > Time > Attest time): day rows per employee, and a day in full."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from stampla.http.params import parse_date
from stampla.service import absence, corrections
from stampla.service import masterdata as md
from stampla.service.attest.states import read_config
from stampla.service.attest_view import day_detail, is_problem
from stampla.service.attest_worklist import work_list
from stampla.service.staff_scope import ensure_in_scope

from ..deps import Dates, Now, SettingsDep, SignedIn, StoreDep
from ..forms import LABELS, MAX_DAYS
from ..pages import form_page
from ..worklist_form import WorkListForm

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
    month: str | None = None,
    dateFrom: str | None = None,  # noqa: N803 - the API's parameter names
    dateTo: str | None = None,  # noqa: N803
    employees: str | None = None,
    includeEmpty: str | None = None,  # noqa: N803
    only: Annotated[list[str] | None, Query()] = None,
    search: str | None = None,
    level: str | None = None,
    account: str | None = None,
) -> HTMLResponse:
    """The work list: a month (or range) of day rows, filtered, with totals."""
    form = WorkListForm.read(
        month=month,
        date_from=dateFrom,
        date_to=dateTo,
        employees=employees,
        include_empty=includeEmpty,
        only=only,
        search=search,
        level=level,
        account=account,
        zone=session.time_zone,
        now=now,
        window=dates,
    )

    def load() -> dict:
        overview = work_list(
            store,
            session.company_id,
            session.actor.scope,
            form.work_list(),
            form.attest_query(),
            now,
            max_days=settings.max_read_days,
            max_future=settings.max_future,
            max_rows=MAX_ROWS,
            daily_rest=settings.daily_rest,
            atl_limits=settings.atl_limits,
        )
        return {"overview": overview, "attest_states": read_config(store, session.company_id)}

    context = {
        "form": form,
        "labels": LABELS,
        "max_days": MAX_DAYS,
        "is_problem": is_problem,
        "levels": md.list_coding_levels(store, session.company_id),
    }
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
            atl_limits=settings.atl_limits,
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
