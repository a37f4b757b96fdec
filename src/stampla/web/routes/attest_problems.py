"""Problem days (Attest time › Problem days): every day of a month, company-wide, that needs
checking before it can be attested — with its warnings in words and one click to the day.

A month at a time, with the previous and next month a click away; *only unattested* leaves
out the days that were attested (with an override) or locked already.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from stampla.errors import InvalidInput
from stampla.service.attest import AttestQuery, attest_time
from stampla.service.attest.locks import DayAttest
from stampla.service.attest.transitions import open_warnings
from stampla.service.roles import Permission
from stampla.service.staff_scope import employee_nrs_in_scope

from ..deps import Now, SettingsDep, StoreDep, WebSession, requires
from ..render import render
from ..worklist_form import parse_month, shift_month

router = APIRouter()

#: The most problem days one page lists.
MAX_SHOWN = 2_000


@dataclass(frozen=True, slots=True)
class ProblemDay:
    employee_nr: str
    date: date
    status: str
    warnings: list[str]
    state: DayAttest | None


@router.get("/attest/problems")
def problem_days(
    request: Request,
    session: Annotated[WebSession, requires(Permission.VIEW)],
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    month: str | None = None,
    unattested: str | None = None,
) -> HTMLResponse:
    today = now.astimezone(session.time_zone).date()
    try:
        first = parse_month(month) if month else today.replace(day=1)
    except InvalidInput as error:
        context = {"error": error, "days": [], "unattested": False, "truncated": False}
        return render(request, "attest_problems.html", _links(context, today.replace(day=1)), 400)
    last = shift_month(first, 1) - timedelta(days=1)
    # A scoped attestant's list holds their own employees only.
    allowed = employee_nrs_in_scope(store, session.company_id, session.actor.scope, last)
    if allowed is not None and not allowed:
        return render(request, "attest_problems.html", _links(_nothing(first, unattested), first))
    rows = attest_time(
        store,
        session.company_id,
        AttestQuery(first, last, sorted(allowed) if allowed is not None else None, True),
        now,
        max_days=max(settings.max_read_days, 31),
        max_future=settings.max_future,
        daily_rest=settings.daily_rest,
        limits=settings.atl_limits,
    )
    found: list[ProblemDay] = []
    truncated = False
    try:
        for day in rows:
            codes = open_warnings(day.row)
            lock = [w.code.value for w in day.row.warnings if w.code.value not in codes]
            if not codes and not lock:
                continue
            if unattested and day.attest is not None and not day.attest.initial:
                continue
            if len(found) >= MAX_SHOWN:
                truncated = True
                break
            # Codes: the page words them in its language (``labels``), keeping the code as title.
            found.append(
                ProblemDay(
                    day.employee_nr,
                    day.row.date,
                    day.row.status.value,
                    list(dict.fromkeys([*codes, *lock])),
                    day.attest,
                )
            )
    finally:
        rows.close()  # type: ignore[attr-defined]  # a generator: ends its read at once
    context = {
        "days": found,
        "month": first,
        "unattested": bool(unattested),
        "truncated": truncated,
        "max_shown": MAX_SHOWN,
    }
    return render(request, "attest_problems.html", _links(context, first))


def _nothing(first: date, unattested: object) -> dict:
    return {
        "days": [],
        "month": first,
        "unattested": bool(unattested),
        "truncated": False,
        "max_shown": MAX_SHOWN,
    }


def _links(context: dict, first: date) -> dict:
    return {
        **context,
        "previous": shift_month(first, -1).strftime("%Y-%m"),
        "next": shift_month(first, 1).strftime("%Y-%m"),
        "this": first.strftime("%Y-%m"),
    }
