"""``stampla staff``: the people who sign in to the pages, with a role and a scope."""

from __future__ import annotations

import sys

import typer

from stampla.service import staff

from .common import CompanyOption, JsonOption, actor, changed, company_store, emit, table
from .context import now

app = typer.Typer(
    help="Staff users: who signs in to the pages (roles viewer, attestant, payroll, admin).\n\n"
    "Example: stampla staff add 'Åsa Öberg' --role attestant --scope-level Avdelning "
    "--scope-accounts 100,200 --company 'Butik AB'",
    no_args_is_help=True,
)

NAME = typer.Argument(help="The staff user's name (matched in any letter case).")
ROLE = typer.Option(..., "--role", help="viewer, attestant, payroll or admin.")
SCOPE_LEVEL = typer.Option(
    None, "--scope-level", help="Limit to employees whose account in this coding level …"
)
SCOPE_ACCOUNTS = typer.Option(
    None, "--scope-accounts", help="… is one of these account numbers (comma separated)."
)
PASSWORD_STDIN = typer.Option(
    False, "--password-stdin", help="Read the password from the first line of stdin."
)
LANGUAGE = typer.Option("sv", "--language", help="sv or en: the language of the pages.")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@app.command()
def add(
    name: str = NAME,
    role: str = ROLE,
    scope_level: str | None = SCOPE_LEVEL,
    scope_accounts: str | None = SCOPE_ACCOUNTS,
    language: str = LANGUAGE,
    company: CompanyOption = None,
    password_stdin: bool = PASSWORD_STDIN,
    as_json: JsonOption = False,
) -> None:
    """Add a staff user (password from a prompt or --password-stdin).

    Example: printf '%s\\n' "$PASSWORD" | stampla staff add 'Åsa' --role payroll --password-stdin
    """
    with company_store(company, as_json) as (store, company_id):
        checked_role = staff.parse_role(role)
        scope = staff.parse_scope(scope_level, scope_accounts)
        password = _password(password_stdin)
        user = staff.add_staff_user(
            store,
            company_id,
            name,
            password,
            checked_role,
            now(),
            scope=scope,
            language=language,
            actor=actor(),
        )
    changed(user, f"Staff user {user.name!r} ({user.role.value}) is added.", as_json)


@app.command()
def role(
    name: str = NAME,
    role: str = ROLE,
    scope_level: str | None = SCOPE_LEVEL,
    scope_accounts: str | None = SCOPE_ACCOUNTS,
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Set a staff user's role and scope (no scope options: every employee); a change revokes
    the user's API tokens.

    Example: stampla staff role 'Åsa' --role viewer
    """
    with company_store(company, as_json) as (store, company_id):
        checked_role = staff.parse_role(role)
        scope = staff.parse_scope(scope_level, scope_accounts)
        user = staff.set_role(
            store, company_id, name, checked_role, now(), scope=scope, actor=actor()
        )
    changed(user, f"Staff user {user.name!r} is now {user.role.value}.", as_json)


@app.command()
def passwd(
    name: str = NAME,
    company: CompanyOption = None,
    password_stdin: bool = PASSWORD_STDIN,
    as_json: JsonOption = False,
) -> None:
    """Set a new password; the user's open sessions and API tokens end.

    Example: stampla staff passwd 'Åsa'
    """
    password = _password(password_stdin)
    with company_store(company, as_json) as (store, company_id):
        user = staff.set_password(store, company_id, name, password, now(), actor=actor())
    changed(user, f"The password of {user.name!r} is set.", as_json)


@app.command()
def disable(name: str = NAME, company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """Disable a staff user: no sign-in, and open sessions and API tokens end.

    Example: stampla staff disable 'Åsa'
    """
    with company_store(company, as_json) as (store, company_id):
        user = staff.set_active(store, company_id, name, False, now(), actor=actor())
    changed(user, f"Staff user {user.name!r} is disabled.", as_json)


@app.command()
def enable(name: str = NAME, company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """Enable a disabled staff user again.

    Example: stampla staff enable 'Åsa'
    """
    with company_store(company, as_json) as (store, company_id):
        user = staff.set_active(store, company_id, name, True, now(), actor=actor())
    changed(user, f"Staff user {user.name!r} is enabled.", as_json)


@app.command("list")
def list_(company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """List the company's staff users (never their passwords).

    Example: stampla staff list --json
    """
    with company_store(company, as_json) as (store, company_id):
        found = staff.list_staff_users(store, company_id)
    if as_json:
        emit(found)
        return
    columns = [
        ("name", lambda u: u.name),
        ("role", lambda u: u.role.value),
        ("scope", lambda u: staff.shown(u.scope)),
        ("active", lambda u: u.active),
    ]
    table("Staff users", columns, found)
