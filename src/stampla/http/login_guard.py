"""The one way a password is checked by the server: throttled, and a few at a time.

Every guess costs an Argon2 hash (~0.1 s of a core), so guessing in parallel used to take
the cores from ingest. Here a login is refused with ``TooManyRequests`` (429) *before* its
password is hashed when any of its counters (company, user name, address; see
``throttle.limits``) is over the limit, and the hashes a process runs are bounded by an
``asyncio`` semaphore (``STAMPLA_LOGIN_HASH_CONCURRENCY``): a login waiting for its turn
waits in the event loop, holding no worker thread, so the threads stay free for punches.
The counters are read once before queueing and again at the turn, so a flood queued behind
the semaphore is refused as soon as the first failures have been counted.

``/Login/Token``, ``/Admin/StaffToken`` and the pages' sign-in all go through
``LoginGuard.attempt``.
"""

from __future__ import annotations

import asyncio
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


class LoginGuard:
    """Throttling and bounded hashing around a login function of the services."""

    def __init__(self, limits: AbuseLimits, concurrency: int) -> None:
        self.limits = limits
        self._turns = asyncio.Semaphore(concurrency)

    async def attempt(self, buckets: Sequence[Bucket], login: Callable[[], T]) -> T:
        """``login()`` in a worker thread, or TooManyRequests; a LoginFailed it raises is
        counted against every bucket, then raised on."""
        await run_in_threadpool(self._refuse_if_blocked, buckets)
        async with self._turns:
            return await run_in_threadpool(self._checked, buckets, login)

    def _refuse_if_blocked(self, buckets: Sequence[Bucket]) -> None:
        wait = self.limits.login_blocked_for(buckets)
        if wait is not None:
            raise too_many_logins(wait)

    def _checked(self, buckets: Sequence[Bucket], login: Callable[[], T]) -> T:
        self._refuse_if_blocked(buckets)
        try:
            return login()
        except LoginFailed:
            self.limits.login_failed(buckets)
            raise
