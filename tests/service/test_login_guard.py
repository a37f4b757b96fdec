"""Refusing a guess is cheap: a blocked bucket is remembered by the process, and the
refusal waits out the failure delay in the event loop."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from stampla.errors import LoginFailed, TooManyRequests
from stampla.http import login_guard
from stampla.http.login_guard import LoginGuard
from stampla.settings import Settings
from stampla.throttle.counters import DatabaseCounters
from stampla.throttle.limits import AbuseLimits, Bucket

LIMIT = 5


class CountingCounters(DatabaseCounters):
    """The database counters, counting the reads a check makes."""

    reads = 0

    def get(self, key: str) -> int:
        CountingCounters.reads += 1
        return super().get(key)


class Now:
    def __init__(self) -> None:
        self.value = 1_000_000.0

    def __call__(self) -> float:
        return self.value


@pytest.fixture
def guarded(tmp_path: Path, monkeypatch):
    now = Now()
    url = f"sqlite:///{tmp_path}/store.db"
    settings = Settings(database_url=url, login_failure_limit=LIMIT)
    limits = AbuseLimits(settings, CountingCounters(url, now=now), now)
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(login_guard.asyncio, "sleep", sleep)
    return LoginGuard(limits, 1, refusal_delay=1.5), now, slept


def wrong() -> None:
    raise LoginFailed("no")


def attempt(guard: LoginGuard, buckets: list[Bucket], login=wrong):  # noqa: ANN001
    return asyncio.run(guard.attempt(buckets, login))


def test_a_remembered_block_is_refused_without_reading_a_counter(guarded):
    guard, now, slept = guarded
    buckets = [Bucket("user", "u1"), Bucket("address", "10.0.0.1")]
    for _ in range(LIMIT):
        with pytest.raises(LoginFailed):
            attempt(guard, buckets)
    with pytest.raises(TooManyRequests):
        attempt(guard, buckets)  # learnt from the counters
    reads = CountingCounters.reads
    for _ in range(20):
        with pytest.raises(TooManyRequests) as refused:
            attempt(guard, buckets)
    assert CountingCounters.reads == reads
    assert 1 <= refused.value.retry_after <= 60
    assert slept == [1.5] * 21  # every refusal waited the delay; failures are the routes'
    now.value += 61
    with pytest.raises(LoginFailed):  # the window ended: tried (and wrong) again
        attempt(guard, buckets)


def test_a_block_of_one_bucket_does_not_block_the_others(guarded):
    """Five failures from one address block that address, not the user elsewhere."""
    guard, _now, _slept = guarded
    for n in range(LIMIT):
        with pytest.raises(LoginFailed):
            attempt(guard, [Bucket("user", f"guess-{n}"), Bucket("address", "10.0.0.9")])
    with pytest.raises(TooManyRequests):
        attempt(guard, [Bucket("user", "guess-x"), Bucket("address", "10.0.0.9")])
    assert (
        attempt(guard, [Bucket("user", "guess-x"), Bucket("address", "10.0.0.10")], lambda: 1) == 1
    )
