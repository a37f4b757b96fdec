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
    """The company a command is about: by id or name, or the only one when ``ref`` is None."""
    from sqlalchemy import select

    from stampla.store.tables import companies

    with store.read() as conn:
        rows = conn.execute(select(companies.c.id, companies.c.name)).all()
    if ref is None:
        if len(rows) == 1:
            return rows[0].id
        raise fail(
            "Say which company with --company NAME|ID "
            f"({len(rows)} companies: {', '.join(r.name for r in rows[:5]) or 'none yet'})"
        )
    for row in rows:
        if row.name == ref or (ref.isdigit() and row.id == int(ref)):
            return row.id
    raise fail(f"No company named or numbered {ref!r}")
