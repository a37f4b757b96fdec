"""The time rules page: each agreement's rule sets, and a form to add or replace a version.

Saving goes through ``service.rule_sets`` as the CLI and /Admin do: the same checks (codes
in the register, a version in effect only with AllowPast) and the same audit trail (actor
``web:<user name>``). The rules are edited as their JSON document, prefilled with the latest
version of the agreement, so a change is "copy, adjust, save from a date".
"""

from __future__ import annotations

import json
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stampla.errors import InvalidInput, Problem, StamplaError
from stampla.http.errors import status_of
from stampla.service import rule_sets
from stampla.service.roles import Permission
from stampla.service.web_sessions import WebSession
from stampla.store.engine import Store

from ..deps import Dates, Now, SignedIn, StoreDep, requires
from ..render import PREFIX, render

router = APIRouter()


def _context(store: Store, company_id: int, agreement: str = "") -> dict:
    found = rule_sets.list_rule_sets(store, company_id)
    agreements = list(dict.fromkeys(v.agreement for v in found))
    chosen = [v for v in found if v.agreement.casefold() == agreement.casefold()] or found
    latest = chosen[-1] if chosen else None
    return {
        "versions": found,
        "agreements": agreements,
        "form": {
            "agreement": latest.agreement if latest else agreement,
            "valid_from": "",
            "rules": json.dumps(
                latest.rules if latest else {"windows": []}, ensure_ascii=False, indent=2
            ),
            "allow_past": False,
        },
    }


@router.get("/rules")
def rules_page(
    request: Request, session: SignedIn, store: StoreDep, agreement: str = "", saved: str = ""
) -> HTMLResponse:
    """Every version by agreement, and the form prefilled from ``agreement``'s latest."""
    context = _context(store, session.company_id, agreement)
    return render(request, "rules.html", {**context, "saved": saved, "error": None})


@router.post("/rules")
def save_rules(
    request: Request,
    session: Annotated[WebSession, requires(Permission.MANAGE_REGISTERS, form=True)],
    store: StoreDep,
    now: Now,
    dates: Dates,
    agreement: Annotated[str, Form()] = "",
    valid_from: Annotated[str, Form()] = "",
    rules: Annotated[str, Form()] = "",
    allow_past: Annotated[bool, Form()] = False,
) -> Response:
    """Save the version and show the page again (a redirect), or the form as sent with what
    was refused."""
    sent = {
        "agreement": agreement,
        "valid_from": valid_from,
        "rules": rules,
        "allow_past": allow_past,
    }
    try:
        try:
            document = json.loads(rules)
        except json.JSONDecodeError as error:
            raise InvalidInput(
                f"Rules is not JSON: {error.msg} at line {error.lineno}, column {error.colno}",
                [Problem(error.msg, "Rules")],
            ) from error
        given = {**sent, "rules": document}
        saved = rule_sets.save_rule_set(
            store, session.company_id, given, now, window=dates, actor=f"web:{session.user_name}"
        )
    except StamplaError as error:
        context = _context(store, session.company_id, agreement)
        context["form"] = sent
        return render(
            request, "rules.html", {**context, "saved": "", "error": error}, status_of(error)
        )
    shown = saved.rule_set
    query = urlencode({"agreement": shown.agreement, "saved": shown.valid_from.isoformat()})
    target = f"{PREFIX}/rules?{query}"
    return RedirectResponse(target, status_code=303)
