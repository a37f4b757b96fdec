"""The server's abuse limits: failed logins per company, user name and address, and the
request rate of each integration; over the ``limits`` library's fixed-window strategy.

The counters are shared by every worker process: in Redis when ``STAMPLA_REDIS_URL`` is set
(one round trip per check, and shared by several machines in front of one database), else in
the database (``throttle.counters``), which every worker already reaches and which needs
nothing more to run. Either way the keys are namespaced by the store, so two servers over
two databases that share one Redis keep their counts apart.

No key holds a secret or a name in clear: API keys and user names enter as digests.

The request rate is counted on every request, so its hits are tallied in the process and
sent to the shared counter together (``RequestTally``): once a fixed share of the limit has
gathered (1/200: 150 requests of the default 30,000 a minute) or half a second has passed,
whichever comes first. A single punch then costs no counter round trip; a process can let
at most that share through beyond the limit before it hears of it, and once the shared count
is over, the process refuses by itself until the window ends. Small limits (below 200) are
counted on every request, exactly as before.
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from limits import RateLimitItemPerSecond
from limits.errors import StorageError
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy.engine import make_url

from stampla.domain.text import match_key
from stampla.errors import Unavailable
from stampla.settings import Settings

from .counters import DatabaseCounters

log = logging.getLogger("stampla.throttle")

#: Without Redis the counters are in the database, and its outage is the database's.
COUNTERS_DOWN = {
    "database": "The database is unavailable right now; retry shortly",
    "redis": "The rate-limit counters (Redis) are unavailable right now; retry shortly",
}


@dataclass(frozen=True, slots=True)
class Bucket:
    """One thing whose failed logins are counted: ``kind`` (company, user, address) and
    a value that names it without revealing it."""

    kind: str
    value: str


def hidden(*parts: str) -> str:
    """A short digest of ``parts``: a counter's name without the secret or name in it."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def api_login_buckets(
    company_api_key: str | None, user_name: str | None, address: str | None
) -> list[Bucket]:
    """The counters a login at /Login/Token is charged to: the company's key, the user
    name within that company, and the client's address."""
    buckets = []
    if company_api_key:
        buckets.append(Bucket("company", hidden("api", company_api_key)))
        if user_name:
            buckets.append(Bucket("user", hidden("api", company_api_key, match_key(user_name))))
    return [*buckets, Bucket("address", address or "unknown")]


def web_login_buckets(company: str, user_name: str, address: str | None) -> list[Bucket]:
    """The counters a sign-in to the pages is charged to: the company's name, the user
    name within it, and the client's address (shared with /Login/Token)."""
    buckets = []
    if company.strip():
        buckets.append(Bucket("company", hidden("web", match_key(company.strip()))))
        if user_name.strip():
            key = hidden("web", match_key(company.strip()), match_key(user_name.strip()))
            buckets.append(Bucket("user", key))
    return [*buckets, Bucket("address", address or "unknown")]


def staff_token_buckets(
    company: str | None, company_api_key: str | None, user_name: str, address: str | None
) -> list[Bucket]:
    """The counters a staff user's sign-in at /Admin/StaffToken is charged to: those of the
    pages' sign-in when the company is named (one person, one password, one count), else
    the company's API key and the user name within it; and the client's address."""
    if company and company.strip():
        return web_login_buckets(company, user_name, address)
    buckets = []
    if company_api_key:
        buckets.append(Bucket("company", hidden("staff", company_api_key)))
        if user_name.strip():
            key = hidden("staff", company_api_key, match_key(user_name.strip()))
            buckets.append(Bucket("user", key))
    return [*buckets, Bucket("address", address or "unknown")]


#: Share of the request limit a process tallies before it sends its hits to the counter.
TALLY_SHARE = 200
#: Seconds after which tallied hits are sent, however few.
TALLY_SECONDS = 0.5


