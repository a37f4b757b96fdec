"""``stampla terminal``: terminals and attendance apps (Staff > Settings > Terminals)."""

from __future__ import annotations

from typing import Any

import typer

from stampla.service import masterdata as md

from .common import ActiveOption, CompanyOption, JsonOption, actor, changed, company_store, emit
from .common import table as print_table
from .context import now

app = typer.Typer(
    help="Terminals, found by Terminal ID number (TimeTerminalId). An attendance app is "
    "registered as a terminal too.\n\n"
    "Example: stampla terminal add 7255 --name 14 --type attendance_terminal",
    no_args_is_help=True,
)

NUMBER = typer.Argument(help="Terminal ID number, sent by punches as TimeTerminalId.")
TYPE_HELP = "attendance_terminal or application."

COLUMNS = [
    ("active", lambda t: t.active),
    ("terminal id", lambda t: t.time_terminal_id),
    ("company id", lambda t: t.company_id),
    ("name", lambda t: t.name),
    ("type", lambda t: t.type),
    ("time zone", lambda t: t.time_zone or "(company's)"),
]


def _given(**options: Any) -> dict[str, Any]:
    return {column: value for column, value in options.items() if value is not None}


@app.command()
def add(
    number: str = NUMBER,
    name: str = typer.Option(..., help="The terminal's name."),
    type_: str = typer.Option("attendance_terminal", "--type", help=TYPE_HELP),
    time_zone: str | None = typer.Option(
        None, help="Own IANA zone for TimeStamps without an offset (default: the company's)."
    ),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Register a terminal or an attendance app.

    Example: stampla terminal add 1 --name 'Attendance app' --type application
    """
    given = _given(terminal_number=number, name=name, kind=type_, time_zone=time_zone)
    with company_store(company, as_json) as (store, company_id):
        found = md.add_terminal(store, company_id, given, now(), actor=actor())
    changed(found, f"Terminal {found.time_terminal_id} ({found.name}) added.", as_json)


@app.command()
def update(
    number: str = NUMBER,
    name: str | None = typer.Option(None, help="A new name."),
    type_: str | None = typer.Option(None, "--type", help=TYPE_HELP),
    time_zone: str | None = typer.Option(None, help="Own IANA zone; '' for the company's."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Change a terminal's name, type or time zone; its number stays.

    Example: stampla terminal update 7255 --time-zone Europe/Helsinki
    """
    given = _given(name=name, kind=type_, time_zone=time_zone)
    with company_store(company, as_json) as (store, company_id):
        found = md.update_terminal(store, company_id, number, given, now(), actor=actor())
    changed(found, f"Terminal {found.time_terminal_id} updated.", as_json)


@app.command()
def deactivate(number: str = NUMBER, company: CompanyOption = None, as_json: JsonOption = False):
    """Deactivate a terminal: stored punches stay valid, new ones are refused.

    Example: stampla terminal deactivate 7255
    """
    with company_store(company, as_json) as (store, company_id):
        found = md.set_terminal_active(store, company_id, number, False, now(), actor=actor())
    changed(found, f"Terminal {found.time_terminal_id} is inactive.", as_json)


@app.command()
def activate(number: str = NUMBER, company: CompanyOption = None, as_json: JsonOption = False):
    """Make an inactive terminal active again.

    Example: stampla terminal activate 7255
    """
    with company_store(company, as_json) as (store, company_id):
        found = md.set_terminal_active(store, company_id, number, True, now(), actor=actor())
    changed(found, f"Terminal {found.time_terminal_id} is active.", as_json)


@app.command("list")
def list_(
    company: CompanyOption = None, active: ActiveOption = None, as_json: JsonOption = False
) -> None:
    """List terminals by Terminal ID number, with the company ID number to enter in them.

    Example: stampla terminal list --json
    """
    with company_store(company, as_json) as (store, company_id):
        found = md.list_terminals(store, company_id, active=active)
    if as_json:
        emit(found)
    else:
        print_table("Terminals", COLUMNS, found)
