"""The one way a password is checked by the server: throttled, and a few at a time.

Every guess costs an Argon2 hash (~0.1 s of a core), so guessing in parallel used to take
the cores from ingest. Here a login is refused with ``TooManyRequests`` (429) *before* its
password is hashed when any of its counters (company, user name, address; see
``throttle.limits``) is over the limit, and the hashes a process runs are bounded by an
``asyncio`` semaphore (``STAMPLA_LOGIN_HASH_CONCURRENCY``): a login waiting for its turn
waits in the event loop, holding no worker thread, so the threads stay free for punches.
The counters are read once before queueing and again at the turn, so a flood queued behind
the semaphore is refused as soon as the first failures have been counted.

Refusing must be cheap too: 50 guessers that ignore ``Retry-After`` and send the next guess
the moment they are answered once took 85-97 % of the server's CPU only to be refused (each
refusal read its counters: about seven statements). So a process remembers, per bucket, until
when the shared counters said it is blocked, and refuses from that memory in the event loop,
without a thread or a statement; and a refusal is answered after the same delay as a failed
login (``STAMPLA_LOGIN_FAILURE_DELAY_SECONDS``), waited out in the event loop, which holds a
closed-loop guesser to one guess per delay without costing a core anything.

``/Login/Token``, ``/Admin/StaffToken``, the kiosk and the pages' sign-in all go through
``LoginGuard.attempt``.
"""

from __future__ import annotations

import asyncio
import math
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

from stampla.errors import LoginFailed, TooManyRequests
from stampla.throttle.limits import AbuseLimits, Bucket
from stampla.wording import plural

T = TypeVar("T")


def too_many_logins(wait: int) -> TooManyRequests:
    """The refusal: how long to wait, and not which part of the login was wrong."""
    return TooManyRequests(f"Too many failed logins; try again in {plural(wait, 'second')}", wait)


#: Remembered blocks kept before the expired ones are dropped.
REMEMBERED = 10_000


class LoginGuard:
    """Throttling and bounded hashing around a login function of the services."""

    def __init__(self, limits: AbuseLimits, concurrency: int, refusal_delay: float = 0.0) -> None:
        self.limits = limits
        self.refusal_delay = refusal_delay
        self._turns = asyncio.Semaphore(concurrency)
        #: Bucket -> until when (the limits' clock) the shared counters said it is blocked.
        self._blocked: dict[Bucket, float] = {}
        self._lock = threading.Lock()

    async def attempt(self, buckets: Sequence[Bucket], login: Callable[[], T]) -> T:
        """``login()`` in a worker thread, or TooManyRequests (after the refusal delay); a
        LoginFailed it raises is counted against every bucket, then raised on."""
        try:
            self._refuse_if_remembered(buckets)
            await run_in_threadpool(self._refuse_if_blocked, buckets)
            async with self._turns:
                return await run_in_threadpool(self._checked, buckets, login)
        except TooManyRequests:
            await asyncio.sleep(self.refusal_delay)
            raise

    def _refuse_if_remembered(self, buckets: Sequence[Bucket]) -> None:
        now = self.limits.now()
        with self._lock:
            untils = [self._blocked.get(bucket, 0.0) for bucket in buckets]
        wait = max(untils) - now
        if wait > 0:
            raise too_many_logins(max(1, math.ceil(wait)))

    def _refuse_if_blocked(self, buckets: Sequence[Bucket]) -> None:
        blocks = self.limits.login_blocks(buckets)
        if not blocks:
            return
        now = self.limits.now()
        with self._lock:
            if len(self._blocked) >= REMEMBERED:
                self._blocked = {b: t for b, t in self._blocked.items() if t > now}
            for bucket, wait in blocks.items():
                self._blocked[bucket] = max(self._blocked.get(bucket, 0.0), now + wait)
        raise too_many_logins(max(blocks.values()))

    def _checked(self, buckets: Sequence[Bucket], login: Callable[[], T]) -> T:
        self._refuse_if_blocked(buckets)
        try:
            return login()
        except LoginFailed:
            self.limits.login_failed(buckets)
            raise
