"""``stampla admin-key``: the keys of the /Admin HTTP API."""

from __future__ import annotations

import typer

from stampla.service import admin_keys

from .common import CompanyOption, JsonOption, actor, changed, company_store, emit, secret, table
from .context import now

app = typer.Typer(
    help="Admin keys for the /Admin HTTP API. A key manages one company's master data and "
    "credentials; it cannot post punches.\n\n"
    "Example: stampla admin-key create payroll-sync --company 'Butik AB'",
    no_args_is_help=True,
)

NAME = typer.Argument(help="A name saying who uses the key; the audit trail shows it.")


@app.command()
def create(name: str = NAME, company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """Create an admin key and print it (shown once).

    Example: stampla admin-key create payroll-sync --company 'Butik AB'
    """
    with company_store(company, as_json) as (store, company_id):
        created = admin_keys.create_admin_key(store, company_id, name, now(), actor=actor())
    lines = [("name", created.name), ("admin key", created.admin_key)]
    secret(created, "Admin key", lines, as_json)
    if not as_json:
        print("Use it as: Authorization: Bearer <admin key>")


@app.command("list")
def list_(company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """List the company's admin keys (never the keys themselves).

    Example: stampla admin-key list
    """
    with company_store(company, as_json) as (store, company_id):
        found = admin_keys.list_admin_keys(store, company_id)
    if as_json:
        emit(found)
        return
    columns = [
        ("name", lambda k: k.name),
        ("active", lambda k: k.active),
        ("created", lambda k: k.created_at),
        ("revoked", lambda k: k.revoked_at),
    ]
    table("Admin keys", columns, found)


@app.command()
def revoke(name: str = NAME, company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """Revoke an admin key; the next request with it is refused.

    Example: stampla admin-key revoke payroll-sync
    """
    with company_store(company, as_json) as (store, company_id):
        found = admin_keys.revoke_admin_key(store, company_id, name, now(), actor=actor())
    changed(found, f"Admin key {found.name!r} is revoked.", as_json)
