"""Hostile input against a real ``stampla serve``: long headers, extreme dates on the pages,
and a client that goes away half-way through its body."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import httpx2 as httpx
import pytest

from stampla.store.engine import Store
from tests.factories import ENTRY_PATH, TestCompany, build_company, entry, with_staff
from tests.serverproc import Watched, free_port

pytestmark = pytest.mark.slow


@contextmanager
def server_of(database_url: str) -> Iterator[tuple[Watched, str]]:
    port = free_port()
    server = Watched(
        ["serve", "--host", "127.0.0.1", "--port", str(port)],
        {"STAMPLA_DATABASE_URL": database_url, "STAMPLA_LOGIN_FAILURE_DELAY_SECONDS": "0"},
    )
    try:
        server.wait_for("Listening on")
        yield server, f"http://127.0.0.1:{port}"
    finally:
        server.terminate()


@pytest.fixture
def company(database_url: str, clock) -> TestCompany:
    store = Store(database_url)
    try:
        return build_company(store, clock())
    finally:
        store.dispose()


def token_of(http: httpx.Client, company: TestCompany) -> str:
    login = http.post(
        "/Login/Token",
        params=company.keys(),
        json={"UserName": company.user_name, "Password": company.password},
    )
    assert login.status_code == 200, login.text
    return login.json()["token"]


def test_punches_from_a_terminal_with_long_headers_are_stored(database_url, company):
    with server_of(database_url) as (_server, base), httpx.Client(base_url=base) as http:
        params = {**company.keys(), "token": token_of(http, company)}
        headers = {"User-Agent": "TerminalOS/" + "x" * 1000, "X-Forwarded-For": "f" * 1000}
        saved = http.post(ENTRY_PATH, params=params, json=[entry()], headers=headers)
        read = http.get(
            ENTRY_PATH, params={**params, "dateFrom": "2025-06-12", "dateTo": "2025-06-12"}
        )
    assert saved.status_code == 200, saved.text
    assert [p["employeeNr"] for p in read.json()] == ["3002"]


def test_the_pages_answer_a_400_page_for_extreme_dates(database_url, company, store, clock):
    company = with_staff(store, company, clock())
    with server_of(database_url) as (_server, base), httpx.Client(base_url=base) as http:
        form = {"company": company.name, "user_name": company.staff_name}
        signed = http.post(
            "/web/sign-in",
            data={**form, "password": company.staff_password},
            headers={"Origin": base},
        )
        assert signed.status_code in (200, 303), signed.text
        answers = [
            http.get(path, params=params)
            for path in ("/web/attest", "/web/punches")
            for params in (
                {"dateFrom": "0001-01-01", "dateTo": "0001-01-02"},
                {"dateFrom": "9999-12-30", "dateTo": "9999-12-31"},
                {"dateFrom": "2025-06-12", "employees": "30\x0002"},
            )
        ]
        day = {"employeeNr": "3002", "date": "0001-01-01"}
        answers.append(http.get("/web/attest/day", params=day))
    for answer in answers:
        assert answer.status_code == 400, (answer.url, answer.text[:300])
        assert answer.headers["content-type"].startswith("text/html")


def test_a_client_that_disconnects_mid_body_is_one_info_line(database_url, company):
    with server_of(database_url) as (server, base):
        host, port = urlsplit(base).hostname, urlsplit(base).port
        assert host and port
        with socket.create_connection((host, port)) as sock:
            sock.sendall(
                f"POST {ENTRY_PATH} HTTP/1.1\r\nHost: {host}\r\n"
                "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{".encode()
            )
        server.wait_for("disconnected before sending the whole body")
        with httpx.Client(base_url=base) as http:
            marker = {"X-Request-Id": "end-of-test"}  # its log line names it
            assert http.get("/health", headers=marker).status_code == 200
        server.wait_for("end-of-test")
    log = server.rest()
    assert "Traceback" not in log and "unexpected error" not in log
    assert log.count("disconnected before sending the whole body") == 1
