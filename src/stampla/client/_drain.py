"""Emptying an outbox through a client, so that one bad punch never holds up the others.

The server stores a batch all or nothing: one invalid entry and the whole batch comes back
400, with that entry named. The bad entries go to the dead letters at once, and the others stay
pending and are simply sent again with the next batch: nothing of the rejected batch was saved,
and had anything been saved, the resend would be answered as a duplicate, so it is delivered
exactly once either way. This needs nothing but the documented wire format (no
``allOrNone=false``), so it works against SoftOne GO too.

A refusal that names no entry (a 400 or an ActionResult with ``success: false`` and no index)
is narrowed down by halving the batch until the punch it is about stands alone, which then is
a dead letter with the server's message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._exceptions import ClientError
from ._report import EntryOutcome, Status

if TYPE_CHECKING:
    from ._client import Client
    from .outbox import Outbox, Queued


@dataclass(slots=True)
class DrainResult:
    """What a drain (or one of its batches) did, and how many punches are still pending."""

    saved: int = 0
    duplicates: int = 0
    accepted: int = 0
    dead: int = 0
    pending: int = 0

    @property
    def delivered(self) -> int:
        return self.saved + self.duplicates + self.accepted

    def add(self, other: DrainResult) -> None:
        self.saved += other.saved
        self.duplicates += other.duplicates
        self.accepted += other.accepted
        self.dead += other.dead
        self.pending = other.pending


def drain(
    outbox: Outbox,
    client: Client,
    *,
    stop: Callable[[], bool] | None = None,
    on_batch: Callable[[DrainResult], None] | None = None,
) -> DrainResult:
    """Send pending punches, oldest first, ``client.batch_size`` at a time, until none is left.

    ``stop`` is asked before every batch; ``on_batch`` is told what each batch did. Errors of
    the client propagate, leaving every punch without an answer pending. Attempts that sent
    something are recorded for ``Outbox.status`` (an idle poll writes nothing: terminals often
    run on flash storage).
    """
    total = DrainResult(pending=outbox.count_pending())
    sent = False
    try:
        while not (stop and stop()):
            queued = outbox.next_batch(client.batch_size)
            if not queued:
                break
            batch = DrainResult()
            _send(outbox, client, queued, batch)
            sent = True
            batch.pending = outbox.count_pending()
            total.add(batch)
            if on_batch is not None:
                on_batch(batch)
    except ClientError as error:
        outbox.record_attempt(str(error))
        raise
    if sent:
        outbox.record_attempt(None)
    return total


def _send(outbox: Outbox, client: Client, queued: Sequence[Queued], result: DrainResult) -> None:
    report = client.post_entries([q.entry for q in queued])
    pairs = list(zip(queued, report.outcomes, strict=True))
    delivered = [(q.seq, o) for q, o in pairs if o.delivered]
    dead = [(q.seq, _reason(o), o.errors) for q, o in pairs if o.status is Status.REJECTED]
    held = [(q, o) for q, o in pairs if o.status is Status.NOT_SAVED]
    unnamed = bool(held) and not dead
    if unnamed and len(held) == 1:
        (q, outcome), *_ = held
        dead.append((q.seq, _reason(outcome), ()))
    outbox.settle(delivered, dead)
    _count(result, [o for _, o in delivered], len(dead))
    if unnamed and len(held) > 1:
        half = len(held) // 2
        _send(outbox, client, [q for q, _ in held[:half]], result)
        _send(outbox, client, [q for q, _ in held[half:]], result)


def _count(result: DrainResult, delivered: list[EntryOutcome], dead: int) -> None:
    result.saved += sum(1 for o in delivered if o.status is Status.SAVED)
    result.duplicates += sum(1 for o in delivered if o.status is Status.DUPLICATE)
    result.accepted += sum(1 for o in delivered if o.status is Status.ACCEPTED)
    result.dead += dead


def _reason(outcome: EntryOutcome) -> str:
    """One line for the dead letter: the entry's own problems, else its batch's message."""
    if outcome.errors:
        return "; ".join(error.message for error in outcome.errors)
    return outcome.note or "rejected by the server without a reason"
