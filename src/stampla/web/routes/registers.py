"""The registers a punch refers to, read-only: employees, coding levels and their accounts,
terminals, time codes. Changes are made with ``stampla …`` or the /Admin API, which record
them in the audit trail; each page says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from stampla.domain.text import match_key
from stampla.service import masterdata as md

from ..deps import SignedIn, StoreDep
from ..pages import form_page
from ..render import render

router = APIRouter()

#: Employees one page lists; "Next" shows the following ones.
PAGE = 200

T = TypeVar("T")


@router.get("/employees")
def employees_page(
    request: Request,
    session: SignedIn,
    store: StoreDep,
    search: str = "",
    offset: int = 0,
) -> HTMLResponse:
    offset = max(offset, 0)
    wanted = search.strip() or None
    found = md.list_employees(
        store, session.company_id, search=wanted, limit=PAGE + 1, offset=offset
    )
    more = len(found) > PAGE
    total = md.count_employees(store, session.company_id, search=wanted) if more or offset else None
    context = {
        "employees": found[:PAGE],
        "total": len(found) if total is None else total,
        "search": search,
        "offset": offset,
        "page": PAGE,
        "more": more,
    }
    return render(request, "employees.html", context)


@router.get("/coding-levels")
def coding_levels_page(request: Request, session: SignedIn, store: StoreDep) -> HTMLResponse:
    levels = md.list_coding_levels(store, session.company_id)
    return render(request, "coding_levels.html", {"levels": levels})


@router.get("/coding-levels/{number}")
def accounts_page(
    request: Request, session: SignedIn, store: StoreDep, number: str, search: str = ""
) -> HTMLResponse:
    """One coding level's accounts (an unknown level is a 404 on the page)."""

    def load() -> dict:
        found = md.list_accounts(store, session.company_id, level=number)
        return {"accounts": matching(found, search, "account_nr", "name"), "all": len(found)}

    context = {"search": search, "number": number}
    return form_page(request, "accounts.html", context, load, empty={"accounts": [], "all": 0})


@router.get("/terminals")
def terminals_page(request: Request, session: SignedIn, store: StoreDep) -> HTMLResponse:
    terminals = md.list_terminals(store, session.company_id)
    return render(request, "terminals.html", {"terminals": terminals})


@router.get("/time-codes")
def time_codes_page(
    request: Request, session: SignedIn, store: StoreDep, search: str = ""
) -> HTMLResponse:
    found = md.list_time_codes(store, session.company_id)
    codes = matching(found, search, "code", "name", "description")
    return render(request, "time_codes.html", {"codes": codes, "search": search})


def matching(items: Iterable[T], search: str, *fields: str) -> list[T]:
    """The items whose ``fields`` contain ``search``, ignoring letter case (the references'
    own rule, ``stampla.domain.text``)."""
    wanted = match_key(search.strip())
    if not wanted:
        return list(items)
    return [
        item
        for item in items
        if any(wanted in match_key(getattr(item, name) or "") for name in fields)
    ]
