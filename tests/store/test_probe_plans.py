"""The dedup probes seek ``ux_punches_dedup`` per key, whatever columns they return.

On SQLite, a probe by key that also returns columns the index does not hold (the payload) was
planned as a search of the primary key by company alone: every punch of the company read for
every key. ``INDEXED BY`` keeps it on the dedup index.
"""

from __future__ import annotations

import json

import pytest

from stampla.store import bulk, migrate
from stampla.store.engine import Store


@pytest.fixture
def sqlite_store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'plans.db'}")
    migrate.upgrade(store.engine)
    yield store
    store.dispose()


@pytest.mark.parametrize("by", ["keys", "days"])
def test_sqlite_probes_search_the_dedup_index(sqlite_store, by):
    statement = bulk._probe_statement("sqlite", by)
    with sqlite_store.engine.connect() as conn:
        plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + str(statement).replace(f":{by}", "?").replace(":company", "?"),
            (json.dumps([]), 1),
        ).all()
    searches = [row[3] for row in plan if row[3].startswith("SEARCH p")]
    assert len(searches) == 1, plan
    assert "INDEX ux_punches_dedup (company_id=? AND local_date=? AND employee_id=?" in searches[0]
