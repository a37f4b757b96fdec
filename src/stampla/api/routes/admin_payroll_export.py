"""/Admin/PayrollExport: export day rows to payroll (PAXml 2.0 or CSV), and download a run.

Needs the export permission (payroll and admin). ``Preview: true`` answers the totals and
records nothing; otherwise the run is recorded with its file, which ``GET …/{id}`` returns
byte for byte (``?file=false``: the run's record as JSON instead).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import Field

from stampla.errors import InvalidInput, Problem
from stampla.service import export as service
from stampla.service.roles import Permission

from ..deps import Now, SettingsDep, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, AdminActor, AdminOrStaff
from .admin_models import AdminInput

router = APIRouter(
    prefix="/Admin/PayrollExport", tags=["Admin: payroll export"], responses=ADMIN_ERRORS
)


class PayrollExportNew(AdminInput):
    format: str | None = Field(None, alias="Format", description="paxml, csv or csv-utf8.")
    date_from: str | None = Field(None, alias="DateFrom", description="e.g. 2025-05-01.")
    date_to: str | None = Field(None, alias="DateTo", description="e.g. 2025-05-31, inclusive.")
    employee_nrs: list[str] | None = Field(
        None, alias="EmployeeNrs", description="Left out: every employee."
    )
    preview: bool = Field(False, alias="Preview", description="Totals only; records no run.")


ExportBody = Annotated[PayrollExportNew, json_body(PayrollExportNew)]


def _date(value: str | None, field: str) -> date:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        raise InvalidInput(
            f"{field} is not a date", [Problem("is a date such as 2025-05-31", field)]
        ) from None


@router.post(
    "",
    response_model=service.ExportRunView,
    summary="Export to payroll, or preview the totals",
    openapi_extra=documented(PayrollExportNew),
)
def post_export(
    admin: AdminOrStaff,
    actor: AdminActor,
    store: StoreDep,
    now: Now,
    settings: SettingsDep,
    body: ExportBody,
) -> service.ExportRunView:
    actor.require(Permission.EXPORT)
    request = service.ExportRequest(
        (body.format or "paxml").strip().lower(),
        _date(body.date_from, "DateFrom"),
        _date(body.date_to, "DateTo"),
        tuple(body.employee_nrs) if body.employee_nrs is not None else None,
    )
    if body.preview:
        return service.preview(store, admin.company_id, request, now, settings).view
    return service.export(store, admin.company_id, request, now, settings, actor=actor).view


@router.get("/{run_id}", summary="A recorded run's file, byte for byte (or its record)")
def get_export(
    admin: AdminOrStaff,
    actor: AdminActor,
    store: StoreDep,
    run_id: int,
    file: Annotated[bool, Query(description="false: the run's record as JSON.")] = True,
) -> Response:
    actor.require(Permission.EXPORT)
    view, content = service.run_file(store, admin.company_id, run_id)
    if not file:
        return Response(view.model_dump_json(), media_type="application/json")
    media = service.FORMATS[view.format][1]
    headers = {"Content-Disposition": f'attachment; filename="{view.file_name}"'}
    return Response(content, media_type=media, headers=headers)
