"""/Admin/Company and /Admin/Audit: the admin key's own company and its audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from stampla.service import masterdata as md
from stampla.service.audit import AuditPage, list_events

from ..deps import Now, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, Admin
from .admin_models import CompanyChange

router = APIRouter(prefix="/Admin", tags=["Admin: company"], responses=ADMIN_ERRORS)

CompanyChangeBody = Annotated[CompanyChange, json_body(CompanyChange)]


@router.get("/Company", response_model=md.CompanyView, summary="The admin key's company")
def get_company(admin: Admin, store: StoreDep) -> md.CompanyView:
    return md.show_company(store, admin.company_id)


@router.patch(
    "/Company",
    response_model=md.CompanyView,
    summary="Rename the company or change its time zone",
    description="The time zone can change only while the company has no punches: every "
    "stored punch's local date was derived from it.",
    openapi_extra=documented(CompanyChange),
)
def change_company(
    admin: Admin, store: StoreDep, now: Now, change: CompanyChangeBody
) -> md.CompanyView:
    return md.update_company(
        store,
        admin.company_id,
        now,
        name=change.name,
        time_zone=change.time_zone,
        org_nr=change.org_nr,
        actor=admin.actor,
    )


@router.post(
    "/Company/RotateKey",
    response_model=md.CreatedCompany,
    summary="Issue a new companyApiKey; the old key and every token under it stop at once",
    description="For a key that may have leaked. The new key is in this answer only; every "
    "integration of the company needs it, and logs in again. The admin key keeps working.",
)
def rotate_company_key(admin: Admin, store: StoreDep, now: Now) -> md.CreatedCompany:
    return md.rotate_company_key(store, admin.company_id, now, actor=admin.actor)


@router.get(
    "/Audit",
    response_model=AuditPage,
    summary="The audit trail",
    description="Every change to master data and credentials: when, who, what, old → new. "
    "The newest `limit` events since `since`, oldest first.",
)
def get_audit(
    admin: Admin,
    store: StoreDep,
    now: Now,
    since: Annotated[
        str | None,
        Query(description="A date or date-time (company-local), or a period back: 7d, 12h."),
    ] = None,
    entity: Annotated[str | None, Query(description="Only one kind, e.g. employee.")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
) -> AuditPage:
    return list_events(store, admin.company_id, now, since=since, entity=entity, limit=limit)
