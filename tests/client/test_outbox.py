"""The outbox: durable, ordered, exactly once, and never held up by a bad punch."""

from __future__ import annotations

import sqlite3
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from stampla.client import Client, Outbox, Punch, Retry, ServerUnavailable
from stampla.service import masterdata as md
from tests.serverproc import free_port

from .conftest import assert_stored_exactly_once, punches, stored
from .gate import POST_ENTRIES
from .processes import Watched


def test_enqueued_punches_survive_reopening_in_order(tmp_path):
    path = tmp_path / "outbox.db"
    first, *rest = punches(5)
    with Outbox(path) as box:
        assert box.enqueue(Punch(first, "Glömde stämpla", "terminal")) == 1
        assert box.enqueue_many(rest) == [2, 3, 4, 5]
    with Outbox(path) as box:
        queued = box.next_batch(10)
    assert [q.seq for q in queued] == [1, 2, 3, 4, 5]
    assert [q.entry for q in queued] == [first, *rest]
    assert (queued[0].comment, queued[0].source) == ("Glömde stämpla", "terminal")


def test_the_file_is_written_ahead_and_synced_in_full(outbox):
    with sqlite3.connect(outbox.path) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert outbox._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_drain_sends_oldest_first_and_duplicates_count_as_delivered(make_client, outbox):
    client = make_client(batch_size=3)
    entries = punches(10)
    outbox.enqueue_many(entries)
    first = outbox.drain(client)
    assert (first.saved, first.duplicates, first.pending) == (10, 0, 0)
    outbox.enqueue_many(entries)
    again = outbox.drain(client)
    assert (again.saved, again.duplicates, again.dead) == (0, 10, 0)
    delivered = sorted(outbox.delivered(), key=lambda d: d.queued.seq)
    ids = [d.time_stamp_entry_id for d in delivered[:10]]
    assert ids == sorted(ids)  # stored in the order queued
    assert [d.time_stamp_entry_id for d in delivered[10:]] == ids
    status = outbox.status()
    assert (status.pending, status.delivered, status.last_error) == (0, 20, None)
    assert status.last_success_utc == status.last_attempt_utc is not None
    assert outbox.drain(client).delivered == 0
    assert outbox.status().last_attempt_utc == status.last_attempt_utc  # idle: nothing written
    assert_stored_exactly_once(client, entries)


def test_one_invalid_punch_among_1000_is_a_dead_letter_and_holds_up_nothing(
    make_client, outbox, gate, sleeps
):
    client = make_client(batch_size=500)
    entries = punches(1_000)
    entries[737] = entries[737].model_copy(update={"employee_nr": "9999"})
    seqs = outbox.enqueue_many(entries)
    result = outbox.drain(client)
    assert (result.saved, result.dead, result.pending) == (999, 1, 0)
    (dead,) = outbox.dead_letters()
    assert dead.queued.seq == seqs[737]
    assert "Employee '9999' does not exist" in dead.error_message
    assert [e.field for e in dead.errors] == ["EmployeeNr"]
    assert gate.count(POST_ENTRIES) == 3 and sleeps == []  # 500, 500 refused, 499
    assert_stored_exactly_once(client, entries[:737] + entries[738:])


def test_a_refusal_that_names_no_punch_is_narrowed_down_by_halving(make_client, outbox, gate):
    client = make_client()
    entries = punches(8)
    outbox.enqueue_many(entries)
    gate.answer(1, 400)
    result = outbox.drain(client)
    assert (result.saved, result.dead) == (8, 0)
    assert gate.count(POST_ENTRIES) == 3
    assert_stored_exactly_once(client, entries)


def test_a_lone_punch_refused_without_a_name_is_a_dead_letter(make_client, outbox, gate):
    outbox.enqueue(punches(1)[0])
    gate.answer(1, 400)
    assert outbox.drain(make_client()).dead == 1
    assert outbox.dead_letters()[0].error_message == "HTTP 400 from the gate"


def test_a_dead_letter_is_delivered_once_its_cause_is_fixed(make_client, outbox, store, company):
    client = make_client()
    (entry,) = punches(1)
    outbox.enqueue(entry.model_copy(update={"employee_nr": "4711"}))
    assert outbox.drain(client).dead == 1
    spec = md.EmployeeSpec("4711", "Ny", "Anställd", None, "Timavlönad", "", Decimal(50), 1200)
    with store.write() as conn:
        md.put_employee(conn, company.id, spec, datetime.now(UTC))
    assert outbox.retry_dead() == 1
    result = outbox.drain(client)
    assert (result.saved, result.dead) == (1, 0)
    assert outbox.dead_letters() == []
    assert sum(stored(client).values()) == 1


def test_an_unreachable_server_leaves_every_punch_pending_and_says_why(outbox):
    outbox.enqueue_many(punches(4))
    closed = f"http://127.0.0.1:{free_port()}"
    with Client(closed, "c", "k", "u", "p", retry=Retry(attempts=2), sleep=lambda _: None) as c:
        with pytest.raises(ServerUnavailable):
            outbox.drain(c)
    status = outbox.status()
    assert status.pending == 4 and status.delivered == 0
    assert "ConnectError" in (status.last_error or "")
    assert status.last_attempt_utc is not None and status.last_success_utc is None


def test_two_senders_racing_over_one_file_record_each_punch_once(make_client, outbox):
    client = make_client()
    entries = punches(6)
    outbox.enqueue_many(entries)
    with Outbox(outbox.path) as other:
        mine, theirs = outbox.next_batch(10), other.next_batch(10)
        for box, queued in ((outbox, mine), (other, theirs)):
            report = client.post_entries([q.entry for q in queued])
            box.settle([(q.seq, o) for q, o in zip(queued, report.outcomes, strict=True)])
    status = outbox.status()
    assert (status.pending, status.delivered) == (0, 6)
    assert {d.status for d in outbox.delivered()} == {"Saved"}  # the first answer is kept
    assert_stored_exactly_once(client, entries)


def test_delivered_punches_are_forgotten_after_a_while(make_client, outbox):
    outbox.enqueue_many(punches(3))
    outbox.drain(make_client())
    assert outbox.prune_delivered(datetime.now(UTC) - timedelta(days=1)) == 0
    assert outbox.prune_delivered(datetime.now(UTC) + timedelta(seconds=1)) == 3
    assert outbox.status().delivered == 0


ENQUEUE_FOREVER = textwrap.dedent(
    """
    import sys
    from stampla.client import Outbox
    from tests.client.conftest import punches

    with Outbox(sys.argv[1]) as box:
        for entry in punches(20_000):
            print("enqueued", box.enqueue(entry), flush=True)
    """
)


@pytest.mark.slow
def test_kill_9_keeps_every_punch_that_enqueue_returned_for(tmp_path):
    path = tmp_path / "outbox.db"
    writer = Watched([sys.executable, "-c", ENQUEUE_FOREVER, str(path)], {}, argv=True)
    writer.wait_for("enqueued 300")
    writer.kill()
    acknowledged = [
        int(line.split()[1]) for line in writer.rest().splitlines() if "enqueued" in line
    ]
    with Outbox(path) as box:
        kept = [q.seq for q in box.next_batch(200_000)]
    assert kept[: len(acknowledged)] == acknowledged
    assert kept == list(range(1, len(kept) + 1))
