"""The one clock: what time it is, as every part of the server asks it.

Everything that needs "now" (token expiry, the future limit of a TimeStamp, what attest can
already tell) takes it from a ``Clock``, so that tests can move time by hand and the whole
server agrees on one moment per request.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

#: A function giving the current instant, timezone-aware.
Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The machine's clock, in UTC."""
    return datetime.now(UTC)
