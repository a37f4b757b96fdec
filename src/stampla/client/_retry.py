"""When to try a request again, and how long to wait first.

Resending is always safe here: the server answers a punch it already stored as a
``Duplicate``, so a request whose answer was lost can simply be sent again. What remains is
not to hammer a server that is down or busy: exponential backoff with jitter, so that a fleet
of terminals coming back online does not retry in lockstep, and the server's own
``Retry-After`` when it says how long to stay away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

#: Statuses worth another try: overload (429) and server-side failures (5xx).
RETRY_STATUSES = frozenset({429, *range(500, 600)})

#: Statuses whose Retry-After header is honoured (RFC 9110 defines it for these).
RETRY_AFTER_STATUSES = frozenset({429, 503})


@dataclass(frozen=True, slots=True)
class Retry:
    """How hard one request is tried before the client gives up with ServerUnavailable.

    ``attempts`` counts every try, the first included. Between tries the client waits
    ``backoff`` seconds, doubling each time up to ``backoff_max``, with jitter; or what the
    server's ``Retry-After`` asks, up to ``retry_after_max``.

    Example: ``Client(..., retry=Retry(attempts=10, backoff_max=60))``.
    """

    attempts: int = 6
    backoff: float = 0.5
    backoff_max: float = 30.0
    retry_after_max: float = 600.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1 (the first try counts)")
        if self.backoff < 0 or self.backoff_max < 0 or self.retry_after_max < 0:
            raise ValueError("delays cannot be negative")

    def backoff_delay(self, failures: int, random: Callable[[], float]) -> float:
        """The wait after the ``failures``-th failed try, with "equal jitter".

        Half of the exponential delay is fixed and half is random, so delays keep growing while
        clients that failed together spread out.
        """
        ceiling = min(self.backoff_max, self.backoff * 2 ** (failures - 1))
        return ceiling / 2 + ceiling / 2 * random()

    def server_delay(self, header: str | None, now: datetime) -> float | None:
        """The wait a ``Retry-After`` header asks for (seconds or an HTTP date), capped."""
        seconds = retry_after_seconds(header, now)
        return None if seconds is None else min(seconds, self.retry_after_max)


def retry_after_seconds(header: str | None, now: datetime) -> float | None:
    """Seconds from ``now`` that a Retry-After value names; None if absent or unreadable."""
    if not header or not header.strip():
        return None
    value = header.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())
