"""``stampla employee opening-balance NR``: an employee's comp-time and flex balances
carried from an earlier system (``service.attest.opening``)."""

from __future__ import annotations

import typer

from stampla.service.attest import opening

from .common import CompanyOption, JsonOption, actor, changed, company_store, console, emit
from .context import now


def opening_balance(
    employee: str = typer.Argument(..., help="The employee's EmployeeNr."),
    day: str = typer.Option(None, "--date", help="The balances are at the start of this date."),
    comp: str = typer.Option(None, "--comp", help="Comp time, hours:minutes, e.g. 12:30."),
    flex: str = typer.Option(None, "--flex", help="Flex time, hours:minutes, e.g. -1:15."),
    note: str = typer.Option(None, "--note", help="Where the figures come from."),
    remove: bool = typer.Option(False, "--remove", help="Remove the opening balance."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show, set (with --date) or remove an employee's opening balance: the balances start
    from it on its date, the days before it not counted.

    Example: stampla employee opening-balance 3002 --date 2025-01-01 --comp 12:30 --flex=-1:15
    """
    with company_store(company, as_json) as (store, company_id):
        if remove:
            opening.remove_opening_balance(store, company_id, employee, now(), actor=actor())
            console.print(f"Employee {employee}: opening balance removed.", highlight=False)
            return
        if day is None and comp is None and flex is None and note is None:
            found = opening.read_opening_balance(store, company_id, employee)
            if as_json:
                emit(found)
            else:
                console.print(_line(found), highlight=False)
            return
        given = {"date": day, "comp": comp, "flex": flex, "note": note}
        found = opening.set_opening_balance(
            store, company_id, employee, given, now(), actor=actor()
        )
    changed(found, f"{_line(found)} (set).", as_json)


def _line(found: opening.OpeningBalanceView) -> str:
    note = f" — {found.note}" if found.note else ""
    return (
        f"Employee {found.employee_nr}: opening balance at the start of {found.date}: "
        f"comp {found.comp}, flex {found.flex}{note}"
    )
