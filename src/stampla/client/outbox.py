"""A terminal's durable queue of punches: a SQLite file that survives kill -9 and power loss.

A punch an employee made must reach the server exactly once, whatever happens in between:

* ``enqueue`` returns only after the punch is committed to the file (WAL, ``synchronous=FULL``:
  the commit is on disk, not in a cache). A punch ``enqueue`` has returned for is never lost.
* A punch leaves ``pending`` only in the same transaction that records the server's answer for
  it, and only after that answer arrived. Dying anywhere before that transaction leaves it
  pending, and it is sent again.
* Sending again never stores it twice: the server answers a punch it already holds (same
  employee, instant, type, IsBreak and terminal) as a ``Duplicate``, which counts as delivered.

Punches the server rejects move to ``dead`` with its message, so they never hold up the rest;
``retry_dead`` puts them back once the cause (an unknown employee, a terminal's clock) is fixed.
``delivered`` keeps what was sent, with the server's id and the local comment, for a while.

The file is for one terminal (or one importing workstation). Several processes may use it at
once, e.g. ``stampla punch`` while the agent runs: moving rows is idempotent and resends are
duplicates, so a race costs a request, never a punch.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stampla.wire import ErrorItem, TimeStampEntry

from ._client import utc_now
from ._report import EntryOutcome

if TYPE_CHECKING:
    from ._client import Client
    from ._drain import DrainResult

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pending (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entry TEXT NOT NULL,
    comment TEXT,
    source TEXT,
    enqueued_utc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS delivered (
    seq INTEGER PRIMARY KEY,
    entry TEXT NOT NULL,
    comment TEXT,
    source TEXT,
    enqueued_utc TEXT NOT NULL,
    delivered_utc TEXT NOT NULL,
    status TEXT NOT NULL,
    time_stamp_entry_id INTEGER
);
CREATE INDEX IF NOT EXISTS delivered_by_time ON delivered (delivered_utc);
CREATE TABLE IF NOT EXISTS dead (
    seq INTEGER PRIMARY KEY,
    entry TEXT NOT NULL,
    comment TEXT,
    source TEXT,
    enqueued_utc TEXT NOT NULL,
    failed_utc TEXT NOT NULL,
    error_message TEXT NOT NULL,
    errors TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sender (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_attempt_utc TEXT,
    last_success_utc TEXT,
    last_error TEXT
);
"""

_COLUMNS = "seq, entry, comment, source, enqueued_utc"


@dataclass(frozen=True, slots=True)
class Punch:
    """A punch to queue: the entry as it will be posted, and what stays on the terminal.

    ``comment`` is kept locally only, because the wire format has no field for it; ``source``
    says where the punch came from (``punches.csv:12``), for the operator reading dead letters.
    """

    entry: TimeStampEntry
    comment: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Queued:
    """A punch in the outbox; ``seq`` orders the queue and never repeats."""

    seq: int
    entry: TimeStampEntry
    comment: str | None
    source: str | None
    enqueued_utc: datetime


