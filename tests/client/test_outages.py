"""Outages over real sockets: a server restarted mid-push, an agent killed mid-send.

In every case each punch that was queued ends up stored exactly once, read back through the
API.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stampla.client import Client, Outbox
from tests.factories import TestCompany
from tests.serverproc import free_port

from .conftest import assert_stored_exactly_once, punches
from .gate import Gate
from .processes import LINE_TIMEOUT, ServerProcess, Watched, serve_in_thread

pytestmark = pytest.mark.slow


def client_for(base_url: str, company: TestCompany, **options) -> Client:
    return Client(
        base_url,
        company.company_api_key,
        company.connect_api_key,
        company.user_name,
        company.password,
        **options,
    )


def agent_env(base_url: str, company: TestCompany, outbox: Path, **more: str) -> dict[str, str]:
    return {
        "STAMPLA_CLIENT_BASE_URL": base_url,
        "STAMPLA_CLIENT_COMPANY_API_KEY": company.company_api_key,
        "STAMPLA_CLIENT_CONNECT_API_KEY": company.connect_api_key,
        "STAMPLA_CLIENT_USER_NAME": company.user_name,
        "STAMPLA_CLIENT_PASSWORD": company.password,
        "STAMPLA_CLIENT_OUTBOX": str(outbox),
        "STAMPLA_CLIENT_BATCH_SIZE": "100",
        "STAMPLA_CLIENT_POLL_SECONDS": "0.2",
        **more,
    }


def test_server_stopped_and_restarted_in_the_middle_of_a_push(database_url, company, tmp_path):
    server = ServerProcess(database_url, free_port())
    server.start()
    pauses: list[float] = []

    def stop_after_first_batch(_batch) -> None:
        if not pauses and server.server is not None:
            server.stop()

    def pause(seconds: float) -> None:  # while the client waits to try again, it comes back
        pauses.append(seconds)
        if server.server is None:
            server.start()

    entries = punches(1_000)
    try:
        with (
            Outbox(tmp_path / "outbox.db") as box,
            client_for(server.base_url, company, batch_size=200, sleep=pause) as client,
        ):
            box.enqueue_many(entries)
            result = box.drain(client, on_batch=stop_after_first_batch)
            assert (result.saved, result.duplicates, result.pending) == (1_000, 0, 0)
            assert len(pauses) == 1  # one failed try, then the restarted server answered
            assert_stored_exactly_once(client, entries)
    finally:
        server.stop()


@pytest.mark.parametrize("server_committed", [True, False], ids=["committed", "unseen"])
def test_agent_killed_in_the_middle_of_a_send_then_restarted(
    app, company, tmp_path, server_committed
):
    path = tmp_path / "outbox.db"
    entries = punches(1_000)
    with Outbox(path) as box:
        box.enqueue_many(entries)
    gate = Gate(app)
    if server_committed:
        gate.hold_answer(2)  # the server stores batch 2, the agent dies waiting for the answer
    else:
        gate.hold_unprocessed(2)  # the agent dies before the server has looked at batch 2
    with serve_in_thread(gate) as base:
        env = agent_env(base, company, path)
        first = Watched(["agent"], env)
        try:
            assert gate.held.wait(LINE_TIMEOUT), first.output
            first.kill()
        finally:
            gate.release.set()
        with Outbox(path) as box:
            assert box.count_pending() == 900  # batch 1 recorded, batch 2 not

        second = Watched(["agent"], env)
        second.wait_for("outbox empty")
        assert second.terminate() == 0
        assert "agent stopped; 0 punches pending" in second.rest()

        with Outbox(path) as box:
            statuses = [d.status for d in box.delivered()]
        assert len(statuses) == 1_000
        assert statuses.count("Duplicate") == (100 if server_committed else 0)
        with client_for(base, company) as client:
            assert_stored_exactly_once(client, entries)


@pytest.mark.parametrize(
    ("attempts", "waiting"),
    [("6", "trying again in"), ("1", "next try in")],
    ids=["in the client's pause", "in the agent's pause"],
)
def test_sigterm_stops_the_agent_at_once_while_the_server_is_away(
    company, tmp_path, attempts, waiting
):
    path = tmp_path / "outbox.db"
    with Outbox(path) as box:
        box.enqueue_many(punches(3))
    closed = f"http://127.0.0.1:{free_port()}"
    agent = Watched(["agent"], agent_env(closed, company, path, STAMPLA_CLIENT_ATTEMPTS=attempts))
    agent.wait_for(waiting)
    assert agent.terminate() == 0
    assert "agent stopped; 3 punches pending" in agent.rest()
