"""``stampla absence …``: register, change, list and cancel absence (``service.absence``).

An employee is named by EmployeeNr, dates as 2025-06-12, a registration by the id that
``add`` and ``list`` print.
"""

from __future__ import annotations

import typer

from stampla.service import absence
from stampla.service.date_range import DateWindow
from stampla.settings import get_settings

from .common import CompanyOption, JsonOption, actor, changed, company_store, emit
from .common import table as print_table
from .context import now

app = typer.Typer(
    help="Absence: sick days, VAB, vacation and leave, as HR registers them.\n\n"
    "Example: stampla absence add 3002 Sjuk 2025-06-12 --to 2025-06-13",
    no_args_is_help=True,
)

COLUMNS = (
    ("id", lambda a: a.id),
    ("employee", lambda a: a.employee_nr),
    ("code", lambda a: a.time_code),
    ("from", lambda a: a.first_date.isoformat()),
    ("to", lambda a: a.last_date.isoformat()),
    ("extent", lambda a: _extent(a)),
    ("note", lambda a: a.note),
    ("cancelled", lambda a: f"{a.cancelled_at:%Y-%m-%d %H:%M}" if a.cancelled_at else ""),
)

PercentOption = typer.Option(None, "--percent", help="Part of each day: this per cent, e.g. 50.")
FromOption = typer.Option(None, "--from", help="Part of each day: from, e.g. 08:00.")
UntilOption = typer.Option(None, "--until", help="Part of each day: to, e.g. 12:00.")
NoteOption = typer.Option(None, "--note", help="Why, e.g. 'Vård av barn'.")


def _window() -> DateWindow:
    settings = get_settings()
    return DateWindow.around(now(), settings.earliest_date, settings.max_future_days)


def _extent(view: absence.AbsenceView) -> str:
    if view.extent == "Percent":
        return f"{view.percent:g} %"
    if view.extent == "Hours":
        return f"{view.start}-{view.stop}"
    return "full day"


def _given(**values: object) -> dict[str, object]:
    """The values typed (options left out are not sent)."""
    return {name: value for name, value in values.items() if value is not None}


@app.command("add")
def add(
    employee: str = typer.Argument(..., help="The employee's EmployeeNr."),
    code: str = typer.Argument(..., help="An absence time code, e.g. Sjuk, VAB, Semester."),
    first: str = typer.Argument(..., help="The first day, e.g. 2025-06-12."),
    last: str = typer.Option(None, "--to", help="The last day (default: the first)."),
    percent: str = PercentOption,
    start: str = FromOption,
    stop: str = UntilOption,
    note: str = NoteOption,
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Register absence: full days, or a per cent of each day, or hours of each day.

    Example: stampla absence add 3002 Sjuk 2025-06-12 --percent 50
    """
    given = _given(
        employee_nr=employee,
        time_code=code,
        first_date=first,
        last_date=last,
        percent=percent,
        start=start,
        stop=stop,
        note=note,
    )
    with company_store(company, as_json) as (store, company_id):
        found = absence.register_absence(
            store, company_id, given, now(), window=_window(), actor=actor()
        )
    message = f"Absence {found.id}: {found.employee_nr} {found.time_code} " + _dates(found)
    changed(found, message + f", {_extent(found)}.", as_json)


@app.command("change")
def change(
    absence_id: str = typer.Argument(..., help="The registration's id (see list)."),
    code: str = typer.Option(None, "--code", help="Another absence time code."),
    first: str = typer.Option(None, "--first", help="Another first day."),
    last: str = typer.Option(None, "--to", help="Another last day."),
    extent: str = typer.Option(None, "--extent", help="FullDay, Percent or Hours."),
    percent: str = PercentOption,
    start: str = FromOption,
    stop: str = UntilOption,
    note: str = NoteOption,
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Change a registration; what is not given stays.

    Example: stampla absence change 12 --to 2025-06-14
    """
    given = _given(
        time_code=code,
        first_date=first,
        last_date=last,
        extent=extent,
        percent=percent,
        start=start,
        stop=stop,
        note=note,
    )
    with company_store(company, as_json) as (store, company_id):
        found = absence.change_absence(
            store, company_id, absence_id, given, now(), window=_window(), actor=actor()
        )
    message = f"Absence {found.id}: {found.employee_nr} {found.time_code} " + _dates(found)
    changed(found, message + f", {_extent(found)}.", as_json)


@app.command("cancel")
def cancel(
    absence_id: str = typer.Argument(..., help="The registration's id (see list)."),
    note: str = typer.Option(None, "--note", help="Why, for the audit trail."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Cancel a registration: it is kept (list --cancelled shows it) and counts no more.

    Example: stampla absence cancel 12 --note 'Kom till jobbet'
    """
    with company_store(company, as_json) as (store, company_id):
        found = absence.cancel_absence(
            store, company_id, absence_id, now(), note=note, actor=actor()
        )
    message = f"Absence {found.id} ({found.employee_nr} {found.time_code} {_dates(found)}) "
    changed(found, message + "is cancelled.", as_json)


@app.command("list")
def list_absence(
    employee: str = typer.Argument(None, help="Only this employee's (EmployeeNr)."),
    date_from: str = typer.Option(None, "--from", help="Reaching into this date or later."),
    date_to: str = typer.Option(None, "--to", help="Up to this date (inclusive)."),
    cancelled: bool = typer.Option(False, "--cancelled", help="Cancelled ones too."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """List registrations by employee and first day.

    Example: stampla absence list 3002 --from 2025-06-01 --to 2025-06-30
    """
    with company_store(company, as_json) as (store, company_id):
        found = absence.list_absences(
            store,
            company_id,
            window=_window(),
            employee_nr=employee,
            date_from=date_from,
            date_to=date_to,
            cancelled=cancelled,
        )
    if as_json:
        emit(found)
        return
    print_table("Absence", COLUMNS, found)


def _dates(view: absence.AbsenceView) -> str:
    if view.first_date == view.last_date:
        return view.first_date.isoformat()
    return f"{view.first_date}..{view.last_date}"
