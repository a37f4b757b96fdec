"""What every command needs: the settings, the store, and a console to print to."""

from __future__ import annotations

from datetime import datetime

import typer
from rich.console import Console

from stampla.clock import system_clock
from stampla.errors import NotFound
from stampla.service.date_range import DateWindow
from stampla.settings import get_settings
from stampla.store import migrate
from stampla.store.engine import Store

console = Console()
errors = Console(stderr=True)


def open_store() -> Store:
    return Store.from_settings(get_settings())


def now() -> datetime:
    return system_clock()


def date_window() -> DateWindow:
    """The dates a command may name: the settings' window around today."""
    settings = get_settings()
    return DateWindow.around(now(), settings.earliest_date, settings.max_future_days)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``message`` to stderr and return the Exit to raise."""
    errors.print(f"[bold red]Error:[/] {message}")
    return typer.Exit(code)


def ready_store(*, create_if_empty: bool = True) -> Store:
    """A store whose schema is current: migrated if empty, refused if behind or foreign."""
    store = open_store()
    state = migrate.schema_state(store.engine)
    if state is migrate.SchemaState.EMPTY and create_if_empty:
        migrate.upgrade(store.engine)
    elif state is migrate.SchemaState.BEHIND:
        raise fail("The database schema is behind this version: run `stampla db upgrade` first")
    elif state is migrate.SchemaState.UNKNOWN:
        raise fail(f"{store.url} holds tables that are not Stampla's; choose another database")
    return store


def company_id_for(store: Store, ref: str | None) -> int:
    """The company a command is about (``masterdata.company_for``); exit 1 naming the
    companies there are if ``ref`` names none."""
    from stampla.service.masterdata import company_for

    try:
        return company_for(store, ref)
    except NotFound as error:
        raise fail(error.message) from None
