"""/Admin/RuleSets: the time rules (OB, overtime, mertid) of each time agreement.

A version is named by ``agreement`` and ``validFrom``; see ``service.rule_sets`` for why one
that takes effect today or earlier needs ``AllowPast``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from stampla.service import rule_sets

from ..deps import Dates, Now, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, Admin
from .admin_models import RuleSetNew

router = APIRouter(prefix="/Admin/RuleSets", tags=["Admin: time rules"], responses=ADMIN_ERRORS)

RuleSetNewBody = Annotated[RuleSetNew, json_body(RuleSetNew)]
Agreement = Annotated[str, Query(alias="agreement", description="The time agreement.")]
SomeAgreement = Annotated[
    str | None, Query(alias="agreement", description="Only this agreement's versions.")
]
ValidFrom = Annotated[str, Query(alias="validFrom", description="The version's first day.")]
AllowPast = Annotated[
    bool, Query(alias="allowPast", description="Allow removing a version already in effect.")
]

SAVE = """Adds the rule set of `Agreement` from `ValidFrom`, or replaces the version of that
agreement and date (answered 200; a new one 201). It applies until the agreement's next
version. Every time code the rules produce must be an active code of the company. A version
that takes effect today or earlier would change days already worked: it is a 409 unless
`AllowPast` is true."""


@router.get("", response_model=list[rule_sets.RuleSetView])
def list_rule_sets(
    admin: Admin, store: StoreDep, agreement: SomeAgreement = None
) -> list[rule_sets.RuleSetView]:
    """Every version, by agreement and first day."""
    return rule_sets.list_rule_sets(store, admin.company_id, agreement)


@router.post(
    "",
    response_model=rule_sets.RuleSetView,
    status_code=201,
    summary="Add or replace a version of an agreement's rule set",
    description=SAVE,
    openapi_extra=documented(RuleSetNew),
)
def save_rule_set(
    admin: Admin, store: StoreDep, now: Now, dates: Dates, response: Response, body: RuleSetNewBody
) -> rule_sets.RuleSetView:
    saved = rule_sets.save_rule_set(
        store, admin.company_id, body.given(), now, window=dates, actor=admin.actor
    )
    if not saved.created:
        response.status_code = 200
    return saved.rule_set


@router.post(
    "/Remove",
    response_model=rule_sets.RuleSetView,
    summary="Remove a version: the one before it applies again (the audit trail keeps it)",
)
def remove_rule_set(
    admin: Admin,
    store: StoreDep,
    now: Now,
    dates: Dates,
    agreement: Agreement,
    valid_from: ValidFrom,
    allow_past: AllowPast = False,
) -> rule_sets.RuleSetView:
    return rule_sets.remove_rule_set(
        store,
        admin.company_id,
        agreement,
        valid_from,
        now,
        window=dates,
        allow_past=allow_past,
        actor=admin.actor,
    )
