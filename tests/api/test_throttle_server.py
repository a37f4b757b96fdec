"""The limit of failed logins holds across the worker processes of a real ``stampla serve``:
the counters are shared (in the database, or in Redis when STAMPLA_REDIS_URL is set), so a
guesser gets five tries in all, not five per worker.

Every login goes on a connection of its own, which the kernel hands to either worker; the
JSON log line of each answer (found by its X-Request-Id) names the process that gave it.
"""

from __future__ import annotations

import json
import os

import httpx2 as httpx
import pytest
import redis

from stampla.store import migrate
from stampla.store.engine import Store
from tests.factories import build_company
from tests.serverproc import Watched, free_port

pytestmark = pytest.mark.slow

REDIS_URL = os.environ.get("STAMPLA_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _redis_available() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


#: Refused guesses sent after the sixth until each worker has refused one (each goes to
#: either worker, so 40 leave a chance of 2**-39 that one never got any).
MORE_GUESSES = 40
REQUEST_LOG = "stampla.request"


def guesses(database_url: str, clock, **env: str) -> list[tuple[int, str | None, int]]:
    """Status, Retry-After and the answering process of wrong logins on new connections:
    six, then more until both workers have refused one."""
    store = Store(database_url)
    migrate.upgrade(store.engine)
    company = build_company(store, clock())
    store.dispose()
    port = free_port()
    server = Watched(
        ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        {
            "STAMPLA_DATABASE_URL": database_url,
            "STAMPLA_LOGIN_FAILURE_DELAY_SECONDS": "0",
            "STAMPLA_LOG_FORMAT": "json",
            **env,
        },
    )
    answers = []
    try:
        server.wait_for("Listening on")
        server.wait_for("Listening on")
        for attempt in range(6 + MORE_GUESSES):
            with httpx.Client(base_url=f"http://127.0.0.1:{port}") as http:  # a new connection
                response = http.post(
                    "/Login/Token",
                    params=company.keys(),
                    json={"UserName": company.user_name, "Password": f"guess {attempt}"},
                )
            request_id = response.headers["X-Request-Id"]
            answers.append((response.status_code, response.headers.get("Retry-After"), request_id))
            server.wait_for(request_id)  # its line is written: the process is known
            if attempt >= 6 and len(_refusers(server.output, answers)) == 2:
                break
    finally:
        server.terminate()
    pids = _pids(server.output)
    return [(status, retry, pids[request_id]) for status, retry, request_id in answers]


def _pids(log: str) -> dict[str, int]:
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    return {
        line["request_id"]: line["pid"] for line in lines if line["logger"] == "stampla.request"
    }


def _refusers(log: str, answers: list[tuple[int, str | None, str]]) -> set[int]:
    pids = _pids(log)
    return {pids[request_id] for status, _, request_id in answers if status == 429}


def assert_shared(answers: list[tuple[int, str | None, int]]) -> None:
    """Five failures in all, then only refusals, from both workers: whichever worker saw
    fewer than five failures refused on the others' count."""
    statuses = [status for status, _, _ in answers]
    assert statuses[:6] == [401] * 5 + [429]
    assert set(statuses[6:]) <= {429}
    for _, retry_after, _ in answers[5:]:
        assert retry_after is not None and 1 <= int(retry_after) <= 60
    assert len({pid for status, _, pid in answers if status == 429}) == 2


def test_the_sixth_wrong_login_is_429_across_two_workers(fresh_database_url, clock):
    assert_shared(guesses(fresh_database_url, clock))


def test_with_redis_the_sixth_wrong_login_is_429_across_two_workers(
    fresh_database_url, clock, backend
):
    if backend != "sqlite":
        pytest.skip("Redis holds the counters whatever the database; once is enough")
    if not _redis_available():
        pytest.skip(f"no Redis at {REDIS_URL}")
    assert_shared(guesses(fresh_database_url, clock, STAMPLA_REDIS_URL=REDIS_URL))
    # The counters went to Redis, under the server's prefix, and not to the database.
    assert not os.path.exists(fresh_database_url.removeprefix("sqlite:///") + "-limits")
    keys = redis.Redis.from_url(REDIS_URL).keys("stampla*")
    assert keys, "no counter in Redis"