@dataclass(slots=True)
class RequestTally:
    """One integration's hits not yet sent to the shared counter, and what was last heard."""

    pending: int = 0
    sent_at: float = 0.0
    #: Until when the shared count said the window is full (refused here without asking).
    full_until: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class AbuseLimits:
    """Checks and counts, over one storage; every method is blocking I/O (thread pool)."""

    def __init__(self, settings: Settings, storage: Storage, now: Callable[[], float]) -> None:
        self.storage = storage
        self.now = now
        self.namespace = hidden("store", settings.database_url)[:12]
        self.limiter = FixedWindowRateLimiter(storage)
        self.login = RateLimitItemPerSecond(
            settings.login_failure_limit, settings.login_failure_window_seconds, "login"
        )
        self.requests = (
            RateLimitItemPerSecond(
                settings.integration_rate_limit,
                settings.integration_rate_window_seconds,
                "requests",
            )
            if settings.integration_rate_limit
            else None
        )
        self._tally_size = max(1, settings.integration_rate_limit // TALLY_SHARE)
        self._tallies: dict[tuple[int, int], RequestTally] = {}
        self._tallies_lock = threading.Lock()

    def login_blocked_for(self, buckets: Iterable[Bucket]) -> int | None:
        """Seconds until a login charged to ``buckets`` may be tried again, or None if it
        may be tried now; asked before the password is hashed. Without its counters a
        login is not tried at all (Unavailable, 503): guessing must not get easier when
        Redis or the database is down."""
        try:
            waits = [
                self._retry_after(self.login, bucket.kind, bucket.value)
                for bucket in buckets
                if not self.limiter.test(self.login, self.namespace, bucket.kind, bucket.value)
            ]
        except StorageError as error:
            log.warning("rate-limit counters unavailable: %s", error)
            kind = "database" if isinstance(self.storage, DatabaseCounters) else "redis"
            raise Unavailable(COUNTERS_DOWN[kind]) from None
        return max(waits) if waits else None

    def login_failed(self, buckets: Iterable[Bucket]) -> None:
        """Counts one failed login against each of ``buckets``."""
        try:
            for bucket in buckets:
                self.limiter.hit(self.login, self.namespace, bucket.kind, bucket.value)
        except StorageError as error:
            log.warning("rate-limit counters unavailable: %s", error)

    def request_refused_for(self, company_id: int, integration_id: int) -> int | None:
        """Counts one request of the integration; seconds to wait if it is over its rate.

        Without its counters a request goes through (with a warning): the rate limit
        protects the server, and a server that stops taking punches when Redis restarts
        would protect nothing."""
        if self.requests is None:
            return None
        tally = self._tally(company_id, integration_id)
        now = self.now()
        with tally.lock:
            if now < tally.full_until:
                return max(1, math.ceil(tally.full_until - now))
            tally.pending += 1
            if tally.pending < self._tally_size and now - tally.sent_at < TALLY_SECONDS:
                return None
            cost, tally.pending, tally.sent_at = tally.pending, 0, now
        ids = (self.namespace, "integration", str(company_id), str(integration_id))
        try:
            if self.limiter.hit(self.requests, *ids, cost=cost):
                return None
            wait = self._retry_after(self.requests, *ids[1:])
        except StorageError as error:
            log.warning("rate-limit counters unavailable, request let through: %s", error)
            return None
        with tally.lock:
            tally.full_until = max(tally.full_until, now + wait)
        return wait

    def _tally(self, company_id: int, integration_id: int) -> RequestTally:
        key = (company_id, integration_id)
        tally = self._tallies.get(key)
        if tally is None:
            with self._tallies_lock:
                tally = self._tallies.setdefault(key, RequestTally())
        return tally

    def _retry_after(self, item: RateLimitItemPerSecond, *ids: str) -> int:
        reset = self.limiter.get_window_stats(item, self.namespace, *ids).reset_time
        return max(1, math.ceil(reset - self.now()))

    def dispose(self) -> None:
        if isinstance(self.storage, DatabaseCounters):
            self.storage.dispose()


def abuse_limits(settings: Settings, now: Callable[[], float] = time.time) -> AbuseLimits:
    """The limits of a server: Redis if configured, else the database (memory for a
    database that lives in one process's memory). ``now`` is the server's clock; Redis
    keeps its own time, so with Redis it is the system's."""
    if settings.redis_url:
        storage = storage_from_string(
            settings.redis_url, key_prefix="stampla", wrap_exceptions=True
        )
        return AbuseLimits(settings, storage, time.time)
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return AbuseLimits(settings, MemoryStorage(wrap_exceptions=True), time.time)
    return AbuseLimits(settings, DatabaseCounters(settings.database_url, now=now), now)
