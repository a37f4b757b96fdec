"""A database that cannot be reached answers 503 with Retry-After: a client retries it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from stampla.app import create_app
from stampla.settings import Settings
from tests.factories import entry


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////nonexistent-directory/stampla.db",
        "postgresql+psycopg://postgres@127.0.0.1:1/stampla",
    ],
)
def test_an_unreachable_database_is_a_retryable_503(url):
    settings = Settings(database_url=url, login_failure_delay_seconds=0)
    keys = {"companyApiKey": "k", "connectApiKey": "c", "token": "t"}
    with TestClient(create_app(settings)) as client:
        login = client.post("/Login/Token", params=keys, json={"UserName": "u", "Password": "p"})
        save = client.post("/Personell/Time/TimeStampEntry", params=keys, json=[entry()])
    for response in (login, save):
        assert response.status_code == 503
        assert response.headers["retry-after"] == "1"
        body = response.json()
        assert body["success"] is False
        assert body["errorMessage"] == "The database is unavailable right now; retry shortly"
