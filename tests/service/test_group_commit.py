"""Group commit keeps every semantic of a batch: whole or nothing, its own results, a
duplicate stored once, and one batch's failure never undoing another's.

Each test holds a group open: a first write blocks inside its transaction until the batches
the test wants in the next group are queued behind it (``wait_queued``), so the interleaving
is forced, not hoped for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text

from stampla.service.auth import Principal
from stampla.service.ingest import IngestOptions, IngestReport, Origin, ingest
from stampla.store.engine import Store
from stampla.store.tables import punches
from stampla.wire import TimeStampEntry
from tests.factories import entry

MAX_FUTURE = timedelta(minutes=5)
WAIT = 60


class Held:
    """A write that holds the store's group committer until released."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.entered = threading.Event()
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        def work(conn) -> None:  # noqa: ANN001
            self.entered.set()
            assert self.release.wait(WAIT)

        self.store.write_grouped(work)

    def __enter__(self) -> Held:
        self.thread.start()
        assert self.entered.wait(WAIT)
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.thread.join(WAIT)


def run_all(calls: list[Callable[[], object]], held: Held) -> list[object]:
    """Start every call in a thread of its own; once all of them wait behind ``held``,
    release it; the result (or exception) of each call, in order."""
    results: list[object] = [None] * len(calls)

    def runner(i: int) -> None:
        try:
            results[i] = calls[i]()
        except Exception as error:  # noqa: BLE001 - the test looks at it
            results[i] = error

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    assert held.store.group_commits.wait_queued(len(calls), WAIT)
    held.release.set()
    for thread in threads:
        thread.join(WAIT)
    return results


@pytest.fixture
def post(store, company, clock) -> Callable[..., Callable[[], IngestReport]]:
    principal = Principal(
        company.id, ZoneInfo("Europe/Stockholm"), company.integration_id, company.user_id
    )

    def make(*entries: dict, **options: bool) -> Callable[[], IngestReport]:
        parsed = [TimeStampEntry.model_validate(e) for e in entries]
        return lambda: ingest(
            store,
            principal,
            parsed,
            [],
            IngestOptions(**options),
            Origin("/t"),
            clock(),
            MAX_FUTURE,
        )

    return make


def stored(store: Store, company_id: int) -> list[tuple]:
    with store.read() as conn:
        rows = conn.execute(
            select(punches.c.id, punches.c.employee_id, punches.c.instant)
            .where(punches.c.company_id == company_id)
            .order_by(punches.c.id)
        )
        return [tuple(r) for r in rows]


def test_batches_that_arrive_together_share_one_commit(store, company, post):
    before = (store.group_commits.groups, store.group_commits.writes)
    calls = [
        post(entry(employee=nr, time_stamp="2025-06-12T08:00:00Z"))
        for nr in ("3002", "3014", "3015")
    ]
    with Held(store) as held:
        reports = run_all(calls, held)
    assert [r.outcomes[0].status for r in reports] == ["Saved"] * 3
    assert [r.commit_group for r in reports] == [3, 3, 3]
    assert (store.group_commits.groups, store.group_commits.writes) == (
        before[0] + 2,  # the held write alone, then the three together
        before[1] + 4,
    )
    ids = sorted(r.outcomes[0].punch_id for r in reports)
    assert [row[0] for row in stored(store, company.id)] == ids


def test_the_same_punch_from_batches_in_one_group_is_stored_once(store, company, post):
    same = entry(time_stamp="2025-06-12T08:00:00Z")
    calls = [post(same), post(same, entry(employee="3014"))]
    with Held(store) as held:
        first, second = run_all(calls, held)
    statuses = sorted(o.status for r in (first, second) for o in r.outcomes[:1])
    assert statuses == ["Duplicate", "Saved"]
    assert first.outcomes[0].punch_id == second.outcomes[0].punch_id
    assert len(stored(store, company.id)) == 2


def test_a_failing_write_in_a_group_leaves_the_others_saved(store, company, post):
    """The failing write moved the register version before it raised: that move is
    rolled back with it, and the batches around it are stored."""
    with store.read() as conn:
        version = conn.execute(text("SELECT version FROM register_version")).scalar_one()

    def failing() -> object:
        def work(conn) -> None:  # noqa: ANN001
            conn.execute(text("UPDATE register_version SET version = version + 1000"))
            raise ValueError("this write fails")

        return store.write_grouped(work)

    calls = [
        post(entry(employee="3002")),
        failing,
        post(entry(employee="3014")),
    ]
    with Held(store) as held:
        saved_a, error, saved_b = run_all(calls, held)
    assert isinstance(error, ValueError)
    assert saved_a.outcomes[0].status == saved_b.outcomes[0].status == "Saved"
    assert saved_a.commit_group == saved_b.commit_group == 1  # each ran again alone
    assert len(stored(store, company.id)) == 2
    with store.read() as conn:
        assert conn.execute(text("SELECT version FROM register_version")).scalar_one() == version


def test_a_batch_with_bad_entries_keeps_its_own_results_in_a_group(store, company, post):
    """allOrNone=false: the good entries of a partly bad batch are stored with the other
    batches of the group, and the problems stay that batch's own."""
    calls = [
        post(entry(employee="3002")),
        post(entry(employee="3014"), entry(employee="nobody"), all_or_none=False),
    ]
    with Held(store) as held:
        clean, mixed = run_all(calls, held)
    assert [o.status for o in clean.outcomes] == ["Saved"] and not clean.problems
    assert [o.status for o in mixed.outcomes] == ["Saved"]
    assert [(p.index, p.field) for p in mixed.problems] == [(1, "EmployeeNr")]
    assert clean.commit_group == mixed.commit_group == 2
    assert len(stored(store, company.id)) == 2
