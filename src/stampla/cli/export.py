"""``stampla export paxml|csv``: payroll files for a period, or a preview of their totals."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer
from rich.table import Table

from stampla.errors import StamplaError
from stampla.service import export as service
from stampla.settings import get_settings

from .common import CompanyOption, actor
from .context import company_id_for, console, fail, now, ready_store

DATE = ["%Y-%m-%d"]


def export(
    kind: str = typer.Argument(..., metavar="paxml|csv", help="paxml (PAXml 2.0) or csv."),
    date_from: datetime = typer.Option(..., "--from", formats=DATE, help="First local date."),
    date_to: datetime = typer.Option(..., "--to", formats=DATE, help="Last local date."),
    employees: str = typer.Option(
        None, "--employees", help="Comma-separated employee numbers (default: all)."
    ),
    utf8: bool = typer.Option(False, "--utf8", help="csv: UTF-8 with commas, not Windows-1252."),
    preview: bool = typer.Option(
        False, "--preview", help="Show the totals per code; record no run."
    ),
    output: Path = typer.Option(None, "-o", "--output", help="Where to write the file."),
    company: CompanyOption = None,
) -> None:
    """Export day rows to payroll: a PAXml 2.0 file (validated) or CSV, recorded as a run.

    Example: stampla export paxml --from 2025-05-01 --to 2025-05-31 -o maj.xml
    """
    if kind not in ("paxml", "csv"):
        raise fail(f"Export paxml or csv, not {kind!r}")
    if not preview and output is None:
        raise fail("Say where to write the file with -o FILE (or look first with --preview)")
    fmt = "csv-utf8" if kind == "csv" and utf8 else kind
    nrs = tuple(nr.strip() for nr in employees.split(",") if nr.strip()) if employees else None
    request = service.ExportRequest(fmt, date_from.date(), date_to.date(), nrs)
    store = ready_store()
    company_id = company_id_for(store, company)
    try:
        if preview:
            built = service.preview(store, company_id, request, now(), get_settings())
        else:
            built = service.export(store, company_id, request, now(), get_settings(), actor=actor())
    except StamplaError as error:
        details = "; ".join(p.message for p in error.problems)
        raise fail(f"{error.message} ({details})" if details else error.message) from None
    finally:
        store.dispose()
    table = Table(
        title=f"Payroll export {request.date_from}–{request.date_to}", title_justify="left"
    )
    for name in ("payroll code", "time code", "name", "hours", "of which corrections"):
        table.add_column(name)
    for total in built.view.totals:
        corrected = total.correction_hours if total.correction_hours != "0.00" else ""
        table.add_row(total.payroll_code, total.code, total.name, total.hours, corrected)
    console.print(table)
    _print_corrections(built.view)
    if output is not None:
        output.write_bytes(built.content)
    run = "preview, no run recorded" if preview else f"run {built.view.id}"
    where = f", written to {output}" if output is not None else ""
    days = f"{built.view.days} days, {built.view.correction_days} of them corrections"
    console.print(f"{run}: {built.view.lines} lines, {days}, sha256 {built.view.digest}{where}")


def _print_corrections(view: service.ExportRunView) -> None:
    """The days an earlier run exported, now sent as differences, and their lines."""
    if not view.correction_days:
        return
    console.print(
        f"Corrections of earlier runs ({view.correction_days} days, only the differences): "
        + ", ".join(view.corrected)
    )
    for line in view.corrections:
        runs = ", ".join(str(run) for run in line.corrects)
        console.print(
            f"  {line.employee_nr} {line.date} {line.payroll_code} {line.hours} (run {runs})"
        )
