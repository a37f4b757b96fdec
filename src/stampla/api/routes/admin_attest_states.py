"""/Admin/AttestStates, /Admin/AttestTime/Transition and /Admin/LatePunches: the attest
workflow for scripts and payroll tools (docs/attest-workflow.md)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import Field

from stampla.errors import InvalidInput, Problem
from stampla.http.params import parse_date
from stampla.service.attest.locks import LatePunch, dismiss_late_punch, late_punches
from stampla.service.attest.states import (
    AttestState,
    TransitionRule,
    change_config,
    describe,
    read_config,
)
from stampla.service.attest.transitions import TransitionRequest, transition_days
from stampla.service.roles import Permission, Role
from stampla.service.staff_scope import keep_in_scope
from stampla.wire.base import OutputModel

from ..deps import Dates, Now, SettingsDep, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, Admin, AdminActor, AdminOrStaff
from .admin_models import AdminInput

router = APIRouter(prefix="/Admin", tags=["Admin: attest states"], responses=ADMIN_ERRORS)


class StateIn(AdminInput):
    code: str = Field(alias="Code")
    name: str = Field(alias="Name")
    colour: str = Field(alias="Colour", description="#rrggbb")
    locks: bool = Field(alias="Locks", description="A day in it is frozen as attested.")
    sort_order: int = Field(alias="SortOrder", description="The lowest is the initial state.")
    exported: bool = Field(False, alias="Exported", description="Set by the payroll export.")


class TransitionIn(AdminInput):
    from_state: str = Field(alias="From")
    to_state: str = Field(alias="To")
    roles: list[str] = Field(alias="Roles", description="attestant, payroll, admin")


class ConfigIn(AdminInput):
    states: list[StateIn] = Field(alias="States")
    transitions: list[TransitionIn] = Field(alias="Transitions")


class TransitionBody(AdminInput):
    employee_nrs: list[str] | None = Field(
        None, alias="EmployeeNrs", description="Whose days; left out: every employee."
    )
    date_from: str = Field(alias="DateFrom")
    date_to: str = Field(alias="DateTo")
    to_state: str = Field(alias="ToState")
    reason: str | None = Field(None, alias="Reason")
    override: bool = Field(
        False, alias="Override", description="Attest days with warnings too (needs Reason)."
    )


class DismissBody(AdminInput):
    reason: str = Field(alias="Reason")


class DayOutcomeOut(OutputModel):
    employee_nr: str
    date: dt.date
    from_state: str
    to_state: str
    outcome: str = Field(description="Moved or Skipped")
    reason: str | None = Field(description="Why it was skipped")
    warnings: list[str]


class TransitionOut(OutputModel):
    to_state: str
    moved: int
    skipped: int
    days: list[DayOutcomeOut]


class LatePunchOut(OutputModel):
    time_stamp_entry_id: int
    employee_nr: str
    date: dt.date
    time_stamp: dt.datetime
    time_stamp_entry_type: str
    is_break: bool
    origin: str
    received_at: dt.datetime
    attest_state: str
    dismissed_reason: str | None
    dismissed_by: str | None
    dismissed_at: dt.datetime | None


def _late(p: LatePunch) -> LatePunchOut:
    return LatePunchOut(
        time_stamp_entry_id=p.punch_id,
        employee_nr=p.employee_nr,
        date=p.date,
        time_stamp=p.instant,
        time_stamp_entry_type=p.entry_type,
        is_break=p.is_break,
        origin=p.origin,
        received_at=p.received_at,
        attest_state=p.state,
        dismissed_reason=p.dismissed_reason,
        dismissed_by=p.dismissed_by,
        dismissed_at=p.dismissed_at,
    )


@router.get("/AttestStates", summary="The company's attest states and transitions")
def get_states(admin: AdminOrStaff, actor: AdminActor, store: StoreDep) -> dict[str, Any]:
    actor.require(Permission.VIEW)
    return describe(read_config(store, admin.company_id))


@router.post(
    "/AttestStates",
    summary="Replace the attest states and transitions (admin)",
    description="The whole configuration at once, checked whole. A state days are in "
    "cannot be removed. Audited.",
    openapi_extra=documented(ConfigIn),
)
def set_states(
    admin: Admin,
    actor: AdminActor,
    store: StoreDep,
    now: Now,
    body: Annotated[ConfigIn, json_body(ConfigIn)],
) -> dict[str, Any]:
    states = [
        AttestState(s.code, s.name, s.colour, s.locks, s.sort_order, s.exported)
        for s in body.states
    ]
    transitions = [
        TransitionRule(t.from_state, t.to_state, frozenset(_roles(t.roles, i)))
        for i, t in enumerate(body.transitions)
    ]
    return describe(change_config(store, admin.company_id, actor, states, transitions, now))


@router.post(
    "/AttestTime/Transition",
    response_model=TransitionOut,
    summary="Attest, approve, un-attest or reopen the days of a range",
    description="Moves every day of DateFrom..DateTo of the employees to ToState, and says "
    "per day what happened: Moved, or Skipped and why (already there, the role may not, "
    "open warnings). A day with warnings is attested only with Override and a Reason.",
    openapi_extra=documented(TransitionBody),
)
def transition(
    admin: AdminOrStaff,
    actor: AdminActor,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    dates: Dates,
    body: Annotated[TransitionBody, json_body(TransitionBody)],
) -> TransitionOut:
    request = TransitionRequest(
        parse_date(body.date_from, "DateFrom", dates),
        parse_date(body.date_to, "DateTo", dates),
        body.to_state,
        body.employee_nrs,
        body.reason,
        body.override,
    )
    report = transition_days(
        store,
        admin.company_id,
        actor,
        request,
        now,
        max_days=settings.max_read_days,
        max_future=settings.max_future,
        daily_rest=settings.daily_rest,
    )
    return TransitionOut(
        to_state=report.to_state,
        moved=report.moved,
        skipped=report.skipped,
        days=[
            DayOutcomeOut(
                employee_nr=d.employee_nr,
                date=d.date,
                from_state=d.from_state,
                to_state=d.to_state,
                outcome=d.outcome,
                reason=d.reason,
                warnings=list(d.warnings),
            )
            for d in report.days
        ],
    )


@router.get(
    "/LatePunches",
    response_model=list[LatePunchOut],
    summary="Punches stored for locked days after they locked",
    description="A scoped attestant sees those of the employees in their scope.",
)
def get_late_punches(
    admin: AdminOrStaff,
    actor: AdminActor,
    store: StoreDep,
    include_dismissed: Annotated[bool, Query(alias="includeDismissed")] = False,
) -> list[LatePunchOut]:
    actor.require(Permission.VIEW)
    found = late_punches(store, admin.company_id, include_dismissed=include_dismissed)
    last = max((p.date for p in found), default=None)
    if last is not None:
        found = keep_in_scope(store, admin.company_id, actor.scope, found, _nr, last)
    return [_late(p) for p in found]


def _nr(late: LatePunch) -> str:
    return late.employee_nr


@router.post(
    "/LatePunches/{punch_id}/Dismiss",
    response_model=LatePunchOut,
    summary="Dismiss a late punch with a reason (payroll)",
    openapi_extra=documented(DismissBody),
)
def dismiss(
    admin: AdminOrStaff,
    actor: AdminActor,
    store: StoreDep,
    now: Now,
    punch_id: Annotated[int, Path(ge=1, le=2**63 - 1)],
    body: Annotated[DismissBody, json_body(DismissBody)],
) -> LatePunchOut:
    return _late(dismiss_late_punch(store, admin.company_id, actor, punch_id, body.reason, now))


def _roles(names: list[str], index: int) -> set[Role]:
    try:
        return {Role(name.strip().lower()) for name in names}
    except ValueError:
        raise InvalidInput(
            "Unknown role",
            [Problem("roles are viewer, attestant, payroll, admin", f"Transitions[{index}]")],
        ) from None
