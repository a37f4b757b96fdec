"""``stampla db``: the database schema."""

from __future__ import annotations

from pathlib import Path

import typer
from alembic.util import CommandError

from stampla.errors import StamplaError
from stampla.store import migrate
from stampla.store.backup import backup_sqlite

from .context import console, fail, open_store, ready_store

app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)


@app.command()
def upgrade() -> None:
    """Apply every pending migration.

    Example: STAMPLA_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/stampla stampla db upgrade
    """
    store = open_store()
    before = migrate.current_revision(store.engine)
    try:
        migrate.upgrade(store.engine)
    except CommandError as error:  # a migration that cannot apply to this data says why
        raise fail(str(error)) from None
    finally:
        store.dispose()
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


@app.command()
def backup(
    destination: Path = typer.Argument(help="The new file to write the copy to."),
) -> None:
    """Copy a SQLite database to a new file while the server keeps running.

    The copy is the database as it was at one instant, checked for integrity. For
    PostgreSQL, use pg_dump.

    Example: stampla db backup /var/backups/stampla-2025-06-12.db
    """
    store = ready_store(create_if_empty=False)
    try:
        copy = backup_sqlite(store, destination)
    except StamplaError as error:
        raise fail(error.message) from None
    finally:
        store.dispose()
    console.print(
        f"Copied to {copy.path}: {copy.size_bytes / 1_000_000:.1f} MB, "
        f"{copy.punches:,} punches, integrity ok."
    )
