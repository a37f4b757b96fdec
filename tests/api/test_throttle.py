"""Abuse limits: failed logins per company key, user name and address, the request rate of
an integration, and the same protection on the pages' sign-in.

The limit is 5 failures a minute here, as by default. Each test calls from an address of its
own (the counters live as long as the database, and every test shares one), and moves the
server's clock past a window instead of waiting for it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from stampla.app import create_app
from stampla.service import auth
from stampla.settings import Settings
from tests.factories import ENTRY_PATH, TestCompany, build_company, with_staff
from tests.web.conftest import alert, sign_in

LIMIT = 5
WINDOW = 60
REFUSAL = "Too many failed logins; try again in"


@pytest.fixture
def throttled(database_url: str, clock) -> Iterator[Callable[..., TestClient]]:
    """TestClients of one server with the default limits, each from an address of its own."""
    settings = Settings(
        database_url=database_url,
        login_failure_delay_seconds=0,
        login_failure_limit=LIMIT,
        login_failure_window_seconds=WINDOW,
        integration_rate_limit=3,
        integration_rate_window_seconds=WINDOW,
    )
    app = create_app(settings, clock=clock)
    clients: list[TestClient] = []

    def client_from(address: str | None = None) -> TestClient:
        address = address or f"client-{uuid.uuid4().hex[:12]}"
        client = TestClient(app, client=(address, 40000))
        client.__enter__()
        clients.append(client)
        return client

    yield client_from
    for client in clients:
        client.__exit__(None, None, None)


def login(client: TestClient, company: TestCompany, **body: str):
    return client.post(
        "/Login/Token",
        params=company.keys(),
        json={"UserName": company.user_name, "Password": company.password, **body},
    )


def assert_too_many(response) -> int:
    assert response.status_code == 429, response.text
    wait = int(response.headers["Retry-After"])
    assert 1 <= wait <= WINDOW
    body = response.json()
    assert body["success"] is False and body["errorMessage"].startswith(REFUSAL)
    assert not {"password", "user", "key"} & set(body["errorMessage"].lower().split())
    return wait


def test_the_sixth_wrong_login_is_refused_before_its_password_is_hashed(
    throttled, company, monkeypatch
):
    hashed: list[str] = []
    real = auth.verify_password

    def counted(password_hash, password):
        hashed.append(password)
        return real(password_hash, password)

    monkeypatch.setattr(auth, "verify_password", counted)
    client = throttled()
    for attempt in range(LIMIT):
        assert login(client, company, Password=f"guess {attempt}").status_code == 401
    assert len(hashed) == LIMIT
    # Even the right password: the server cannot know it is right without hashing it.
    assert_too_many(login(client, company))
    assert len(hashed) == LIMIT


def test_a_right_login_after_the_window_works(throttled, company, clock):
    client = throttled()
    for _ in range(LIMIT):
        login(client, company, Password="wrong")
    wait = assert_too_many(login(client, company))
    clock.advance(timedelta(seconds=wait))
    answer = login(client, company)
    assert answer.status_code == 200 and answer.json()["token"]


def test_right_logins_are_not_counted(throttled, company):
    client = throttled()
    for _ in range(LIMIT * 2):
        assert login(client, company).status_code == 200


def test_failures_are_counted_per_user_name_from_any_address(throttled, company):
    for _ in range(LIMIT):
        assert login(throttled(), company, Password="wrong").status_code == 401
    assert_too_many(login(throttled(), company, Password="wrong"))


def test_failures_are_counted_per_company_key_for_any_user(throttled, company):
    for attempt in range(LIMIT):
        assert login(throttled(), company, UserName=f"user{attempt}").status_code == 401
    assert_too_many(login(throttled(), company, UserName="yet-another"))


def test_failures_are_counted_per_address_for_any_company(throttled, store, clock):
    client = throttled()
    for _ in range(LIMIT):
        stranger = build_company(store, clock())
        assert login(client, stranger, Password="wrong").status_code == 401
    assert_too_many(login(client, build_company(store, clock())))
    # Another address is not affected.
    assert login(throttled(), build_company(store, clock())).status_code == 200


def test_an_integration_over_its_request_rate_gets_429(throttled, company, clock):
    client = throttled()
    token = login(client, company).json()["token"]
    params = {**company.keys(), "token": token, "dateFrom": "2025-06-12", "dateTo": "2025-06-12"}
    for _ in range(3):
        assert client.get(ENTRY_PATH, params=params).status_code == 200
    refused = client.get(ENTRY_PATH, params=params)
    assert refused.status_code == 429
    wait = int(refused.headers["Retry-After"])
    assert 1 <= wait <= WINDOW
    assert "STAMPLA_INTEGRATION_RATE_LIMIT" in refused.json()["errorMessage"]
    clock.advance(timedelta(seconds=wait))
    assert client.get(ENTRY_PATH, params=params).status_code == 200


def test_the_sign_in_page_has_the_same_protection(throttled, company, store, clock):
    company = with_staff(store, company, clock())
    client = throttled()
    for _ in range(LIMIT):
        assert sign_in(client, company, password="wrong").status_code == 401
    refused = sign_in(client, company)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= WINDOW
    assert alert(refused.text).startswith(REFUSAL)
    assert "set-cookie" not in refused.headers
    clock.advance(timedelta(seconds=WINDOW))
    assert sign_in(client, company).status_code == 303


def test_the_pages_and_the_api_share_the_count_of_an_address(throttled, company, store, clock):
    client = throttled()
    for _ in range(LIMIT - 1):
        sign_in(client, build_company(store, clock()), password="wrong")
    assert login(client, build_company(store, clock()), Password="wrong").status_code == 401
    assert_too_many(login(client, company))


def test_without_its_counters_a_login_is_not_tried_but_punches_go_on(database_url, clock, company):
    settings = Settings(
        database_url=database_url,
        login_failure_delay_seconds=0,
        redis_url="redis://127.0.0.1:1/0",  # nothing listens there
    )
    with TestClient(create_app(settings, clock=clock)) as client:
        refused = login(client, company)
        with TestClient(create_app(Settings(database_url=database_url), clock=clock)) as other:
            token = login(other, company).json()["token"]
        saved = client.post(
            ENTRY_PATH,
            params={**company.keys(), "token": token},
            json=[
                {
                    "EmployeeNr": "3002",
                    "TimeStamp": "2025-06-12T08:00:00Z",
                    "TimeStampEntryType": "In",
                    "TimeTerminalId": 1,
                }
            ],
        )
    assert refused.status_code == 503 and refused.headers["Retry-After"] == "1"
    assert "Redis" in refused.json()["errorMessage"]
    assert saved.status_code == 200, saved.text
