"""Alembic environment: runs on the engine handed over by ``stampla.store.migrate``.

On SQLite, a migration that changes a column's constraints recreates the table (Alembic's
batch mode): a copy is made, the old table dropped and the copy renamed. Dropping a table that
others refer to (``companies``) would break their foreign keys, so the migrations run as
SQLite's documentation prescribes for this: foreign keys off (which only takes effect outside
a transaction), every migration in one transaction, ``PRAGMA foreign_key_check`` before it
commits, and foreign keys on again.
"""

from __future__ import annotations

from alembic import context
from alembic.util import CommandError
from sqlalchemy import Connection, create_engine

from stampla.store.tables import metadata

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # plain `alembic` command line, for developers writing migrations
    engine = create_engine(config.get_main_option("sqlalchemy.url"))


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_sqlite(connection: Connection) -> None:
    driver = connection.connection.driver_connection
    driver.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
    try:
        with connection.begin():
            _run(connection)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:
                raise CommandError(f"The migration broke foreign keys: {broken[:10]}")
    finally:
        driver.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


with engine.connect() as connection:
    if connection.dialect.name == "sqlite":
        _run_sqlite(connection)
    else:
        _run(connection)
