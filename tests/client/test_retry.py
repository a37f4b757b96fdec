"""The retry policy: how long to wait, as plain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from stampla.client import Retry
from stampla.client._retry import retry_after_seconds

NOW = datetime(2025, 6, 12, 8, 0, tzinfo=UTC)


def test_backoff_doubles_up_to_its_cap_with_equal_jitter():
    policy = Retry(backoff=0.5, backoff_max=4.0)
    highest = [policy.backoff_delay(n, lambda: 1.0) for n in range(1, 7)]
    lowest = [policy.backoff_delay(n, lambda: 0.0) for n in range(1, 7)]
    assert highest == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    assert lowest == [d / 2 for d in highest]


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        (format_datetime(NOW + timedelta(seconds=90), usegmt=True), 90.0),
        (format_datetime(NOW - timedelta(seconds=90), usegmt=True), 0.0),
        ("soon", None),
        ("-5", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_is_read_as_seconds_or_an_http_date(header, seconds):
    assert retry_after_seconds(header, NOW) == seconds


def test_a_server_cannot_make_the_client_wait_forever():
    assert Retry(retry_after_max=600).server_delay("86400", NOW) == 600


def test_a_policy_without_a_first_try_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        Retry(attempts=0)
