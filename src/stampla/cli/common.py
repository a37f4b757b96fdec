"""What the master data commands share: --company and --json, errors, tables and secrets.

Every command prints a Rich table (or panel) for people and, with ``--json``, the same objects
the admin API answers with, for scripts. A failure exits with status 1; with ``--json`` it also
prints the API's error body on stdout, so a script reads one shape either way.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.panel import Panel
from rich.table import Table

from stampla.errors import Problem, StamplaError, error_body
from stampla.service.audit import Actor
from stampla.store.engine import Store
from stampla.wire.results import ErrorItem

from .context import company_id_for, console, errors, ready_store

CompanyOption = Annotated[
    str | None,
    typer.Option(
        "--company",
        "-c",
        help=(
            "Company name (in any letter case) or id; may be left out when the database has "
            "one company."
        ),
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (the admin API's shape).")]
ActiveOption = Annotated[
    bool | None,
    typer.Option("--active/--inactive", help="Only active, or only inactive, records."),
]

Column = tuple[str, Callable[[Any], Any]]


def actor() -> Actor:
    """Who the audit trail names for a CLI change: the operating-system user."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no passwd entry, e.g. in a bare container
        return "cli"


@contextmanager
def company_store(company: str | None, as_json: bool = False) -> Iterator[tuple[Store, int]]:
    """The store and the chosen company; service errors printed and turned into exit 1."""
    store = ready_store()
    try:
        with reporting(as_json):
            yield store, company_id_for(store, company)
    finally:
        store.dispose()


@contextmanager
def reporting(as_json: bool = False) -> Iterator[None]:
    """Print a service error (and each of its problems) and exit with status 1."""
    try:
        yield
    except StamplaError as error:
        if as_json:
            print(json.dumps(error_body(error.message, error.problems), ensure_ascii=False))
        errors.print(f"[bold red]Error:[/] {error.message}", highlight=False)
        for problem in error.problems:
            errors.print(f"  {describe(problem)}", highlight=False, markup=False)
        raise typer.Exit(1) from None


def describe(problem: Problem | ErrorItem) -> str:
    """A problem as one line; an import's index is its line in the file."""
    where = f"line {problem.index}: " if problem.index is not None else ""
    return f"{where}{problem.message}"


def emit(data: BaseModel | Sequence[BaseModel]) -> None:
    """Print models as JSON, named as the admin API names them."""
    if isinstance(data, BaseModel):
        payload: Any = data.model_dump(mode="json")
    else:
        payload = [item.model_dump(mode="json") for item in data]
    print(json.dumps(payload, ensure_ascii=False, indent=2))


def table(title: str, columns: Sequence[Column], items: Sequence[Any]) -> None:
    """Print ``items`` as a table with one row each."""
    grid = Table(*(header for header, _ in columns), title=title, title_justify="left")
    for item in items:
        grid.add_row(*(_cell(value(item)) for _, value in columns))
    console.print(grid)
    if not items:
        console.print("(none)")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, list):
        return " | ".join(map(str, value))
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def show(item: BaseModel, title: str, as_json: bool) -> None:
    """One record: JSON, or a two-column table of its fields."""
    if as_json:
        emit(item)
        return
    grid = Table(show_header=False, title=title, title_justify="left")
    for name, value in item.model_dump(by_alias=True).items():
        grid.add_row(name, _cell(value))
    console.print(grid)


def secret(item: BaseModel, title: str, lines: Sequence[tuple[str, str]], as_json: bool) -> None:
    """A new secret, printed this once with a warning that it cannot be shown again."""
    if as_json:
        emit(item)
        return
    body = "\n".join(f"{label:<15}[bold]{value}[/]" for label, value in lines)
    console.print(Panel.fit(body, title=title), soft_wrap=True)
    console.print(
        "Store it now: it is shown this once, and Stampla keeps only a hash of it.",
        style="yellow",
    )


def changed(item: BaseModel, message: str, as_json: bool) -> None:
    """The answer to a change: the record as JSON, or one line for people."""
    if as_json:
        emit(item)
    else:
        console.print(message, highlight=False)
