"""``stampla timecode``: attendance and absence time codes (Staff > Settings > Time)."""

from __future__ import annotations

from pathlib import Path

import typer

from stampla.service import masterdata as md
from stampla.service.csv_import import ImportOptions

from .common import ActiveOption, CompanyOption, JsonOption, actor, changed, company_store, emit
from .common import table as print_table
from .context import now
from .importing import Delimiter, Encoding, FileArgument, SkipInvalid, run_import

app = typer.Typer(
    help="Time codes, found by code (what punches send as TimeScheduleTypeCode).\n\n"
    "Example: stampla timecode add 'OB 50%' --salary-id 'OB 50%'",
    no_args_is_help=True,
)

CODE = typer.Argument(help="The code as punches send it (in any letter case).")
KIND_HELP = "attendance or absence."

COLUMNS = [
    ("active", lambda t: t.active),
    ("code", lambda t: t.code),
    ("name", lambda t: t.name),
    ("description", lambda t: t.description),
    ("kind", lambda t: t.kind),
    ("salary IDs", lambda t: t.salary_ids),
]


@app.command()
def add(
    code: str = CODE,
    name: str | None = typer.Option(None, help="Name (default: the code)."),
    description: str | None = typer.Option(None, help="Description."),
    kind: str = typer.Option("attendance", help=KIND_HELP),
    salary_id: list[str] = typer.Option([], "--salary-id", help="A salary ID; repeatable."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add an attendance or absence time code.

    Example: stampla timecode add 'Övertid komp 1,5' --salary-id 'Övertid kompsaldo, faktor 1,5'
    """
    given = {
        "code": code,
        "name": name if name is not None else code,
        "description": description,
        "kind": kind,
        "salary_ids": salary_id,
    }
    with company_store(company, as_json) as (store, company_id):
        found = md.add_time_code(store, company_id, given, now(), actor=actor())
    changed(found, f"Time code {found.code!r} added.", as_json)


@app.command()
def deactivate(code: str = CODE, company: CompanyOption = None, as_json: JsonOption = False):
    """Deactivate a time code: stored punches stay valid, new ones are refused.

    Example: stampla timecode deactivate 'OB 50%'
    """
    with company_store(company, as_json) as (store, company_id):
        found = md.set_time_code_active(store, company_id, code, False, now(), actor=actor())
    changed(found, f"Time code {found.code!r} is inactive.", as_json)


@app.command()
def activate(code: str = CODE, company: CompanyOption = None, as_json: JsonOption = False):
    """Make an inactive time code active again.

    Example: stampla timecode activate 'OB 50%'
    """
    with company_store(company, as_json) as (store, company_id):
        found = md.set_time_code_active(store, company_id, code, True, now(), actor=actor())
    changed(found, f"Time code {found.code!r} is active.", as_json)


@app.command("list")
def list_(
    kind: str | None = typer.Option(None, help=KIND_HELP),
    company: CompanyOption = None,
    active: ActiveOption = None,
    as_json: JsonOption = False,
) -> None:
    """List time codes by code.

    Example: stampla timecode list --kind absence
    """
    with company_store(company, as_json) as (store, company_id):
        found = md.list_time_codes(store, company_id, kind=kind, active=active)
    if as_json:
        emit(found)
    else:
        print_table("Time codes", COLUMNS, found)


@app.command("import")
def import_(
    file: Path = FileArgument,
    kind: str | None = typer.Option(
        None, help="attendance or absence, for rows whose file says neither."
    ),
    company: CompanyOption = None,
    skip_invalid: bool = SkipInvalid,
    encoding: str | None = Encoding,
    delimiter: str | None = Delimiter,
    as_json: JsonOption = False,
) -> None:
    """Import time codes from CSV, upserting by code.

    Example: stampla timecode import franvaro.csv --kind absence
    """
    options = ImportOptions(
        skip_invalid=skip_invalid, encoding=encoding, delimiter=delimiter, kind=kind
    )
    run_import("timecodes", file, company, options, as_json)
