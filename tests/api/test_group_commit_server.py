"""kill -9 of a real ``stampla serve`` while terminals post at once: every punch it
acknowledged is stored, after groups of posts shared their commits."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, timedelta

import httpx2 as httpx
import pytest
from sqlalchemy import select

from stampla.store.engine import Store
from stampla.store.tables import punches
from tests.factories import ENTRY_PATH, TestCompany, build_company, entry
from tests.serverproc import Watched, free_port

pytestmark = pytest.mark.slow

CLIENTS = 8
#: Posts acknowledged before the kill, at least (and until a group was seen).
ACKNOWLEDGED = 80
GIVE_UP = 3000
START = datetime(2025, 6, 12, tzinfo=UTC)


@pytest.fixture
def company(database_url: str, clock) -> TestCompany:
    store = Store(database_url)
    try:
        return build_company(store, clock())
    finally:
        store.dispose()


def grouped_commits(http: httpx.Client) -> float:
    """Saved posts that shared their commit with another, from /metrics."""
    text = http.get("/metrics").text
    count = re.search(r"^stampla_commit_group_batches_count (\S+)$", text, re.M)
    alone = re.search(r'^stampla_commit_group_batches_bucket\{le="1\.0"\} (\S+)$', text, re.M)
    assert count and alone, text
    return float(count.group(1)) - float(alone.group(1))


def test_kill_9_during_group_commits_loses_no_acknowledged_punch(database_url, company):
    port = free_port()
    server = Watched(
        ["serve", "--host", "127.0.0.1", "--port", str(port)],
        {"STAMPLA_DATABASE_URL": database_url},
    )
    base = f"http://127.0.0.1:{port}"
    acknowledged: dict[str, int] = {}  # TimeStamp sent -> id answered
    refused: list[str] = []
    progress = threading.Condition()
    stop = threading.Event()
    try:
        server.wait_for("Listening on")
        with httpx.Client(base_url=base) as http:
            login = http.post(
                "/Login/Token",
                params=company.keys(),
                json={"UserName": company.user_name, "Password": company.password},
            )
            params = {**company.keys(), "token": login.json()["token"]}

            def terminal(number: int) -> None:
                with httpx.Client(base_url=base, timeout=30) as mine:
                    for k in range(GIVE_UP):
                        if stop.is_set():
                            return
                        stamp = START + timedelta(seconds=number * GIVE_UP + k)
                        sent = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
                        try:
                            answer = mine.post(
                                ENTRY_PATH,
                                params=params,
                                json=[entry(employee="3002", time_stamp=sent)],
                            )
                        except httpx.HTTPError:
                            return  # the server is gone
                        if answer.status_code != 200:
                            refused.append(answer.text)
                            return
                        with progress:
                            acknowledged[sent] = answer.json()["results"][0]["timeStampEntryId"]
                            progress.notify_all()

            threads = [threading.Thread(target=terminal, args=(n,)) for n in range(CLIENTS)]
            for thread in threads:
                thread.start()
            with progress:
                assert progress.wait_for(lambda: len(acknowledged) >= ACKNOWLEDGED, 120)
            while not grouped_commits(http) and len(acknowledged) < GIVE_UP:
                with progress:
                    seen = len(acknowledged)
                    progress.wait_for(lambda seen=seen: len(acknowledged) > seen, 60)
            assert grouped_commits(http) > 0, "no two posts ever shared a commit"
            server.kill()
            stop.set()
            for thread in threads:
                thread.join(60)
    finally:
        stop.set()
        if server.process.poll() is None:
            server.kill()
    assert not refused, refused[:3]
    answered = dict(acknowledged)
    store = Store(database_url)
    try:
        with store.read() as conn:
            rows = conn.execute(
                select(punches.c.id, punches.c.timestamp_sent).where(
                    punches.c.company_id == company.id
                )
            ).all()
    finally:
        store.dispose()
    kept = {sent: punch_id for punch_id, sent in rows}
    assert len(answered) >= ACKNOWLEDGED
    missing = {sent: i for sent, i in answered.items() if kept.get(sent) != i}
    assert not missing, f"{len(missing)} acknowledged punches lost or changed"
