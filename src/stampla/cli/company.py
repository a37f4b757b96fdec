"""``stampla company``: create, list, show and update companies, and rotate their keys."""

from __future__ import annotations

import typer

from stampla.service import masterdata as md

from .common import CompanyOption, JsonOption, actor, company_store, emit, reporting, secret, table
from .common import show as show_one
from .context import now, ready_store

app = typer.Typer(
    help="Companies: each has its own companyApiKey, time zone and registers.\n\n"
    "Example: stampla company create 'Butik AB' --time-zone Europe/Stockholm",
    no_args_is_help=True,
)

COLUMNS = [
    ("id", lambda c: c.id),
    ("name", lambda c: c.name),
    ("time zone", lambda c: c.time_zone),
    ("employees", lambda c: c.employees),
    ("terminals", lambda c: c.terminals),
    ("integrations", lambda c: c.integrations),
    ("API users", lambda c: c.api_users),
]


@app.command()
def create(
    name: str = typer.Argument(help="The company's name (unique)."),
    time_zone: str = typer.Option(
        "Europe/Stockholm", help="IANA time zone: turns punches into local dates."
    ),
    as_json: JsonOption = False,
) -> None:
    """Create a company and print its companyApiKey (shown once).

    Example: stampla company create 'Butik AB' --time-zone Europe/Stockholm
    """
    store = ready_store()
    try:
        with reporting(as_json):
            created = md.create_company(store, name, now(), time_zone=time_zone, actor=actor())
    finally:
        store.dispose()
    lines = [("company id", str(created.id)), ("companyApiKey", created.company_api_key)]
    secret(created, f"Company {created.name}", lines, as_json)


@app.command("list")
def list_(as_json: JsonOption = False) -> None:
    """List every company in the database.

    Example: stampla company list --json
    """
    store = ready_store()
    try:
        found = md.list_companies(store)
    finally:
        store.dispose()
    if as_json:
        emit(found)
    else:
        table("Companies", COLUMNS, found)


@app.command()
def show(company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """Show one company: its id, time zone and how many active records it has.

    Example: stampla company show --company 'Butik AB'
    """
    with company_store(company, as_json) as (store, company_id):
        found = md.show_company(store, company_id)
    show_one(found, f"Company {found.name}", as_json)


@app.command()
def update(
    company: CompanyOption = None,
    name: str | None = typer.Option(None, help="A new name."),
    time_zone: str | None = typer.Option(
        None, help="A new IANA time zone; refused once the company has punches."
    ),
    org_nr: str | None = typer.Option(
        None, "--org-nr", help="Organisation number for payroll files, e.g. 556000-0000."
    ),
    as_json: JsonOption = False,
) -> None:
    """Rename a company, set its org number or, before its first punch, change its time zone.

    Example: stampla company update --company 'Butik AB' --time-zone Europe/Helsinki
    """
    with company_store(company, as_json) as (store, company_id):
        found = md.update_company(
            store, company_id, now(), name=name, time_zone=time_zone, org_nr=org_nr, actor=actor()
        )
    show_one(found, f"Company {found.name}", as_json)


@app.command("rotate-key")
def rotate_key(company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """Issue a new companyApiKey (shown once); the old key and its tokens stop at once.

    Use it when the key may have leaked. Every integration of the company needs the new key.

    Example: stampla company rotate-key --company 'Butik AB'
    """
    with company_store(company, as_json) as (store, company_id):
        rotated = md.rotate_company_key(store, company_id, now(), actor=actor())
    lines = [("company id", str(rotated.id)), ("companyApiKey", rotated.company_api_key)]
    secret(rotated, f"Company {rotated.name}: new key", lines, as_json)
