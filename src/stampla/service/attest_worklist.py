"""The attest page as a work list: which day rows a person asked to see.

Attest time for a month is long; the attestant wants the days still to do. ``WorkList`` is
what the page's filters say (only the days to check, only the unattested, employees found by
a search, days with time on one account), and ``keep`` decides each day row by it, so the
page, its totals and its bulk action all see the same rows. The staff user's scope is
applied first and always: a filter narrows what the scope allows, never widens it.

Texts are compared with ``match_key`` (any letter case, any alphabet), as everywhere else.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from stampla.domain.text import match_key
from stampla.store.engine import Store

from . import masterdata as md
from .attest import AttestQuery, EmployeeDay
from .attest_view import AttestOverview, attest_overview, is_problem
from .roles import StaffScope
from .staff_scope import employee_nrs_in_scope

#: ``only=check``: days with a broken sequence of punches or a warning.
CHECK = "check"
#: ``only=unattested``: days still in the initial attest state (Registered).
UNATTESTED = "unattested"
ONLY = (CHECK, UNATTESTED)


@dataclass(frozen=True, slots=True)
class WorkList:
    """The filters of the attest page; the empty one shows every row."""

    only_check: bool = False
    only_unattested: bool = False
    #: A part of an Employee ID or of a name, as typed.
    search: str = ""
    #: A coding level's number and an account of it: days with time on that account.
    level: int | None = None
    account: str = ""

    @property
    def narrows_days(self) -> bool:
        return self.only_check or self.only_unattested or bool(self.account)

    def keep(self, day: EmployeeDay) -> bool:
        """Whether ``day`` is on the list (the employee filters are applied before)."""
        if self.only_check and not is_problem(day.row):
            return False
        if self.only_unattested and day.attest is not None and not day.attest.initial:
            return False
        if self.account:
            wanted = match_key(self.account.strip())
            on = {
                match_key(ref.account_nr)
                for ref, _ in day.row.accounts
                if self.level is None or ref.level == self.level
            }
            if wanted not in on:
                return False
        return True


def work_list(
    store: Store,
    company_id: int,
    scope: StaffScope,
    work: WorkList,
    query: AttestQuery,
    now: datetime,
    **limits: Any,
) -> AttestOverview:
    """``attest_view.attest_overview`` of the rows on ``work``'s list, within ``scope``.

    ``limits`` are the overview's (``max_days``, ``max_future``, ``max_rows``, ...)."""
    in_scope = employee_nrs_in_scope(store, company_id, scope, query.date_to)
    found = searched_employee_nrs(store, company_id, work.search)
    keys = allowed_keys(in_scope, found)
    if query.employee_nrs is None and keys is not None:
        # Read only the admitted employees (register spelling), not the whole company.
        admitted = {nr for nrs in (in_scope, found) if nrs is not None for nr in nrs}
        nrs = sorted(nr for nr in admitted if match_key(nr) in keys)
        query = dataclasses.replace(query, employee_nrs=nrs)
    return attest_overview(
        store,
        company_id,
        query,
        now,
        employee_keys=keys,
        keep=work.keep if work.narrows_days else None,
        **limits,
    )


def searched_employee_nrs(store: Store, company_id: int, search: str) -> set[str] | None:
    """The Employee IDs whose number or name contains ``search``; None without a search."""
    needle = search.strip()
    if not needle:
        return None
    found = md.list_employees(store, company_id, search=needle)
    return {employee.employee_nr for employee in found}


def allowed_keys(*allowed: set[str] | None) -> set[str] | None:
    """The match keys of the employees every one of ``allowed`` admits; None: everyone."""
    keys: set[str] | None = None
    for nrs in allowed:
        if nrs is None:
            continue
        these = {match_key(nr) for nr in nrs}
        keys = these if keys is None else keys & these
    return keys
