"""Every call but login needs companyApiKey, connectApiKey and a token, and all must match."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from stampla.app import create_app
from stampla.service import masterdata as md
from tests.factories import ApiSession, build_company, entry

PATH = "/Personell/Time/TimeStampEntry"


def unauthorized(response) -> str:
    assert response.status_code == 401, response.text
    body = response.json()
    assert body["success"] is False
    return body["errorMessage"]


@pytest.mark.parametrize("missing", ["companyApiKey", "connectApiKey", "token"])
def test_each_missing_credential_is_named(api, missing):
    params = api.params()
    del params[missing]
    message = unauthorized(api.client.post(PATH, params=params, json=[entry()]))
    assert message.startswith(f"Missing {missing}:")
    message = unauthorized(
        api.client.get(PATH, params={**params, "dateFrom": "2025-06-12", "dateTo": "2025-06-12"})
    )
    assert missing in message


@pytest.mark.parametrize("wrong", ["companyApiKey", "connectApiKey", "token"])
def test_unknown_or_tampered_credentials(api, wrong):
    params = api.params()
    params[wrong] = params[wrong][:-1] + ("A" if params[wrong][-1] != "A" else "B")
    message = unauthorized(api.post([entry()], **params))
    assert "do not match an active login" in message


def test_another_companys_keys_do_not_work_with_this_token(api, client, store, clock):
    other = build_company(store, clock())
    unauthorized(api.post([entry()], companyApiKey=other.company_api_key))
    unauthorized(api.post([entry()], connectApiKey=other.connect_api_key))
    unauthorized(api.post([entry()], **other.keys()))


def test_credentials_as_headers_and_bearer(api):
    headers = {**api.company.keys(), "token": api.token}
    assert api.client.post(PATH, headers=headers, json=[entry()]).status_code == 200
    headers = {**api.company.keys(), "Authorization": f"Bearer {api.token}"}
    response = api.client.post(PATH, headers=headers, json=[entry(kind="Out")])
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["token", "Token", "TOKEN"])
def test_query_names_in_any_case(api, name):
    params = {
        "CompanyApiKey": api.company.company_api_key,
        "CONNECTAPIKEY": api.company.connect_api_key,
        name: api.token,
    }
    assert api.client.post(PATH, params=params, json=[entry()]).status_code == 200


def test_revoking_the_integration_stops_its_tokens_at_once(api, store, company, clock):
    assert api.post([entry()]).status_code == 200
    md.revoke_integration(store, company.id, company.integration_id, clock())
    unauthorized(api.post([entry(kind="Out")]))


def test_disabling_the_user_stops_its_tokens_at_once(api, store, company):
    md.set_api_user_active(store, company.id, company.user_id, False)
    unauthorized(api.post([entry()]))


def test_a_token_works_in_every_server_process(company, settings, clock):
    """Two app instances with their own connections stand in for two workers."""
    with (
        TestClient(create_app(settings, clock=clock)) as first,
        TestClient(create_app(settings, clock=clock)) as second,
    ):
        token = ApiSession.login(first, company).token
        response = second.post(PATH, params={**company.keys(), "token": token}, json=[entry()])
    assert response.status_code == 200


def test_each_login_gets_its_own_token(client, company):
    assert ApiSession.login(client, company).token != ApiSession.login(client, company).token
