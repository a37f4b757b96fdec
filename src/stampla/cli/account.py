"""``stampla account``: the accounts of each coding level."""

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
    help="Accounts, found by AccountNr within a coding level.\n\n"
    "Example: stampla account add 1000 Stockholm --level 3",
    no_args_is_help=True,
)

NR = typer.Argument(help="AccountNr.")
LEVEL = typer.Option(None, "--level", help="Number of the coding level.")
SIE = typer.Option(None, "--sie-dimension", help="The coding level by its SIE dimension.")

COLUMNS = [
    ("active", lambda a: a.active),
    ("level", lambda a: f"{a.coding_level} {a.level_name}"),
    ("SIE", lambda a: a.sie_dimension),
    ("number", lambda a: a.account_nr),
    ("name", lambda a: a.name),
]


@app.command()
def add(
    account_nr: str = NR,
    name: str = typer.Argument(help="The account's name."),
    level: str | None = LEVEL,
    sie_dimension: str | None = SIE,
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add an account to a coding level (named by --level or --sie-dimension).

    Example: stampla account add 1000 Stockholm --level 3
    """
    given = {"account_nr": account_nr, "name": name}
    with company_store(company, as_json) as (store, company_id):
        found = md.add_account(
            store,
            company_id,
            given,
            now(),
            level=level,
            sie_dimension=sie_dimension,
            actor=actor(),
        )
    changed(found, f"Account {found.account_nr} added to {found.level_name}.", as_json)


def _set_active(
    account_nr: str,
    active: bool,
    level: str | None,
    sie_dimension: str | None,
    company: str | None,
    as_json: bool,
) -> None:
    with company_store(company, as_json) as (store, company_id):
        found = md.set_account_active(
            store,
            company_id,
            account_nr,
            active,
            now(),
            level=level,
            sie_dimension=sie_dimension,
            actor=actor(),
        )
    state = "active" if found.active else "inactive"
    changed(found, f"Account {found.account_nr} in {found.level_name} is {state}.", as_json)


@app.command()
def deactivate(
    account_nr: str = NR,
    level: str | None = LEVEL,
    sie_dimension: str | None = SIE,
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Deactivate an account: stored punches stay valid, new ones are refused.

    --level is needed only when the AccountNr exists in several levels.

    Example: stampla account deactivate 4001 --level 2
    """
    _set_active(account_nr, False, level, sie_dimension, company, as_json)


@app.command()
def activate(
    account_nr: str = NR,
    level: str | None = LEVEL,
    sie_dimension: str | None = SIE,
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Make an inactive account active again.

    Example: stampla account activate 1000 --level 3
    """
    _set_active(account_nr, True, level, sie_dimension, company, as_json)


@app.command("list")
def list_(
    level: str | None = LEVEL,
    company: CompanyOption = None,
    active: ActiveOption = None,
    as_json: JsonOption = False,
) -> None:
    """List accounts by coding level and AccountNr.

    Example: stampla account list --level 3
    """
    with company_store(company, as_json) as (store, company_id):
        found = md.list_accounts(store, company_id, level=level, active=active)
    if as_json:
        emit(found)
    else:
        print_table("Accounts", COLUMNS, found)


@app.command("import")
def import_(
    file: Path = FileArgument,
    level: str | None = typer.Option(
        None, "--level", help="Coding level of rows whose file names none."
    ),
    company: CompanyOption = None,
    skip_invalid: bool = SkipInvalid,
    encoding: str | None = Encoding,
    delimiter: str | None = Delimiter,
    as_json: JsonOption = False,
) -> None:
    """Import accounts from CSV, upserting by AccountNr within its coding level.

    Example: stampla account import region.csv --level 3
    """
    options = ImportOptions(
        skip_invalid=skip_invalid, encoding=encoding, delimiter=delimiter, level=level
    )
    run_import("accounts", file, company, options, as_json)
