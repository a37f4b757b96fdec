"""The stored punches of a range, as received: when, from which terminal, with what."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from stampla.service.punch_query import read_punches

from ..deps import Dates, Now, SettingsDep, SignedIn, StoreDep
from ..forms import LABELS, MAX_DAYS, RangeForm
from ..pages import form_page

router = APIRouter()

#: Punches one page shows at most; the page says when there are more.
MAX_ROWS = 5_000


@router.get("/punches")
def punches_page(
    request: Request,
    session: SignedIn,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    dates: Dates,
    dateFrom: str | None = None,  # noqa: N803 - the API's parameter names
    dateTo: str | None = None,  # noqa: N803
    employees: str | None = None,
) -> HTMLResponse:
    form = RangeForm.read(dateFrom, dateTo, employees, None, session.time_zone, now, dates)

    def load() -> dict:
        first, last = form.dates()
        found = read_punches(
            store, session.company_id, first, last, form.employee_nrs(), settings.max_read_days
        )
        return {"punches": found[:MAX_ROWS], "total": len(found)}

    context = {"form": form, "labels": LABELS, "max_days": MAX_DAYS, "max_rows": MAX_ROWS}
    return form_page(request, "punches.html", context, load, empty={"punches": [], "total": 0})
