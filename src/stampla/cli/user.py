"""``stampla user``: the API users integrations log in as (LoginDTO UserName/Password)."""

from __future__ import annotations

import sys

import typer

from stampla.service import masterdata as md

from .common import CompanyOption, JsonOption, actor, changed, company_store, emit, secret, table
from .context import now

app = typer.Typer(
    help="API users: the UserName and Password of /Login/Token.\n\n"
    "Example: stampla user add terminal-api --company 'Butik AB'",
    no_args_is_help=True,
)

NAME = typer.Argument(help="The user name, unique in the company.")
PASSWORD_STDIN = typer.Option(
    False,
    "--password-stdin",
    help="Read the password from the first line of stdin instead of generating one.",
)


def _password(from_stdin: bool) -> str | None:
    if not from_stdin:
        return None
    return sys.stdin.readline().rstrip("\r\n")


def _issued(user: md.UserPassword, generated: bool, as_json: bool) -> None:
    if generated:
        lines = [("UserName", user.user_name), ("Password", user.password)]
        secret(user, f"API user {user.user_name}", lines, as_json)
        return
    hidden = user.model_copy(update={"password": ""})
    changed(hidden, f"The password of {user.user_name!r} is set.", as_json)


@app.command()
def add(
    name: str = NAME,
    company: CompanyOption = None,
    password_stdin: bool = PASSWORD_STDIN,
    as_json: JsonOption = False,
) -> None:
    """Add an API user; a generated password is printed once.

    Example: printf '%s\\n' "$PASSWORD" | stampla user add terminal-api --password-stdin
    """
    password = _password(password_stdin)
    with company_store(company, as_json) as (store, company_id):
        user = md.add_api_user(store, company_id, name, password, now(), actor=actor())
    _issued(user, password is None, as_json)


@app.command()
def passwd(
    name: str = NAME,
    company: CompanyOption = None,
    password_stdin: bool = PASSWORD_STDIN,
    as_json: JsonOption = False,
) -> None:
    """Set a new password (generated and printed once, unless read from stdin).

    The user's existing tokens stop at once.

    Example: stampla user passwd terminal-api
    """
    password = _password(password_stdin)
    with company_store(company, as_json) as (store, company_id):
        user = md.set_password(store, company_id, name, password, now(), actor=actor())
    _issued(user, password is None, as_json)


@app.command()
def disable(name: str = NAME, company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """Disable an API user: it cannot log in, and its tokens stop at once.

    Example: stampla user disable terminal-api
    """
    with company_store(company, as_json) as (store, company_id):
        user = md.set_api_user_active(store, company_id, name, False, now(), actor=actor())
    changed(user, f"API user {user.user_name!r} is disabled.", as_json)


@app.command()
def enable(name: str = NAME, company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """Enable a disabled API user again (it must log in anew).

    Example: stampla user enable terminal-api
    """
    with company_store(company, as_json) as (store, company_id):
        user = md.set_api_user_active(store, company_id, name, True, now(), actor=actor())
    changed(user, f"API user {user.user_name!r} is enabled.", as_json)


@app.command("list")
def list_(company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """List the company's API users (never their passwords).

    Example: stampla user list --json
    """
    with company_store(company, as_json) as (store, company_id):
        found = md.list_api_users(store, company_id)
    if as_json:
        emit(found)
        return
    columns = [
        ("user name", lambda u: u.user_name),
        ("active", lambda u: u.active),
        ("created", lambda u: u.created_at),
    ]
    table("API users", columns, found)
