"""Migrations build exactly the schema the code declares, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from stampla.store import migrate
from stampla.store.engine import Store
from stampla.store.tables import metadata

#: Tables of the installation rather than of a company.
NOT_COMPANY_DATA = ("companies", "job_leases", "device_pending", "register_version")


def test_from_empty_to_head_matches_the_tables(fresh_database_url):
    store = Store(fresh_database_url)
    assert migrate.schema_state(store.engine) is migrate.SchemaState.EMPTY
    migrate.upgrade(store.engine)
    assert migrate.schema_state(store.engine) is migrate.SchemaState.CURRENT
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    store.dispose()


def test_down_to_base_and_up_again(fresh_database_url):
    store = Store(fresh_database_url)
    migrate.upgrade(store.engine)
    migrate.downgrade(store.engine, "base")
    assert set(inspect(store.engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(store.engine)
    assert "punches" in inspect(store.engine).get_table_names()
    store.dispose()


def test_foreign_tables_are_not_mistaken_for_an_empty_database(fresh_database_url):
    store = Store(fresh_database_url)
    with store.write() as conn:
        conn.exec_driver_sql("CREATE TABLE someone_elses (id INTEGER)")
    assert migrate.schema_state(store.engine) is migrate.SchemaState.UNKNOWN
    store.dispose()


def test_every_company_key_leads_with_company_id(store):
    inspector = inspect(store.engine)
    for table in metadata.sorted_tables:
        if table.name in NOT_COMPANY_DATA:
            continue
        assert inspector.get_pk_constraint(table.name)["constrained_columns"][0] == "company_id"
        for index in inspector.get_indexes(table.name):
            assert index["column_names"][0] == "company_id", (table.name, index["name"])
        for unique in inspector.get_unique_constraints(table.name):
            assert unique["column_names"][0] == "company_id", (table.name, unique["name"])
