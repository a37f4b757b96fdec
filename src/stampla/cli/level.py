"""``stampla level``: coding levels (Finance > Accounting > Coding levels)."""

from __future__ import annotations

import typer

from stampla.service import masterdata as md

from .common import CompanyOption, JsonOption, actor, changed, company_store, emit
from .common import table as print_table
from .context import now

app = typer.Typer(
    help="Coding levels: the account dimensions, each with an optional SIE dimension.\n\n"
    "Example: stampla level add 3 Region --sie-dimension 30",
    no_args_is_help=True,
)


@app.command()
def add(
    number: str = typer.Argument(help="The level's number."),
    name: str = typer.Argument(help="The level's name, e.g. Region."),
    sie_dimension: str | None = typer.Option(
        None, help="SIE dimension: what punches send as SieAccountDim."
    ),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add a coding level.

    Example: stampla level add 2 Avdelning --sie-dimension 50
    """
    given = {"number": number, "name": name, "sie_dimension": sie_dimension}
    with company_store(company, as_json) as (store, company_id):
        found = md.add_coding_level(store, company_id, given, now(), actor=actor())
    changed(found, f"Coding level {found.number} ({found.name}) added.", as_json)


@app.command("list")
def list_(company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """List coding levels with their SIE dimension and number of accounts.

    Example: stampla level list
    """
    with company_store(company, as_json) as (store, company_id):
        found = md.list_coding_levels(store, company_id)
    if as_json:
        emit(found)
        return
    columns = [
        ("number", lambda level: level.number),
        ("name", lambda level: level.name),
        ("SIE dimension", lambda level: level.sie_dimension),
        ("accounts", lambda level: level.accounts),
    ]
    print_table("Coding levels", columns, found)
