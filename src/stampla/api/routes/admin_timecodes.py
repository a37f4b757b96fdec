"""/Admin/TimeCodes: attendance and absence time codes (Staff > Settings > Time)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from stampla.service import masterdata as md
from stampla.service.csv_import import ImportOptions, ImportReport

from ..deps import Now, SettingsDep, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, Admin
from .admin_import import (
    DESCRIPTION,
    IMPORT_BODY,
    Delimiter,
    Encoding,
    FileName,
    SkipInvalid,
    run_csv_import,
)
from .admin_models import TimeCodeFields

router = APIRouter(prefix="/Admin", tags=["Admin: time codes"], responses=ADMIN_ERRORS)

TimeCodeFieldsBody = Annotated[TimeCodeFields, json_body(TimeCodeFields)]

Code = Annotated[str, Query(alias="code", description="The code, as punches send it.")]
Kind = Annotated[str | None, Query(description="attendance or absence.")]


@router.get("/TimeCodes", response_model=list[md.TimeCodeView], summary="List time codes")
def list_time_codes(
    admin: Admin,
    store: StoreDep,
    kind: Kind = None,
    active: Annotated[bool | None, Query(description="Only active or inactive ones.")] = None,
) -> list[md.TimeCodeView]:
    return md.list_time_codes(store, admin.company_id, kind=kind, active=active)


@router.post(
    "/TimeCodes",
    response_model=md.TimeCodeView,
    status_code=201,
    summary="Add a time code",
    openapi_extra=documented(TimeCodeFields),
)
def add_time_code(
    admin: Admin, store: StoreDep, now: Now, time_code: TimeCodeFieldsBody
) -> md.TimeCodeView:
    return md.add_time_code(store, admin.company_id, time_code.given(), now, actor=admin.actor)


@router.patch(
    "/TimeCodes",
    response_model=md.TimeCodeView,
    summary="Change a time code",
    openapi_extra=documented(TimeCodeFields),
)
def update_time_code(
    admin: Admin,
    store: StoreDep,
    now: Now,
    code: Code,
    time_code: TimeCodeFieldsBody,
) -> md.TimeCodeView:
    given = time_code.given()
    return md.update_time_code(store, admin.company_id, code, given, now, actor=admin.actor)


@router.post(
    "/TimeCodes/Deactivate",
    response_model=md.TimeCodeView,
    summary="Deactivate a time code",
    description="Stored punches stay valid and visible; new punches are refused as inactive.",
)
def deactivate_time_code(admin: Admin, store: StoreDep, now: Now, code: Code) -> md.TimeCodeView:
    return md.set_time_code_active(store, admin.company_id, code, False, now, actor=admin.actor)


@router.post(
    "/TimeCodes/Activate", response_model=md.TimeCodeView, summary="Activate a time code again"
)
def activate_time_code(admin: Admin, store: StoreDep, now: Now, code: Code) -> md.TimeCodeView:
    return md.set_time_code_active(store, admin.company_id, code, True, now, actor=admin.actor)


@router.post(
    "/TimeCodes/Import",
    response_model=ImportReport,
    summary="Import time codes from CSV, upserting by code",
    description=DESCRIPTION + "\n\n`kind` is the kind of rows whose file says neither.",
    openapi_extra=IMPORT_BODY,
)
async def import_time_codes(
    request: Request,
    admin: Admin,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    kind: Kind = None,
    skip_invalid: SkipInvalid = False,
    encoding: Encoding = None,
    delimiter: Delimiter = None,
    file_name: FileName = None,
) -> ImportReport:
    options = ImportOptions(
        skip_invalid=skip_invalid,
        encoding=encoding,
        delimiter=delimiter,
        file_name=file_name,
        kind=kind,
    )
    return await run_csv_import(request, admin, store, settings, now, "timecodes", options)
