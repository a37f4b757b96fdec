"""An employee's schedule: the planned week, Monday to Sunday, as attest plans it.

Read-only: templates, assignments and overrides are set with ``stampla schedule …`` or the
/Admin API, which record every change in the audit trail.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from stampla.http.params import parse_date
from stampla.service.schedules import schedule_week

from ..deps import Dates, Now, SignedIn, StoreDep
from ..labels import FIELD_LABELS
from ..pages import form_page

router = APIRouter()

LABELS = FIELD_LABELS


@router.get("/employees/{employee_nr}/schedule")
def employee_schedule(
    request: Request,
    session: SignedIn,
    store: StoreDep,
    now: Now,
    dates: Dates,
    employee_nr: str,
    week: str = "",
) -> HTMLResponse:
    """The week that holds ``week`` (default: this week, in the company's zone); a bad date
    is a 400 and an unknown employee a 404, on the page."""

    def load() -> dict:
        wanted = week.strip()
        day = (
            parse_date(wanted, "week", dates)
            if wanted
            else now.astimezone(session.time_zone).date()
        )
        found = schedule_week(store, session.company_id, employee_nr, day)
        return {"week": found, "week_text": found.monday.isoformat()}

    context = {
        "employee_nr": employee_nr,
        "week_text": week,
        "window": dates,
        "labels": LABELS,
    }
    return form_page(request, "employee_schedule.html", context, load, empty={"week": None})
