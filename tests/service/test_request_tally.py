"""The request rate is tallied in the process and sent to the shared counter together."""

from __future__ import annotations

from pathlib import Path

import pytest

from stampla.settings import Settings
from stampla.throttle.counters import DatabaseCounters
from stampla.throttle.limits import TALLY_SECONDS, AbuseLimits


class Now:
    def __init__(self) -> None:
        self.value = 1_000_000.0

    def __call__(self) -> float:
        return self.value


@pytest.fixture
def limits_of(tmp_path: Path):
    """Limits over the database counters a server without Redis uses, on a moved clock."""

    def make(limit: int, now: Now) -> tuple[AbuseLimits, DatabaseCounters]:
        url = f"sqlite:///{tmp_path}/store.db"
        settings = Settings(
            database_url=url, integration_rate_limit=limit, integration_rate_window_seconds=60
        )
        storage = DatabaseCounters(url, now=now)
        return AbuseLimits(settings, storage, now), storage

    return make


def shared_count(limits: AbuseLimits, storage: DatabaseCounters) -> int:
    stats = limits.limiter.get_window_stats(
        limits.requests, limits.namespace, "integration", "1", "2"
    )
    return limits.requests.amount - stats.remaining


def test_hits_are_sent_once_a_share_of_the_limit_has_gathered(limits_of):
    now = Now()
    limits, storage = limits_of(2_000, now)  # a tally of 10
    answers = [limits.request_refused_for(1, 2) for _ in range(25)]
    assert answers == [None] * 25
    # The first request is sent at once (nothing was sent yet), then every tenth.
    assert shared_count(limits, storage) == 1 + 10 + 10


def test_hits_are_sent_after_half_a_second_however_few(limits_of):
    now = Now()
    limits, storage = limits_of(2_000, now)
    limits.request_refused_for(1, 2)
    limits.request_refused_for(1, 2)
    assert shared_count(limits, storage) == 1
    now.value += TALLY_SECONDS
    limits.request_refused_for(1, 2)
    assert shared_count(limits, storage) == 3


def test_over_the_limit_the_process_refuses_until_the_window_ends(limits_of):
    now = Now()
    limits, storage = limits_of(400, now)  # a tally of 2
    answers = [limits.request_refused_for(1, 2) for _ in range(403)]
    assert answers[:400] == [None] * 400
    refused = [a for a in answers if a is not None]
    assert refused and all(1 <= wait <= 60 for wait in refused)
    sent = shared_count(limits, storage)
    # Refused by the process itself: the shared counter hears of no more hits.
    assert limits.request_refused_for(1, 2) is not None
    assert shared_count(limits, storage) == sent
    now.value += 61
    assert limits.request_refused_for(1, 2) is None


def test_small_limits_are_counted_on_every_request(limits_of):
    now = Now()
    limits, storage = limits_of(3, now)
    assert [limits.request_refused_for(1, 2) is None for _ in range(4)] == [True, True, True, False]
    assert shared_count(limits, storage) == 3
