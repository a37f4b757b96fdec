"""``stampla employee``: the Employees register (Staff > Employee > Employees)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from stampla.service import masterdata as md
from stampla.service.csv_import import ImportOptions

from .common import ActiveOption, CompanyOption, JsonOption, actor, changed, company_store, emit
from .common import table as print_table
from .context import console, now
from .importing import Delimiter, Encoding, FileArgument, SkipInvalid, run_import

app = typer.Typer(
    help="Employees, found by EmployeeNr (Employee ID).\n\n"
    "Example: stampla employee import staff.csv --company 'Butik AB'",
    no_args_is_help=True,
)

NR = typer.Argument(help="EmployeeNr, the Employee ID punches are sent with.")

#: A Rich table of 50,000 rows takes half a minute to draw; scripts use --json.
TABLE_ROWS = 500

COLUMNS = [
    ("active", lambda e: e.active),
    ("employee id", lambda e: e.employee_nr),
    ("name", lambda e: f"{e.first_name} {e.last_name}"),
    ("external code", lambda e: e.external_code),
    ("time agreement", lambda e: e.time_agreement),
    ("employment position", lambda e: e.employment_position),
    (
        "rate %",
        lambda e: (
            f"{e.employment_rate:.2f}".replace(".", ",") if e.employment_rate is not None else None
        ),
    ),
    ("weekly hours", lambda e: e.weekly_hours),
]


def _given(**options: Any) -> dict[str, Any]:
    """The options that were given, by column; "" clears an optional field."""
    return {column: value for column, value in options.items() if value is not None}


@app.command()
def add(
    employee_nr: str = NR,
    first_name: str = typer.Option(..., help="First name."),
    last_name: str = typer.Option(..., help="Last name."),
    external_code: str | None = typer.Option(None, help="ExternalCode (EmployeeExternalCode)."),
    time_agreement: str | None = typer.Option(None, help="Time agreement, e.g. Timavlönad."),
    position: str | None = typer.Option(None, help="Employment position."),
    rate: str | None = typer.Option(None, help="Employment rate in per cent, e.g. 52,29."),
    weekly_hours: str | None = typer.Option(None, help="Weekly working hours, e.g. 38:15."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add an employee.

    Example: stampla employee add 3002 --first-name Jacob --last-name Ahmedsdotter --rate 26,14 --weekly-hours 10:00
    """  # noqa: E501
    given = _given(
        employee_nr=employee_nr,
        first_name=first_name,
        last_name=last_name,
        external_code=external_code,
        time_agreement=time_agreement,
        employment_position=position,
        employment_rate=rate,
        weekly_minutes=weekly_hours,
    )
    with company_store(company, as_json) as (store, company_id):
        found = md.add_employee(store, company_id, given, now(), actor=actor())
    changed(
        found,
        f"Employee {found.employee_nr} ({found.first_name} {found.last_name}) added.",
        as_json,
    )


@app.command()
def update(
    employee_nr: str = NR,
    first_name: str | None = typer.Option(None, help="First name."),
    last_name: str | None = typer.Option(None, help="Last name."),
    external_code: str | None = typer.Option(None, help="ExternalCode; '' clears it."),
    time_agreement: str | None = typer.Option(None, help="Time agreement; '' clears it."),
    position: str | None = typer.Option(None, help="Employment position; '' clears it."),
    rate: str | None = typer.Option(None, help="Employment rate in per cent; '' clears it."),
    weekly_hours: str | None = typer.Option(None, help="Weekly working hours; '' clears them."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Change fields of an employee; the EmployeeNr itself stays.

    Example: stampla employee update 3002 --rate 52,29 --weekly-hours 20:00
    """
    given = _given(
        first_name=first_name,
        last_name=last_name,
        external_code=external_code,
        time_agreement=time_agreement,
        employment_position=position,
        employment_rate=rate,
        weekly_minutes=weekly_hours,
    )
    with company_store(company, as_json) as (store, company_id):
        found = md.update_employee(store, company_id, employee_nr, given, now(), actor=actor())
    changed(found, f"Employee {found.employee_nr} updated.", as_json)


@app.command()
def deactivate(
    employee_nr: str = NR, company: CompanyOption = None, as_json: JsonOption = False
) -> None:
    """Deactivate an employee: stored punches stay valid, new ones are refused.

    Example: stampla employee deactivate 3002
    """
    with company_store(company, as_json) as (store, company_id):
        found = md.set_employee_active(store, company_id, employee_nr, False, now(), actor=actor())
    changed(found, f"Employee {found.employee_nr} is inactive.", as_json)


@app.command()
def activate(
    employee_nr: str = NR, company: CompanyOption = None, as_json: JsonOption = False
) -> None:
    """Make an inactive employee active again.

    Example: stampla employee activate 3002
    """
    with company_store(company, as_json) as (store, company_id):
        found = md.set_employee_active(store, company_id, employee_nr, True, now(), actor=actor())
    changed(found, f"Employee {found.employee_nr} is active.", as_json)


@app.command("list")
def list_(
    company: CompanyOption = None,
    active: ActiveOption = None,
    search: str | None = typer.Option(None, help="Part of an EmployeeNr, name or code."),
    limit: int | None = typer.Option(
        None, min=1, help=f"At most this many (default: all with --json, {TABLE_ROWS} in a table)."
    ),
    as_json: JsonOption = False,
) -> None:
    """List employees by EmployeeNr.

    Example: stampla employee list --inactive --search lind
    """
    shown = limit or (None if as_json else TABLE_ROWS)
    wanted = shown + 1 if shown else None  # one more, to know whether there are more
    with company_store(company, as_json) as (store, company_id):
        found = md.list_employees(store, company_id, active=active, search=search, limit=wanted)
    if as_json:
        emit(found[:shown])
        return
    print_table("Employees", COLUMNS, found[:shown])
    if shown and len(found) > shown:
        console.print(f"Showing the first {shown}; use --limit, --search or --json for more.")


@app.command("import")
def import_(
    file: Path = FileArgument,
    company: CompanyOption = None,
    skip_invalid: bool = SkipInvalid,
    encoding: str | None = Encoding,
    delimiter: str | None = Delimiter,
    as_json: JsonOption = False,
) -> None:
    """Import employees from CSV, upserting by EmployeeNr (see docs/masterdata.md).

    Every row is checked first; if any is bad, all bad rows are listed and nothing is written.

    Example: stampla employee import anstallda.csv --company 'Butik AB'
    """
    options = ImportOptions(skip_invalid=skip_invalid, encoding=encoding, delimiter=delimiter)
    run_import("employees", file, company, options, as_json)
