"""Alembic environment: runs on the engine handed over by ``stampla.store.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from stampla.store.tables import metadata

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # plain `alembic` command line, for developers writing migrations
    engine = create_engine(config.get_main_option("sqlalchemy.url"))

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
