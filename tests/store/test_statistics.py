"""PostgreSQL planner statistics are gathered for Stampla's tables, once per change wave."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from stampla.store import migrate
from stampla.store.engine import Store
from stampla.store.statistics import StatisticsKeeper, analyze_stale
from stampla.store.tables import metadata


@pytest.fixture
def pg_store(backend, fresh_database_url):
    if backend != "postgresql":
        pytest.skip("SQLite plans without gathered statistics")
    store = Store(fresh_database_url)
    migrate.upgrade(store.engine)
    yield store
    store.dispose()


def analysed_tables(store) -> set[str]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT relname FROM pg_stat_user_tables "
                "WHERE last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL"
            )
        )
        return set(rows.scalars())


def test_tables_never_analysed_are_analysed_once(pg_store):
    assert analysed_tables(pg_store) & set(metadata.tables) == set()
    assert set(analyze_stale(pg_store.engine)) == set(metadata.tables)
    assert analysed_tables(pg_store) >= set(metadata.tables)
    assert analyze_stale(pg_store.engine) == []


def test_the_keeper_analyses_in_the_background_and_stops(pg_store):
    keeper = StatisticsKeeper(pg_store.engine, interval=3600)
    keeper.start()
    keeper.stop()  # the first pass runs before the thread first waits
    assert analysed_tables(pg_store) >= set(metadata.tables)
    assert not keeper._thread.is_alive()
