"""The stored punches of a range, as received: when, from which terminal, with what."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from stampla.service.punch_query import read_punches
from stampla.wire import StoredEntry

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
    superseded: str | None = None,
) -> HTMLResponse:
    """The punches of a range; those corrections superseded are struck through when asked
    for (``superseded=on``), and otherwise counted, so that HR knows they are there."""
    form = RangeForm.read(
        dateFrom, dateTo, employees, None, session.time_zone, now, dates, superseded
    )

    def load() -> dict:
        first, last = form.dates()
        found = read_punches(
            store,
            session.company_id,
            first,
            last,
            form.employee_nrs(),
            settings.max_read_days,
            include_superseded=True,
        )
        replaced = sum(1 for punch in found if punch.superseded)
        if not form.show_superseded:
            found = [punch for punch in found if not punch.superseded]
        return {
            "punches": [StoredEntry.of(*punch) for punch in found[:MAX_ROWS]],
            "total": len(found),
            "current": len(found) - (replaced if form.show_superseded else 0),
            "superseded": replaced,
        }

    context = {"form": form, "labels": LABELS, "max_days": MAX_DAYS, "max_rows": MAX_ROWS}
    empty = {"punches": [], "total": 0, "current": 0, "superseded": 0}
    return form_page(request, "punches.html", context, load, empty=empty)
