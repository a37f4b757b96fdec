"""The terminal agent: sends the outbox for as long as it runs, and stops cleanly when told.

A terminal queues punches (``stampla punch``, or its own program through ``Outbox.enqueue``)
and the agent delivers them: at once while the server answers, with growing pauses while it
does not, and without ever giving up, since a terminal may be offline for days. Stopping
(SIGTERM, or ``Agent.stop``) interrupts any wait at once; a request already on the wire is
finished and its answer recorded first, and a punch whose answer never came stays pending.
"""

from __future__ import annotations

import logging
import random
import threading
from datetime import timedelta

from ._client import Client, Sleep, utc_now
from ._drain import DrainResult
from ._exceptions import ClientError, LoginRefused
from ._retry import Retry
from .outbox import Outbox

log = logging.getLogger("stampla.agent")

#: Pauses between drains that failed: 2 s at first, doubling up to 5 minutes.
OUTAGE_BACKOFF = Retry(attempts=1, backoff=2.0, backoff_max=300.0)


class Stopping(Exception):
    """Raised inside a wait when the agent is asked to stop, to unwind a send in progress."""


def interruptible_sleep(stop: threading.Event) -> Sleep:
    """A ``sleep`` for the Client that ends the moment ``stop`` is set (by raising Stopping)."""

    def sleep(seconds: float) -> None:
        if stop.wait(seconds):
            raise Stopping

    return sleep


class Agent:
    """Drains ``outbox`` through ``client`` until ``stop`` is set.

    Give the client ``sleep=interruptible_sleep(stop)`` with the same event, so that stopping
    does not wait out the client's own retry pauses.

    Example::

        stop = threading.Event()
        client = Client(url, company_key, connect_key, user, password,
                        sleep=interruptible_sleep(stop))
        Agent(Outbox("stampla-outbox.db"), client, stop=stop).run()
    """

    def __init__(
        self,
        outbox: Outbox,
        client: Client,
        *,
        stop: threading.Event | None = None,
        poll_seconds: float = 1.0,
        keep_delivered: timedelta = timedelta(days=30),
    ) -> None:
        self.outbox = outbox
        self.client = client
        self.stop_event = stop or threading.Event()
        self.poll_seconds = poll_seconds
        self.keep_delivered = keep_delivered
        self._failures = 0
        self._idle = False

    def stop(self) -> None:
        self.stop_event.set()

    def run(self) -> None:
        """Send until stopped; every wait ends the moment ``stop`` is set."""
        log.info(
            "agent started: outbox %s, server %s, %d punches pending",
            self.outbox.path,
            self.client.base_url,
            self.outbox.count_pending(),
        )
        try:
            while not self.stop_event.is_set():
                self.stop_event.wait(self._round())
        except Stopping:
            pass
        log.info("agent stopped; %d punches pending", self.outbox.count_pending())

    def _round(self) -> float:
        """One drain; returns how long to wait before the next."""
        try:
            self.outbox.drain(self.client, stop=self.stop_event.is_set, on_batch=self._sent)
        except ClientError as error:
            self._failures += 1
            self._idle = False
            wait = OUTAGE_BACKOFF.backoff_delay(self._failures, random.random)
            level = logging.ERROR if isinstance(error, LoginRefused) else logging.WARNING
            log.log(level, "cannot send (%s); next try in %.0f s", error, wait)
            return wait
        self._failures = 0
        if not self._idle and not self.stop_event.is_set():
            self._idle = True
            self.outbox.prune_delivered(utc_now() - self.keep_delivered)
            log.info("outbox empty; waiting for punches")
        return self.poll_seconds

    def _sent(self, batch: DrainResult) -> None:
        self._idle = False
        log.info(
            "sent %d: %d saved, %d duplicates, %d dead letters; %d pending",
            batch.delivered + batch.dead,
            batch.saved,
            batch.duplicates,
            batch.dead,
            batch.pending,
        )
