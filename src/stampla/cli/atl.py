"""``stampla atl-report``: the days of a period that pass a limit of the Working Hours Act."""

from __future__ import annotations

from datetime import datetime

import typer

from stampla.service.attest.atl_report import atl_report
from stampla.settings import get_settings

from .common import CompanyOption, JsonOption, company_store, emit
from .common import table as print_table
from .context import date_window, now

DATE = ["%Y-%m-%d"]
COLUMNS = (
    ("employee", lambda r: r.employee_nr),
    ("date", lambda r: f"{r.date:%Y-%m-%d %a}"),
    ("limit", lambda r: r.code),
    ("finding", lambda r: r.message),
)


def atl_report_command(
    date_from: datetime = typer.Option(..., "--from", formats=DATE, help="First local date."),
    date_to: datetime = typer.Option(..., "--to", formats=DATE, help="Last local date."),
    employee: list[str] = typer.Option(
        None, "--employee", help="Only this employee (EmployeeNr); repeat for more."
    ),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Report overtime, mertid and rest against arbetstidslagen (limits: STAMPLA_ATL_*).

    Example: stampla atl-report --from 2025-06-01 --to 2025-06-30
    """
    settings = get_settings()
    limits = settings.atl_limits
    window = date_window()
    first = window.check(date_from.date(), "--from")
    last = window.check(date_to.date(), "--to")
    with company_store(company, as_json) as (store, company_id):
        found = atl_report(
            store,
            company_id,
            first,
            last,
            employee or None,
            now(),
            max_days=settings.max_read_days,
            limits=limits,
        )
    if as_json:
        emit(found)
        return
    print_table(f"Working Hours Act, {first} to {last}", COLUMNS, found)
