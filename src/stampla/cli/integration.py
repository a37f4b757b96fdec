"""``stampla integration``: the connectApiKeys integrations log in with."""

from __future__ import annotations

import typer

from stampla.service import masterdata as md

from .common import CompanyOption, JsonOption, actor, changed, company_store, emit, secret, table
from .context import now

app = typer.Typer(
    help="Integrations: each has a connectApiKey, shown once when created or rotated.\n\n"
    "Example: stampla integration create 'Terminal vendor' --company 'Butik AB'",
    no_args_is_help=True,
)

NAME = typer.Argument(help="The integration's name, unique in the company.")


def _issued(created: md.CreatedIntegration, as_json: bool) -> None:
    lines = [("integration", created.name), ("connectApiKey", created.connect_api_key)]
    secret(created, f"Integration {created.name}", lines, as_json)


@app.command()
def create(name: str = NAME, company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """Create an integration and print its connectApiKey (shown once).

    Example: stampla integration create 'Terminal vendor' --company 'Butik AB'
    """
    with company_store(company, as_json) as (store, company_id):
        created = md.create_integration(store, company_id, name, now(), actor=actor())
    _issued(created, as_json)


@app.command()
def rotate(name: str = NAME, company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """Issue a new connectApiKey; the old key and its tokens stop at once.

    Example: stampla integration rotate 'Terminal vendor'
    """
    with company_store(company, as_json) as (store, company_id):
        created = md.rotate_integration(store, company_id, name, now(), actor=actor())
    _issued(created, as_json)


@app.command()
def revoke(name: str = NAME, company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """Revoke an integration for good: its key and tokens stop at once.

    Example: stampla integration revoke 'Terminal vendor'
    """
    with company_store(company, as_json) as (store, company_id):
        found = md.revoke_integration(store, company_id, name, now(), actor=actor())
    changed(found, f"Integration {found.name!r} is revoked.", as_json)


@app.command("list")
def list_(company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """List the company's integrations (never their keys).

    Example: stampla integration list --company 'Butik AB'
    """
    with company_store(company, as_json) as (store, company_id):
        found = md.list_integrations(store, company_id)
    if as_json:
        emit(found)
        return
    columns = [
        ("name", lambda i: i.name),
        ("active", lambda i: i.active),
        ("created", lambda i: i.created_at),
        ("revoked", lambda i: i.revoked_at),
    ]
    table("Integrations", columns, found)
