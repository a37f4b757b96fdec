"""The cached access token, and when to renew it.

A token is renewed a little before it expires rather than when a request bounces: a 401 costs
a round trip and, for a large batch, sending the whole body twice. The server may still refuse
a token early (it was revoked, or the clocks disagree); the client then renews once on the 401.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

#: Renew this long before expiry, or a quarter of the lifetime if that is shorter.
RENEW_BEFORE = timedelta(minutes=2)


@dataclass(frozen=True, slots=True)
class Token:
    """A token and the moment after which it is not used any more."""

    value: str
    renew_at: datetime | None

    @classmethod
    def issued(cls, value: str, now: datetime, expires_at: datetime | None) -> Token:
        """A token just received; without ``expires_at`` it is used until it is refused."""
        if expires_at is None:
            return cls(value, None)
        margin = min(RENEW_BEFORE, max(expires_at - now, timedelta(0)) / 4)
        return cls(value, expires_at - margin)

    def usable(self, now: datetime) -> bool:
        return self.renew_at is None or now < self.renew_at
