"""The Payroll export page: period, employees, format → preview of the totals → download.

Preview and export go through ``service.export`` as the CLI and /Admin do: the same file,
the same checks (a code without a mapping, an account number too long for PAXml, a file the
schema refuses: nothing is written) and the same run records. Earlier runs are listed to
download again, byte for byte. Needs the export permission (payroll and admin).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stampla.errors import InvalidInput, Problem, StamplaError
from stampla.http.errors import status_of
from stampla.service import export as service
from stampla.service.roles import Permission
from stampla.service.web_sessions import WebSession

from ..deps import Now, StoreDep, requires
from ..render import PREFIX, render

router = APIRouter()

Payroll = Annotated[WebSession, requires(Permission.EXPORT)]
PayrollForm = Annotated[WebSession, requires(Permission.EXPORT, form=True)]
FORMAT_LABELS = {
    "paxml": "PAXml 2.0",
    "csv": "CSV (semicolon, Windows-1252)",
    "csv-utf8": "CSV (comma, UTF-8)",
}


def _last_month(today: date) -> tuple[date, date]:
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def _page(request: Request, store, session: WebSession, form: dict, **more) -> HTMLResponse:  # noqa: ANN001
    status = more.pop("status", 200)
    runs = service.list_runs(store, session.company_id, limit=50)
    context = {"form": form, "formats": FORMAT_LABELS, "runs": runs, "preview": None, **more}
    return render(request, "payroll_export.html", context, status)


@router.get("/payroll-export")
def export_page(request: Request, session: Payroll, store: StoreDep, now: Now) -> HTMLResponse:
    first, last = _last_month(now.astimezone(session.time_zone).date())
    form = {"date_from": first.isoformat(), "date_to": last.isoformat(), "employees": "",
            "format": "paxml"}  # fmt: skip
    return _page(request, store, session, form)


def _request(form: dict) -> service.ExportRequest:
    def day(field: str, label: str) -> date:
        try:
            return date.fromisoformat(form[field].strip())
        except ValueError:
            raise InvalidInput(f"{label} is not a date", [Problem("is a date", label)]) from None

    nrs = tuple(nr.strip() for nr in form["employees"].split(",") if nr.strip())
    return service.ExportRequest(
        form["format"], day("date_from", "From"), day("date_to", "To"), nrs or None
    )


@router.post("/payroll-export")
def export_post(
    request: Request,
    session: PayrollForm,
    store: StoreDep,
    now: Now,
    date_from: Annotated[str, Form()] = "",
    date_to: Annotated[str, Form()] = "",
    employees: Annotated[str, Form()] = "",
    format: Annotated[str, Form()] = "paxml",
    action: Annotated[str, Form()] = "preview",
) -> Response:
    """``action=preview``: the totals, nothing recorded; ``action=export``: the run is
    recorded and its file downloads."""
    form = {"date_from": date_from, "date_to": date_to, "employees": employees, "format": format}
    settings = request.app.state.settings
    try:
        wanted = _request(form)
        if action != "export":
            built = service.preview(store, session.company_id, wanted, now, settings)
            return _page(request, store, session, form, preview=built.view)
        built = service.export(
            store, session.company_id, wanted, now, settings, actor=session.actor
        )
    except StamplaError as error:
        return _page(request, store, session, form, error=error, status=status_of(error))
    return RedirectResponse(f"{PREFIX}/payroll-export/runs/{built.view.id}", status_code=303)


@router.get("/payroll-export/runs/{run_id}")
def export_file(session: Payroll, store: StoreDep, run_id: int) -> Response:
    """A run's file exactly as it was written."""
    view, content = service.run_file(store, session.company_id, run_id)
    headers = {"Content-Disposition": f'attachment; filename="{view.file_name}"'}
    return Response(content, media_type=service.FORMATS[view.format][1], headers=headers)
