"""POST /Login/Token: SoftOne's LoginDTO, tokens, and refusals that give nothing away."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from stampla.service import masterdata as md
from stampla.service.auth import LOGIN_FAILED_MESSAGE
from tests.factories import ApiSession, build_company, entry


def login(client, company, *, params=None, headers=None, body=None):
    return client.post(
        "/Login/Token",
        params=company.keys() if params is None else params,
        headers=headers,
        json={"UserName": company.user_name, "Password": company.password}
        if body is None
        else body,
    )


def test_a_login_answers_the_login_dto_with_a_token(client, company, clock):
    response = login(
        client,
        company,
        body={"License": "ABC-123", "UserName": company.user_name, "Password": company.password},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["license"] == "ABC-123"
    assert body["userName"] == company.user_name
    assert body["password"] == ""
    assert len(body["token"]) >= 40
    assert datetime.fromisoformat(body["expiresUtc"]) == clock() + timedelta(minutes=60)
    assert body["message"].startswith("Token valid for 60 minutes, until ")


def test_keys_may_come_as_headers_and_names_in_any_case(client, company):
    response = login(
        client,
        company,
        params={},
        headers=company.keys(),
        body={"username": company.user_name, "PASSWORD": company.password},
    )
    assert response.status_code == 200, response.text


def test_license_is_optional_and_unknown_fields_are_ignored(client, company):
    body = {"UserName": company.user_name, "Password": company.password, "Token": None, "X": 1}
    assert login(client, company, body=body).status_code == 200


def refusal(response) -> dict:
    assert response.status_code == 401
    body = response.json()
    assert body["message"] == LOGIN_FAILED_MESSAGE
    assert body["errorMessage"] == LOGIN_FAILED_MESSAGE
    assert body["success"] is False
    assert body["token"] is None and body["password"] == ""
    return body


def test_every_wrong_part_gets_the_same_refusal(client, company, store, clock):
    other = build_company(store, clock())
    keys = company.keys()
    right = {"UserName": company.user_name, "Password": company.password}
    for params, body in [
        ({**keys, "companyApiKey": "nope"}, right),
        ({**keys, "connectApiKey": "nope"}, right),
        ({**keys, "connectApiKey": other.connect_api_key}, right),
        ({"connectApiKey": keys["connectApiKey"]}, right),
        (keys, {**right, "UserName": "nobody"}),
        (keys, {**right, "Password": "wrong"}),
        (keys, {"UserName": company.user_name}),
    ]:
        refusal(login(client, company, params=params, body=body))


def test_disabled_users_and_revoked_integrations_cannot_log_in(client, company, store, clock):
    md.set_api_user_active(store, company.id, company.user_id, False)
    refusal(login(client, company))
    md.set_api_user_active(store, company.id, company.user_id, True)
    assert login(client, company).status_code == 200
    md.revoke_integration(store, company.id, company.integration_id, clock())
    refusal(login(client, company))


def test_a_refusal_waits_the_configured_delay(client, company, settings, monkeypatch):
    waited: list[float] = []

    async def record(seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr("stampla.api.routes.login.asyncio.sleep", record)
    settings.login_failure_delay_seconds = 1.5
    refusal(login(client, company, body={"UserName": "x", "Password": "y"}))
    assert login(client, company).status_code == 200
    assert waited == [1.5]


def test_the_delay_defaults_to_one_second():
    from stampla.settings import Settings

    assert Settings().login_failure_delay_seconds == 1.0


@pytest.mark.parametrize("body", [b"", b"{", b"[]", b'"demo"'])
def test_a_malformed_login_body_is_400(client, company, body):
    response = client.post("/Login/Token", params=company.keys(), content=body)
    assert response.status_code == 400
    assert response.json()["success"] is False


def test_tokens_expire_after_the_configured_lifetime(client, company, clock):
    api = ApiSession.login(client, company)
    clock.advance(timedelta(minutes=59, seconds=59))
    assert api.post([entry()]).status_code == 200
    clock.advance(timedelta(seconds=1))
    response = api.post([entry(time_stamp="2025-06-12T09:00:00Z")])
    assert response.status_code == 401
    assert "expired" in response.json()["errorMessage"]


def test_the_lifetime_is_a_setting(company, settings, clock):
    from fastapi.testclient import TestClient

    from stampla.app import create_app

    short = settings.model_copy(update={"token_lifetime_minutes": 5})
    with TestClient(create_app(short, clock=clock)) as client:
        body = login(client, company).json()
    assert body["message"].startswith("Token valid for 5 minutes")
    assert datetime.fromisoformat(body["expiresUtc"]) == clock() + timedelta(minutes=5)


def test_an_expired_token_says_when_it_expired_after_another_login(client, company, clock):
    """Another terminal's login clears out old tokens; an expired one still says so."""
    first = ApiSession.login(client, company)
    clock.advance(timedelta(minutes=61))
    ApiSession.login(client, company)
    response = first.post([entry()])
    assert response.status_code == 401
    expired_at = (clock() - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert response.json()["errorMessage"].startswith(f"The token expired at {expired_at}")


def test_a_one_minute_lifetime_is_one_minute(company, settings, clock):
    from fastapi.testclient import TestClient

    from stampla.app import create_app

    short = settings.model_copy(update={"token_lifetime_minutes": 1})
    with TestClient(create_app(short, clock=clock)) as client:
        body = login(client, company).json()
    assert body["message"].startswith("Token valid for 1 minute, until")
