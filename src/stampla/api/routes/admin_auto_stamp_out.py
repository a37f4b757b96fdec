"""/Admin/AutoStampOut: the company's auto stamp-out rule (terminals: /Admin/Terminals)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from pydantic import Field

from stampla.service.auto_stamp_out.settings import (
    CompanyRuleView,
    change_company_rule,
    read_company_rule,
)

from ..deps import Now, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, Admin
from .admin_models import AdminInput

router = APIRouter(prefix="/Admin", tags=["Admin: auto stamp-out"], responses=ADMIN_ERRORS)


class AutoStampOutChange(AdminInput):
    auto_stamp_out_at: str | None = Field(
        None,
        alias="AutoStampOutAt",
        description="Local time of day (HH:MM) that ends open sessions, or Off.",
    )
    auto_stamp_out_after: str | None = Field(
        None,
        alias="AutoStampOutAfter",
        description="Shift length (H:MM) after which an open session ends, or Off.",
    )


ChangeBody = Annotated[AutoStampOutChange, json_body(AutoStampOutChange)]


@router.get(
    "/AutoStampOut",
    response_model=CompanyRuleView,
    summary="The company's auto stamp-out rule (null: that part is off)",
)
def get_rule(admin: Admin, store: StoreDep) -> CompanyRuleView:
    return read_company_rule(store, admin.company_id)


@router.patch(
    "/AutoStampOut",
    response_model=CompanyRuleView,
    summary="Change when open sessions get a synthetic Out",
    description="A part left out keeps its value; Off turns it off. A terminal's own "
    "AutoStampOutAt / AutoStampOutAfter (/Admin/Terminals) replace the company's for "
    "sessions begun on it. Audited.",
    openapi_extra=documented(AutoStampOutChange),
)
def change_rule(admin: Admin, store: StoreDep, now: Now, change: ChangeBody) -> CompanyRuleView:
    return change_company_rule(
        store,
        admin.company_id,
        now,
        at=change.auto_stamp_out_at,
        after=change.auto_stamp_out_after,
        actor=admin.actor,
    )
