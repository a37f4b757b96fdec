"""What every command needs: the settings, the store, and a console to print to."""

from __future__ import annotations

from datetime import UTC, datetime

import typer
from rich.console import Console

from stampla.settings import get_settings
from stampla.store import migrate
from stampla.store.engine import Store

console = Console()
errors = Console(stderr=True)


def open_store() -> Store:
    settings = get_settings()
    return Store(settings.database_url, sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms)


def now() -> datetime:
    return datetime.now(UTC)


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
    """The company a command is about: by id, or by name in any letter case (the rule of
    ``stampla.domain.text``), or the only one when ``ref`` is None."""
    from stampla.store import masterdata as rows

    with store.read() as conn:
        if ref is not None:
            found = rows.company_by_name(conn, ref)
            number = ref.strip()
            if found is None and number.isascii() and number.isdigit() and len(number) < 19:
                found = rows.company_row(conn, int(number))
            if found is not None:
                return found.id
        companies = rows.all_companies(conn)
    if ref is None and len(companies) == 1:
        return companies[0].id
    listed = _company_list(companies)
    if ref is None:
        raise fail(f"Say which company with --company NAME|ID ({listed})")
    raise fail(f"No company named or numbered {ref!r} ({listed})")


def _company_list(companies: list) -> str:
    """The companies there are, for an error message: '2 companies: 1 Acme, 2 Åre Bygg'."""
    if not companies:
        return "no companies yet: stampla company create NAME"
    shown = ", ".join(f"{row.id} {row.name}" for row in companies[:10])
    more = f", and {len(companies) - 10} more (stampla company list)" if len(companies) > 10 else ""
    count = f"{len(companies)} compan{'y' if len(companies) == 1 else 'ies'}"
    return f"{count}: {shown}{more}"
