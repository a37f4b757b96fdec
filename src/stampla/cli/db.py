"""``stampla db``: the database schema."""

from __future__ import annotations

import typer

from stampla.store import migrate

from .context import console, open_store

app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)


@app.command()
def upgrade() -> None:
    """Apply every pending migration.

    Example: STAMPLA_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/stampla stampla db upgrade
    """
    store = open_store()
    before = migrate.current_revision(store.engine)
    migrate.upgrade(store.engine)
    after = migrate.current_revision(store.engine)
    if before == after:
        console.print(f"Schema already current ({after}).")
    else:
        console.print(f"Schema upgraded from {before or 'empty'} to {after}.")


@app.command()
def status() -> None:
    """Show whether the schema is current.

    Example: stampla db status
    """
    store = open_store()
    state = migrate.schema_state(store.engine)
    current = migrate.current_revision(store.engine)
    console.print(
        f"{store.url}: {state.value} (at {current or '-'}, newest "
        f"{migrate.head_revision(store.engine)})"
    )
