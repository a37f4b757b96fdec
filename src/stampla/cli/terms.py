"""``stampla employee terms …``: an employee's dated terms (``masterdata.terms``).

``stampla employee update 3002 --weekly-hours 30:00 --valid-from 2025-09-01`` writes a term
too; these commands list the terms and add or change one by its date.
"""

from __future__ import annotations

from typing import Any

import typer

from stampla.service.masterdata import terms

from .common import CompanyOption, JsonOption, actor, changed, company_store, emit
from .common import table as print_table
from .context import now

app = typer.Typer(
    help="Dated employment terms: weekly hours, rate, agreement and position from a date.\n\n"
    "Example: stampla employee terms add 3002 2025-09-01 --weekly-hours 30:00",
    no_args_is_help=True,
)

COLUMNS = (
    ("from", lambda t: t.valid_from.isoformat()),
    ("to", lambda t: t.valid_to.isoformat() if t.valid_to else ""),
    ("weekly hours", lambda t: t.weekly_hours),
    ("rate %", lambda t: None if t.employment_rate is None else f"{t.employment_rate:.2f}"),
    ("time agreement", lambda t: t.time_agreement),
    ("position", lambda t: t.employment_position),
    ("overtime", lambda t: t.overtime_compensation),
    ("flex", lambda t: "yes" if t.flex_time else "no"),
    ("current", lambda t: "yes" if t.current else ""),
)

EmployeeArgument = typer.Argument(..., help="The employee's EmployeeNr.")
ValidFromArgument = typer.Argument(..., help="The term's first day, e.g. 2025-09-01.")
HoursOption = typer.Option(None, "--weekly-hours", help="Weekly working hours, e.g. 38:15.")
RateOption = typer.Option(None, "--rate", help="Employment rate in per cent, e.g. 52,29.")
AgreementOption = typer.Option(None, "--time-agreement", help="e.g. Timavlönad.")
PositionOption = typer.Option(None, "--position", help="Employment position.")
OvertimeOption = typer.Option(None, "--overtime", help="What overtime becomes: Money or Comp.")
FlexOption = typer.Option(None, "--flex-time", help="Flex time: ja or nej.")


def _given(**values: Any) -> dict[str, Any]:
    return {name: value for name, value in values.items() if value is not None}


@app.command("list")
def list_terms(
    employee: str = EmployeeArgument, company: CompanyOption = None, as_json: JsonOption = False
) -> None:
    """List an employee's terms, oldest first.

    Example: stampla employee terms list 3002
    """
    with company_store(company, as_json) as (store, company_id):
        found = terms.list_terms(store, company_id, employee, now())
    if as_json:
        emit(found)
        return
    print_table(f"Terms of employee {employee}", COLUMNS, found)


@app.command("add")
def add(
    employee: str = EmployeeArgument,
    valid_from: str = ValidFromArgument,
    weekly_hours: str = HoursOption,
    rate: str = RateOption,
    time_agreement: str = AgreementOption,
    position: str = PositionOption,
    overtime: str = OvertimeOption,
    flex_time: str = FlexOption,
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add a term from a date: it ends the term before it; what is not given carries over.

    Example: stampla employee terms add 3002 2025-09-01 --weekly-hours 30:00 --rate 78,43
    """
    given = _given(
        valid_from=valid_from,
        weekly_minutes=weekly_hours,
        employment_rate=rate,
        time_agreement=time_agreement,
        employment_position=position,
        overtime_compensation=overtime,
        flex_time=flex_time,
    )
    with company_store(company, as_json) as (store, company_id):
        found = terms.add_term(store, company_id, employee, given, now(), actor=actor())
    message = f"Employee {found.employee_nr}: terms from {found.valid_from} added"
    changed(found, message + f" ({found.weekly_hours or 'no'} weekly hours).", as_json)


@app.command("change")
def change(
    employee: str = EmployeeArgument,
    valid_from: str = ValidFromArgument,
    weekly_hours: str = HoursOption,
    rate: str = RateOption,
    time_agreement: str = AgreementOption,
    position: str = PositionOption,
    overtime: str = OvertimeOption,
    flex_time: str = FlexOption,
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Change the term from a date; what is not given stays.

    Example: stampla employee terms change 3002 2025-09-01 --overtime Comp
    """
    given = _given(
        weekly_minutes=weekly_hours,
        employment_rate=rate,
        time_agreement=time_agreement,
        employment_position=position,
        overtime_compensation=overtime,
        flex_time=flex_time,
    )
    with company_store(company, as_json) as (store, company_id):
        found = terms.change_term(
            store, company_id, employee, valid_from, given, now(), actor=actor()
        )
    changed(found, f"Employee {found.employee_nr}: terms from {found.valid_from} changed.", as_json)
