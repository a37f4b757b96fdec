"""``stampla schedule …``: templates, assignments, overrides, and an employee's week.

``stampla schedule template …`` is the templates' register group (``register``), with
``show`` added; the other commands name an employee by EmployeeNr and dates as 2025-06-12.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import typer
from rich.table import Table

from stampla.domain.schedule.codec import day_from_documents
from stampla.service import masterdata as md
from stampla.service import schedules
from stampla.service.attest import company_zone
from stampla.service.masterdata.shifts import DAYS
from stampla.service.masterdata.values import format_hours
from stampla.service.schedules.common import read_date

from .common import CompanyOption, JsonOption, actor, changed, company_store, emit
from .common import table as print_table
from .context import console, date_window, now
from .register import register_app

app = typer.Typer(
    help="Schedules: templates, who follows which from when, and single dates planned "
    "otherwise.\n\nExample: stampla schedule assign 3002 Kontor --from 2025-06-02",
    no_args_is_help=True,
)
templates = register_app(md.SCHEDULE_TEMPLATE)
app.add_typer(templates, name="template")

EmployeeArgument = typer.Argument(..., help="The employee's EmployeeNr.")
ASSIGNMENT_COLUMNS = (
    ("employee", lambda a: a.employee_nr),
    ("template", lambda a: a.template),
    ("from", lambda a: a.valid_from.isoformat()),
    ("to", lambda a: a.valid_to.isoformat() if a.valid_to else "until further notice"),
    ("start week", lambda a: f"{a.start_week} of {a.rotation_weeks}"),
)
OVERRIDE_COLUMNS = (
    ("employee", lambda o: o.employee_nr),
    ("date", lambda o: f"{o.date:%Y-%m-%d %a}"),
    ("shifts", lambda o: _day_text(o.model_dump()["shifts"])),
    ("hours", lambda o: o.scheduled_hours),
    ("note", lambda o: o.note),
)


def _day_text(documents: list[dict]) -> str:
    """A day's shifts for a table: one line per shift, with its account and time code."""
    if not documents:
        return "day off"
    lines = []
    for shift in day_from_documents(documents):
        line = f"{shift.start:%H:%M}-{shift.stop:%H:%M}"
        line += "".join(f" /{b.start:%H:%M}-{b.stop:%H:%M}" for b in shift.breaks)
        if shift.account_nr:
            line += f" account {shift.account_nr}"
        if shift.time_code:
            line += f" {shift.time_code}"
        lines.append(line)
    return "\n".join(lines)


# Templates -----------------------------------------------------------------------------------