@dataclass(frozen=True, slots=True)
class Delivered:
    """A punch the server holds, with what it answered."""

    queued: Queued
    delivered_utc: datetime
    status: str
    time_stamp_entry_id: int | None


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A punch the server rejected, with why."""

    queued: Queued
    failed_utc: datetime
    error_message: str
    errors: list[ErrorItem]


@dataclass(frozen=True, slots=True)
class OutboxStatus:
    pending: int
    delivered: int
    dead: int
    oldest_pending_utc: datetime | None
    last_attempt_utc: datetime | None
    last_success_utc: datetime | None
    last_error: str | None


class Outbox:
    """The queue in the SQLite file at ``path`` (created on first use).

    Example::

        with Outbox("stampla-outbox.db") as outbox:
            outbox.enqueue(TimeStampEntry(EmployeeNr="3002", TimeStamp=now,
                                          TimeStampEntryType="In", TimeTerminalId=7255))
            outbox.drain(client)
    """

    def __init__(self, path: str | Path, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.path = Path(path)
        self._clock = clock
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        mode = self._db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise RuntimeError(f"{self.path}: SQLite refused WAL mode (got {mode})")
        self._db.execute("PRAGMA synchronous=FULL")
        with self._write() as db:
            if _needs_schema(db):
                for statement in _SCHEMA.split(";"):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def enqueue(self, punch: Punch | TimeStampEntry) -> int:
        """Queue one punch; returns its ``seq`` once it is on disk."""
        return self.enqueue_many([punch])[0]

    def enqueue_many(self, punches: Iterable[Punch | TimeStampEntry]) -> list[int]:
        """Queue punches in one transaction: all are on disk when this returns, or none."""
        now = _text(self._clock())
        rows = [_row(p if isinstance(p, Punch) else Punch(p), now) for p in punches]
        with self._write() as db:
            return [
                db.execute(
                    "INSERT INTO pending (entry, comment, source, enqueued_utc) "
                    "VALUES (?, ?, ?, ?) RETURNING seq",
                    row,
                ).fetchone()[0]
                for row in rows
            ]

    def next_batch(self, limit: int) -> list[Queued]:
        """The oldest ``limit`` pending punches, oldest first."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM pending ORDER BY seq LIMIT ?", (limit,)
        ).fetchall()
        return [_queued(row) for row in rows]

    def count_pending(self) -> int:
        return self._db.execute("SELECT count(*) FROM pending").fetchone()[0]

    def settle(
        self,
        delivered: Sequence[tuple[int, EntryOutcome]],
        dead: Sequence[tuple[int, str, Sequence[ErrorItem]]] = (),
    ) -> None:
        """Record the server's answer: move punches to ``delivered`` and ``dead`` at once.

        Idempotent: a punch another sender settled first is not in ``pending`` any more and is
        skipped, so concurrent senders cannot record a punch twice.
        """
        now = _text(self._clock())
        with self._write() as db:
            for seq, outcome in delivered:
                db.execute(
                    f"INSERT OR IGNORE INTO delivered ({_COLUMNS}, delivered_utc, status, "
                    f"time_stamp_entry_id) SELECT {_COLUMNS}, ?, ?, ? FROM pending WHERE seq = ?",
                    (now, outcome.status.value, outcome.time_stamp_entry_id, seq),
                )
            for seq, message, errors in dead:
                db.execute(
                    f"INSERT OR IGNORE INTO dead ({_COLUMNS}, failed_utc, error_message, errors) "
                    f"SELECT {_COLUMNS}, ?, ?, ? FROM pending WHERE seq = ?",
                    (now, message, _errors_json(errors), seq),
                )
            seqs = [(seq,) for seq, *_ in [*delivered, *dead]]
            db.executemany("DELETE FROM pending WHERE seq = ?", seqs)

    def retry_dead(self, seqs: Iterable[int] | None = None) -> int:
        """Put dead letters (all, or those numbered) back in the queue; returns how many.

        They keep their ``seq``, so they are sent before punches queued after them.
        """
        where, params = _seq_filter(seqs)
        with self._write() as db:
            db.execute(
                f"INSERT OR IGNORE INTO pending ({_COLUMNS}) SELECT {_COLUMNS} FROM dead{where}",
                params,
            )
            return db.execute(f"DELETE FROM dead{where}", params).rowcount

    def dead_letters(self, limit: int | None = None) -> list[DeadLetter]:
        """The punches the server rejected, oldest first."""
        return self._dead("ORDER BY seq LIMIT ?", (-1 if limit is None else limit,))

    def delivered(self, limit: int | None = None) -> list[Delivered]:
        """Delivered punches, most recent first."""
        return self._delivered("ORDER BY seq DESC LIMIT ?", (-1 if limit is None else limit,))

    def find(self, seq: int) -> Queued | Delivered | DeadLetter | None:
        """Where punch ``seq`` is now: still pending, delivered, or a dead letter."""
        row = self._db.execute(f"SELECT {_COLUMNS} FROM pending WHERE seq = ?", (seq,)).fetchone()
        if row is not None:
            return _queued(row)
        found: list[Delivered | DeadLetter] = [*self._delivered("WHERE seq = ?", (seq,))]
        found += self._dead("WHERE seq = ?", (seq,))
        return found[0] if found else None

    def prune_delivered(self, before: datetime) -> int:
        """Forget delivered punches recorded before ``before``; returns how many."""
        with self._write() as db:
            return db.execute(
                "DELETE FROM delivered WHERE delivered_utc < ?", (_text(before),)
            ).rowcount

    def record_attempt(self, error: str | None) -> None:
        """Note a send attempt for ``status``: its time, and its error if it failed."""
        now = _text(self._clock())
        with self._write() as db:
            db.execute(
                "INSERT INTO sender (id, last_attempt_utc, last_success_utc, last_error) "
                "VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "last_attempt_utc = excluded.last_attempt_utc, "
                "last_success_utc = coalesce(excluded.last_success_utc, last_success_utc), "
                "last_error = excluded.last_error",
                (now, None if error else now, error),
            )

    def status(self) -> OutboxStatus:
        db = self._db
        pending, oldest = db.execute("SELECT count(*), min(enqueued_utc) FROM pending").fetchone()
        sender = db.execute(
            "SELECT last_attempt_utc, last_success_utc, last_error FROM sender"
        ).fetchone() or (None, None, None)
        return OutboxStatus(
            pending=pending,
            delivered=db.execute("SELECT count(*) FROM delivered").fetchone()[0],
            dead=db.execute("SELECT count(*) FROM dead").fetchone()[0],
            oldest_pending_utc=_time(oldest),
            last_attempt_utc=_time(sender[0]),
            last_success_utc=_time(sender[1]),
            last_error=sender[2],
        )

    def drain(
        self,
        client: Client,
        *,
        stop: Callable[[], bool] | None = None,
        on_batch: Callable[[DrainResult], None] | None = None,
    ) -> DrainResult:
        """Send pending punches through ``client``, oldest first, until none is left.

        See ``stampla.client._drain.drain``; raises what the client raises (ServerUnavailable,
        ...) with every punch not yet answered still pending.
        """
        from ._drain import drain

        return drain(self, client, stop=stop, on_batch=on_batch)

    def _dead(self, clause: str, params: tuple[Any, ...]) -> list[DeadLetter]:
        rows = self._db.execute(
            f"SELECT {_COLUMNS}, failed_utc, error_message, errors FROM dead {clause}", params
        ).fetchall()
        return [
            DeadLetter(_queued(row[:5]), _time(row[5]), row[6], _errors(row[7])) for row in rows
        ]

    def _delivered(self, clause: str, params: tuple[Any, ...]) -> list[Delivered]:
        rows = self._db.execute(
            f"SELECT {_COLUMNS}, delivered_utc, status, time_stamp_entry_id FROM delivered "
            + clause,
            params,
        ).fetchall()
        return [Delivered(_queued(row[:5]), _time(row[5]), row[6], row[7]) for row in rows]

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taking the write lock at once so it cannot deadlock later."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


def _needs_schema(db: sqlite3.Connection) -> bool:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RuntimeError(f"outbox schema {version} is newer than this program ({SCHEMA_VERSION})")
    return version < SCHEMA_VERSION


def _row(punch: Punch, now: str) -> tuple[str, str | None, str | None, str]:
    return (punch.entry.model_dump_json(exclude_none=True), punch.comment, punch.source, now)


def _queued(row: Sequence[Any]) -> Queued:
    seq, entry, comment, source, enqueued = row
    return Queued(seq, TimeStampEntry.model_validate_json(entry), comment, source, _time(enqueued))


def _seq_filter(seqs: Iterable[int] | None) -> tuple[str, tuple[int, ...]]:
    if seqs is None:
        return "", ()
    chosen = tuple(seqs)
    return f" WHERE seq IN ({', '.join('?' * len(chosen))})", chosen


def _errors_json(errors: Sequence[ErrorItem]) -> str:
    return json.dumps([error.model_dump(mode="json") for error in errors])


def _errors(text: str) -> list[ErrorItem]:
    return [ErrorItem.model_validate(item) for item in json.loads(text)]


def _text(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
