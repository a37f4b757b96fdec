"""A stopping server finishes what it started, and a slow body cannot hold a worker.

On SIGTERM a real ``stampla serve`` lets a request already in flight finish and be answered
(the punch is saved and acknowledged), then exits; a request that starts while it drains is
answered 503 with Retry-After. A body that trickles in past ``STAMPLA_BODY_TIMEOUT_SECONDS``
is answered 408 and nothing of it is written.
"""

from __future__ import annotations

import json
import signal
import socket

import httpx2 as httpx
import pytest

from stampla.http.overload import PROCESS
from stampla.store.engine import Store
from tests.factories import ENTRY_PATH, build_company
from tests.serverproc import Watched, free_port

pytestmark = pytest.mark.slow

ENTRY = {
    "EmployeeNr": "3002",
    "TimeStamp": "2025-06-12T08:00:00",
    "TimeStampEntryType": "In",
    "TimeTerminalId": 1,
}


def _read_response(sock: socket.socket) -> tuple[int, bytes]:
    """Status and body of one HTTP/1.1 response with a Content-Length."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"connection closed before a response: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    length = int({k.lower(): v for k, v in headers.items()}["content-length"])
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "connection closed inside the body"
        body += chunk
    return int(lines[0].split()[1]), body


def _start_post(sock: socket.socket, port: int, query: str, body: bytes, sent: int) -> None:
    """Send a POST's head and the first ``sent`` bytes of its body."""
    head = (
        f"POST {ENTRY_PATH}?{query} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    sock.sendall(head + body[:sent])


def _server(database_url: str, port: int, **env: str) -> Watched:
    server = Watched(
        ["serve", "--host", "127.0.0.1", "--port", str(port)],
        {
            "STAMPLA_DATABASE_URL": database_url,
            "STAMPLA_LOG_FORMAT": "text",
            "STAMPLA_LOG_LEVEL": "debug",
            **env,
        },
    )
    server.wait_for("Listening on")
    return server


def _token_query(base: str, company) -> str:
    keys = company.keys()
    with httpx.Client(base_url=base) as http:
        login = http.post(
            "/Login/Token",
            params=keys,
            json={"UserName": company.user_name, "Password": company.password},
        )
    assert login.status_code == 200, login.text
    return str(httpx.QueryParams({**keys, "token": login.json()["token"]}))


def test_sigterm_lets_the_request_in_flight_finish_and_save(database_url: str, clock) -> None:
    store = Store(database_url)
    company = build_company(store, clock())
    store.dispose()
    port = free_port()
    server = _server(database_url, port)
    try:
        query = _token_query(f"http://127.0.0.1:{port}", company)
        body = json.dumps([ENTRY]).encode()
        with socket.create_connection(("127.0.0.1", port)) as sock:
            _start_post(sock, port, query, body, sent=10)
            server.wait_for(f"started POST {ENTRY_PATH}")  # the app has the request now
            server.process.send_signal(signal.SIGTERM)
            server.wait_for("Waiting for connections to close")
            sock.sendall(body[10:])
            status, answer = _read_response(sock)
        assert status == 200, answer
        assert [r["status"] for r in json.loads(answer)["results"]] == ["Saved"]
        # uvicorn ends by re-raising the signal it caught, as a stopped process should.
        assert server.process.wait(timeout=60) in (0, -signal.SIGTERM)
    finally:
        if server.process.poll() is None:
            server.kill()
    store = Store(database_url)
    try:
        with Store(database_url).read() as conn:
            count = conn.exec_driver_sql(
                "SELECT count(*) FROM punches WHERE company_id = ?"
                if store.dialect == "sqlite"
                else "SELECT count(*) FROM punches WHERE company_id = %s",
                (company.id,),
            ).scalar_one()
    finally:
        store.dispose()
    assert count == 1


def test_a_slow_body_is_cut_off_with_408_and_nothing_saved(database_url: str, clock) -> None:
    store = Store(database_url)
    company = build_company(store, clock())
    store.dispose()
    port = free_port()
    server = _server(database_url, port, STAMPLA_BODY_TIMEOUT_SECONDS="0.5")
    try:
        query = _token_query(f"http://127.0.0.1:{port}", company)
        body = json.dumps([ENTRY]).encode()
        with socket.create_connection(("127.0.0.1", port)) as sock:
            _start_post(sock, port, query, body, sent=10)
            status, answer = _read_response(sock)  # the server answers by itself
            assert sock.recv(1) == b""  # and closes the connection
        assert status == 408
        assert "too slowly" in json.loads(answer)["errorMessage"]
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as http:
            read = http.get(f"{ENTRY_PATH}?{query}&dateFrom=2025-06-12&dateTo=2025-06-12")
        assert read.status_code == 200 and read.json() == []
    finally:
        server.terminate()


def test_a_draining_process_answers_503_with_retry_after(client) -> None:
    assert client.get("/health").status_code == 200
    PROCESS.start()
    try:
        response = client.get("/health")
    finally:
        PROCESS.draining = False
    assert response.status_code == 503
    assert response.headers["retry-after"] == "2"
    assert "restarting" in response.json()["errorMessage"]
