"""``stampla correct …``: add a missing punch, change or void one, each with a reason, and
list the corrections of a range (``service.corrections``).

The operator acts as an admin; the audit trail names them ``cli:<os user>``. A punch is named
by the id that ``stampla correct list`` and the punch reads print.
"""

from __future__ import annotations

from typing import Any

import typer

from stampla.service import corrections
from stampla.service.roles import Role, StaffActor
from stampla.settings import get_settings

from .common import CompanyOption, JsonOption, actor, changed, company_store, emit
from .common import table as print_table
from .context import date_window, now

app = typer.Typer(
    help="Punch corrections with a reason: add a missing punch, change one, void one.\n\n"
    "Example: stampla correct add 3002 2025-06-12T17:00 Out --reason 'Forgot to stamp out'",
    no_args_is_help=True,
)

ReasonOption = typer.Option(..., "--reason", "-r", help="Why (required), for the audit trail.")
BreakOption = typer.Option(None, "--break/--no-break", help="A break punch, or not.")
AccountsOption = typer.Option(None, "--accounts", help="Account numbers, e.g. '4001, 1000'.")
CodesOption = typer.Option(None, "--codes", help="Time codes, e.g. 'Övertid 50%'.")
TerminalOption = typer.Option(None, "--terminal", help="The TimeTerminalId.")

COLUMNS = (
    ("id", lambda c: c.id),
    ("kind", lambda c: c.kind),
    ("employee", lambda c: c.employee_nr),
    ("date", lambda c: c.local_date.isoformat()),
    ("at", lambda c: f"{c.at:%Y-%m-%d %H:%M}"),
    ("by", lambda c: c.actor),
    ("punch", lambda c: c.punch_id or ""),
    ("replaces", lambda c: c.supersedes or ""),
    ("reason", lambda c: c.reason),
)


def _correct(given: dict[str, Any], company: str | None, as_json: bool) -> None:
    settings = get_settings()
    limits = corrections.Limits(settings.max_future, settings.earliest_date)
    who = StaffActor(actor(), Role.ADMIN)
    values = {name: value for name, value in given.items() if value is not None}
    with company_store(company, as_json) as (store, company_id):
        made = corrections.correct(store, company_id, values, now(), limits=limits, actor=who)
    what = {"add": "added", "change": "changed", "void": "voided"}[made.kind]
    target = f"punch {made.supersedes}" if made.supersedes else f"punch {made.punch_id}"
    result = f", now punch {made.punch_id}" if made.kind == "change" else ""
    changed(made, f"Correction {made.id}: {what} {target}{result}.", as_json)


@app.command("add")
def add(
    employee: str = typer.Argument(..., help="The employee's EmployeeNr."),
    time_stamp: str = typer.Argument(..., help="The time, e.g. 2025-06-12T17:00 (local)."),
    entry_type: str = typer.Argument(..., help="In or Out."),
    reason: str = ReasonOption,
    is_break: bool = BreakOption,
    accounts: str = AccountsOption,
    codes: str = CodesOption,
    terminal: int = TerminalOption,
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add a missing punch (the terminal defaults to that of the employee's nearest punch).

    Example: stampla correct add 3002 2025-06-12T17:00 Out --reason 'Forgot to stamp out'
    """
    given = {
        "kind": "add",
        "employee_nr": employee,
        "time_stamp": time_stamp,
        "entry_type": entry_type,
        "is_break": is_break,
        "accounts": accounts,
        "time_codes": codes,
        "time_terminal_id": terminal,
        "reason": reason,
    }
    _correct(given, company, as_json)


@app.command("change")
def change(
    employee: str = typer.Argument(..., help="The employee's EmployeeNr."),
    punch_id: int = typer.Argument(..., help="The punch's id."),
    reason: str = ReasonOption,
    time_stamp: str = typer.Option(None, "--time", help="A new time, e.g. 2025-06-12T16:30."),
    entry_type: str = typer.Option(None, "--type", help="In or Out."),
    is_break: bool = BreakOption,
    accounts: str = AccountsOption,
    codes: str = CodesOption,
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Change a punch: a new punch with the options given supersedes it.

    Example: stampla correct change 3002 41 --time 2025-06-12T16:30 --reason 'Left early'
    """
    given = {
        "kind": "change",
        "employee_nr": employee,
        "punch_id": punch_id,
        "time_stamp": time_stamp,
        "entry_type": entry_type,
        "is_break": is_break,
        "accounts": accounts,
        "time_codes": codes,
        "reason": reason,
    }
    _correct(given, company, as_json)


@app.command("void")
def void(
    employee: str = typer.Argument(..., help="The employee's EmployeeNr."),
    punch_id: int = typer.Argument(..., help="The punch's id."),
    reason: str = ReasonOption,
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Void a punch: it stays stored but no longer counts.

    Example: stampla correct void 3002 41 --reason 'Stamped twice'
    """
    given = {"kind": "void", "employee_nr": employee, "punch_id": punch_id, "reason": reason}
    _correct(given, company, as_json)


@app.command("list")
def list_command(
    date_from: str = typer.Argument(..., help="From this date, e.g. 2025-06-01."),
    date_to: str = typer.Argument(None, help="To this date (default: the first)."),
    employee: str = typer.Option(None, "--employee", "-e", help="Only this EmployeeNr."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """The corrections of punches dated in the range, oldest first.

    Example: stampla correct list 2025-06-01 2025-06-30 --employee 3002
    """
    settings = get_settings()
    with company_store(company, as_json) as (store, company_id):
        found = corrections.list_corrections(
            store,
            company_id,
            window=date_window(),
            max_days=settings.max_read_days,
            date_from=date_from,
            date_to=date_to or date_from,
            employee_nr=employee,
        )
    if as_json:
        emit(found)
    else:
        print_table("Corrections", COLUMNS, found)