@templates.command("show")
def show_template(
    name: str = typer.Argument(..., help="The template's name (in any letter case)."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show a template's rotation, a week to a row.

    Example: stampla schedule template show Kontor
    """
    with company_store(company, as_json) as (store, company_id):
        found = md.get_schedule_template(store, company_id, name)
    if as_json:
        emit(found)
        return
    holidays = "works on holidays" if found.works_on_holidays else "holidays off"
    title = f"Schedule template {found.name!r} ({holidays}{'' if found.active else ', inactive'})"
    grid = Table("week", *DAYS, "hours", title=title, title_justify="left", show_lines=True)
    stored = found.model_dump()["weeks"]
    for number, (week, weekly) in enumerate(zip(stored, found.weekly_hours, strict=True), 1):
        grid.add_row(str(number), *(_day_text(day) for day in week), weekly)
    console.print(grid)
    if found.description:
        console.print(found.description, highlight=False)


# Assignments ---------------------------------------------------------------------------------


@app.command("assign")
def assign(
    employee: str = EmployeeArgument,
    template: str = typer.Argument(..., help="The template's name (in any letter case)."),
    valid_from: str = typer.Option(..., "--from", help="The first day, e.g. 2025-06-02."),
    valid_to: str = typer.Option(
        None, "--to", help="The last day (default: until further notice)."
    ),
    start_week: int = typer.Option(
        None, "--start-week", help="The rotation week of the week that holds --from (default 1)."
    ),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Assign a schedule template to an employee from a date.

    Without --to, it ends the employee's open-ended assignment before it on the day before.

    Example: stampla schedule assign 3002 Kontor --from 2025-06-02 --start-week 2
    """
    given = {
        "employee_nr": employee,
        "template": template,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "start_week": start_week,
    }
    with company_store(company, as_json) as (store, company_id):
        done = schedules.add_assignment(
            store, company_id, given, now(), window=date_window(), actor=actor()
        )
    found = done.assignment
    message = f"Employee {found.employee_nr} follows {found.template!r} from {found.valid_from}"
    message += f" to {found.valid_to}." if found.valid_to else " until further notice."
    if done.ended:
        message += (
            f" The assignment of {done.ended.template!r} from {done.ended.valid_from} now "
            f"ends {done.ended.valid_to}."
        )
    changed(found, message, as_json)


@app.command("assignments")
def list_assignments(
    employee: str = typer.Argument(None, help="Only this employee's (EmployeeNr)."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """List assignments by employee and first day.

    Example: stampla schedule assignments 3002
    """
    with company_store(company, as_json) as (store, company_id):
        found = schedules.list_assignments(store, company_id, employee)
    if as_json:
        emit(found)
        return
    print_table("Schedule assignments", ASSIGNMENT_COLUMNS, found)


@app.command("end")
def end(
    employee: str = EmployeeArgument,
    last_day: str = typer.Argument(..., help="The assignment's last day; '' for none."),
    valid_from: str = typer.Option(
        None, "--from", help="The assignment's first day (default: the one LAST_DAY falls in)."
    ),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """End an assignment on a day (or, with --from and '', make it open-ended again).

    Example: stampla schedule end 3002 2025-08-31
    """
    with company_store(company, as_json) as (store, company_id):
        found = schedules.end_assignment(
            store,
            company_id,
            employee,
            last_day or None,
            now(),
            window=date_window(),
            valid_from=valid_from,
            actor=actor(),
        )
    until = f"ends {found.valid_to}" if found.valid_to else "lasts until further notice"
    message = f"The assignment of {found.template!r} from {found.valid_from} {until}."
    changed(found, message, as_json)


@app.command("unassign")
def unassign(
    employee: str = EmployeeArgument,
    valid_from: str = typer.Argument(..., help="The assignment's first day."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Remove an assignment made by mistake; the audit trail keeps what it was.

    Example: stampla schedule unassign 3002 2025-06-02
    """
    with company_store(company, as_json) as (store, company_id):
        found = schedules.remove_assignment(
            store, company_id, employee, valid_from, now(), window=date_window(), actor=actor()
        )
    message = f"The assignment of {found.template!r} from {found.valid_from} is removed."
    changed(found, message, as_json)


# Overrides -----------------------------------------------------------------------------------


@app.command("override")
def override(
    employee: str = EmployeeArgument,
    day: str = typer.Argument(..., help="The date, e.g. 2025-06-12."),
    shifts: str = typer.Argument(
        ..., help="The date's shifts, e.g. '12:00-20:00 /16:00-16:30'; '-' for a day off."
    ),
    note: str = typer.Option(None, "--note", help="Why, e.g. 'Byter pass med Lovisa'."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Plan one date otherwise than the template says (replacing its override, if any).

    Example: stampla schedule override 3002 2025-06-12 '12:00-20:00 /16:00-16:30'
    """
    given = {"employee_nr": employee, "date": day, "shifts": shifts, "note": note}
    with company_store(company, as_json) as (store, company_id):
        done = schedules.set_override(
            store, company_id, given, now(), window=date_window(), actor=actor()
        )
    found = done.override
    planned = _day_text(found.model_dump()["shifts"]).replace("\n", ", ")
    message = f"Employee {found.employee_nr} on {found.date}: {planned}"
    message += "." if done.created else " (replacing the override it had)."
    changed(found, message, as_json)


@app.command("overrides")
def list_overrides(
    employee: str = typer.Argument(None, help="Only this employee's (EmployeeNr)."),
    date_from: str = typer.Option(None, "--from", help="From this date."),
    date_to: str = typer.Option(None, "--to", help="To this date (inclusive)."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """List overrides by employee and date.

    Example: stampla schedule overrides 3002 --from 2025-06-01 --to 2025-06-30
    """
    with company_store(company, as_json) as (store, company_id):
        found = schedules.list_overrides(
            store,
            company_id,
            window=date_window(),
            employee_nr=employee,
            date_from=date_from,
            date_to=date_to,
        )
    if as_json:
        emit(found)
        return
    print_table("Schedule overrides", OVERRIDE_COLUMNS, found)


@app.command("remove-override")
def remove_override(
    employee: str = EmployeeArgument,
    day: str = typer.Argument(..., help="The date."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Remove a date's override: the date follows the template again.

    Example: stampla schedule remove-override 3002 2025-06-12
    """
    with company_store(company, as_json) as (store, company_id):
        found = schedules.remove_override(
            store, company_id, employee, day, now(), window=date_window(), actor=actor()
        )
    changed(found, f"Employee {found.employee_nr} on {found.date} follows the template.", as_json)


# The week ------------------------------------------------------------------------------------


@app.command("week")
def week(
    employee: str = EmployeeArgument,
    day: str = typer.Option(None, "--week", help="A date of the week (default: this week)."),
    company: CompanyOption = None,
) -> None:
    """Show an employee's planned week, Monday to Sunday, as attest plans it.

    Example: stampla schedule week 3002 --week 2025-06-09
    """
    with company_store(company) as (store, company_id):
        zone = company_zone(store, company_id)
        wanted = read_date(day, "--week", date_window()) if day else now().astimezone(zone).date()
        found = schedules.schedule_week(store, company_id, employee, wanted)
    title = f"Week of {found.monday} · {found.employee_nr} {found.name} · {found.day_rule.value}"
    headers = [
        f"{day.date:%a %d %b}" + (f"\n{day.plan.holiday}" if day.plan.holiday else "")
        for day in found.days
    ]
    grid = Table(*headers, title=title, title_justify="left")
    grid.add_row(*(_planned(day, found.zone) for day in found.days))
    console.print(grid)
    label = "Scheduled" if found.scheduled else "Expected"
    console.print(f"{label} this week: {_hours(found.expected_seconds)}", highlight=False)


def _hours(seconds: int | None) -> str:
    return "–" if seconds is None else format_hours(seconds // 60) or "0:00"


def _clock(instant: datetime, zone: ZoneInfo) -> str:
    return f"{instant.astimezone(zone):%H:%M}"


def _planned(day: schedules.WeekDay, zone: ZoneInfo) -> str:
    plan = day.plan
    if not plan.employed:
        return "not employed"
    lines = []
    for shift in plan.shifts:
        lines.append(f"{_clock(shift.start, zone)}-{_clock(shift.stop, zone)}")
        lines += [f" break {_clock(b.start, zone)}-{_clock(b.stop, zone)}" for b in shift.breaks]
        if shift.account_nr:
            lines.append(f" account {shift.account_nr}")
        if shift.time_code:
            lines.append(f" {shift.time_code}")
    if day.day_off:
        lines.append("day off")
    if not plan.scheduled:
        lines.append("no schedule")
    for absence in plan.absences:
        lines.append(f"{absence.code} {_hours(absence.seconds)}")
    if day.overridden:
        lines.append("(override" + (f": {day.note})" if day.note else ")"))
    elif day.template:
        lines.append(f"({day.template}, week {day.rotation_week}/{day.rotation_weeks})")
    lines.append(f"= {_hours(plan.expected_seconds)}")
    return "\n".join(lines)
