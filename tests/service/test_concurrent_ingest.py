"""Two writers posting the same punch at the same moment store it exactly once."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text

from stampla.service import ingest as ingest_module
from stampla.service.auth import Principal
from stampla.service.entry_check import EntryChecker, load_references
from stampla.service.ingest import IngestOptions, Origin, ingest
from stampla.store.tables import punches
from stampla.wire import TimeStampEntry
from tests.factories import entry

MAX_FUTURE = timedelta(minutes=5)


def wait_until_a_lock_is_awaited(store) -> None:
    """Block until writer B is parked behind writer A: on PostgreSQL, some backend waits
    for a lock; on SQLite, a writer is queued for the store's writer lock."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if store.dialect == "sqlite":
            if store.writers_waiting:
                return
        else:
            with store.engine.connect() as conn:
                waiting = conn.execute(text("SELECT count(*) FROM pg_locks WHERE NOT granted"))
                if waiting.scalar_one():
                    return
        time.sleep(0.01)
    raise AssertionError("the second writer never waited for the first")


@pytest.mark.parametrize("size", [1, 20], ids=["insert", "copy"])
def test_the_same_punches_from_two_writers_are_stored_once(store, company, clock, size):
    """Writer A has stored the batch but not committed when writer B posts it too."""
    principal = Principal(
        company.id, ZoneInfo("Europe/Stockholm"), company.integration_id, company.user_id
    )
    entries = [
        TimeStampEntry.model_validate(entry(time_stamp=f"2025-06-12T08:{minute:02d}:00Z"))
        for minute in range(size)
    ]
    with store.read() as conn:
        references = load_references(conn, company.id, entries)
    checker = EntryChecker(references, principal.time_zone, clock(), MAX_FUTURE)
    new = [checker.check(i, e) for i, e in enumerate(entries)]
    second: dict = {}

    def writer_b() -> None:
        second["report"] = ingest(
            store, principal, entries, [], IngestOptions(), Origin("/b"), clock(), MAX_FUTURE
        )

    thread = threading.Thread(target=writer_b)
    with store.write() as conn:  # writer A: stored, not yet committed
        first = ingest_module._store_batch(
            conn, principal, new, size, IngestOptions(), Origin("/a"), clock()
        )
        thread.start()
        wait_until_a_lock_is_awaited(store)
    thread.join(timeout=60)

    outcomes = second["report"].outcomes
    assert [o.status for o in outcomes] == ["Duplicate"] * size
    assert [o.punch_id for o in outcomes] == [o.punch_id for o in first.outcomes]
    with store.read() as conn:
        count = conn.execute(
            select(func.count()).select_from(punches).where(punches.c.company_id == company.id)
        ).scalar_one()
    assert count == size


def test_the_same_correction_from_two_writers_supersedes_once(store, company, clock):
    """Writer A has replaced a punch's fields but not committed when writer B sends the same
    correction: B finds A's punch and answers Duplicate; the old punch is superseded once."""
    principal = Principal(
        company.id, ZoneInfo("Europe/Stockholm"), company.integration_id, company.user_id
    )
    bare = TimeStampEntry.model_validate(entry())
    corrected = TimeStampEntry.model_validate(entry(AccountNr="100", SieAccountDim=50))
    replace = IngestOptions(replace_days=True)
    (old,) = ingest(
        store, principal, [bare], [], IngestOptions(), Origin("/"), clock(), MAX_FUTURE
    ).outcomes
    with store.read() as conn:
        references = load_references(conn, company.id, [corrected])
    new = [EntryChecker(references, principal.time_zone, clock(), MAX_FUTURE).check(0, corrected)]
    second: dict = {}

    def writer_b() -> None:
        second["report"] = ingest(
            store, principal, [corrected], [], replace, Origin("/b"), clock(), MAX_FUTURE
        )

    thread = threading.Thread(target=writer_b)
    with store.write() as conn:  # writer A: superseded and stored, not yet committed
        first = ingest_module._store_batch(conn, principal, new, 1, replace, Origin("/a"), clock())
        thread.start()
        wait_until_a_lock_is_awaited(store)
    thread.join(timeout=60)

    (mine,) = first.outcomes
    assert (mine.status, mine.supersedes) == ("Saved", old.punch_id)
    (theirs,) = second["report"].outcomes
    assert (theirs.status, theirs.punch_id, theirs.note) == ("Duplicate", mine.punch_id, None)
    assert second["report"].superseded == 0
    with store.read() as conn:
        stored = conn.execute(
            select(punches.c.id, punches.c.account_nr, punches.c.dedup_slot)
            .where(punches.c.company_id == company.id)
            .order_by(punches.c.id)
        ).all()
    assert [tuple(row) for row in stored] == [
        (old.punch_id, None, old.punch_id),
        (mine.punch_id, "100", 0),
    ]
