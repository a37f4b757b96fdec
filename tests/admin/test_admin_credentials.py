"""Integrations and API users through /Admin, checked by logging in as an integration would."""

from __future__ import annotations

from tests.admin.session import ok, refused
from tests.factories import ENTRY_PATH, ApiSession, entry


def login(client, company, connect_key: str, user: str, password: str):
    params = {"companyApiKey": company.company_api_key, "connectApiKey": connect_key}
    return client.post("/Login/Token", params=params, json={"UserName": user, "Password": password})


def test_a_new_integration_and_user_can_log_in_with_what_was_shown_once(admin, client, company):
    integration = ok(admin.post("/Admin/Integrations", {"Name": "Vendor B"}), 201)
    user = ok(admin.post("/Admin/Users", {"UserName": "b-api"}), 201)
    assert len(user["password"]) >= 12
    response = login(client, company, integration["connectApiKey"], "b-api", user["password"])
    assert response.status_code == 200, response.text
    listed = ok(admin.get("/Admin/Integrations"))
    assert {i["name"] for i in listed} == {"Terminal vendor", "Vendor B"}
    assert all("connectApiKey" not in i and "keyHash" not in i for i in listed)
    users = ok(admin.get("/Admin/Users"))
    assert all(set(u) == {"id", "userName", "active", "createdAt"} for u in users)


def test_a_chosen_password_is_not_echoed(admin, client, company):
    user = ok(admin.post("/Admin/Users", {"UserName": "c-api", "Password": "long-enough-pw"}), 201)
    assert user["password"] == ""
    short = refused(admin.post("/Admin/Users", {"UserName": "d", "Password": "short"}), 400)
    assert short["errors"][0]["field"] == "Password"
    response = login(client, company, company.connect_api_key, "c-api", "long-enough-pw")
    assert response.status_code == 200


def test_rotating_stops_the_old_key_and_its_tokens(admin, api, client, company):
    assert api.post([entry()]).status_code == 200
    rotated = ok(admin.post("/Admin/Integrations/Rotate", name="Terminal vendor"))
    assert rotated["connectApiKey"] != company.connect_api_key
    assert api.post([entry(kind="Out")]).status_code == 401
    with_new_key = {**api.params(), "connectApiKey": rotated["connectApiKey"]}
    assert client.post(ENTRY_PATH, params=with_new_key, json=[entry(kind="Out")]).status_code == 401
    fresh = login(client, company, rotated["connectApiKey"], company.user_name, company.password)
    assert fresh.status_code == 200


def test_revoking_is_final(admin, api):
    revoked = ok(admin.post("/Admin/Integrations/Revoke", name="Terminal vendor"))
    assert revoked["active"] is False and revoked["revokedAt"]
    assert api.post([entry()]).status_code == 401
    body = refused(admin.post("/Admin/Integrations/Rotate", name="Terminal vendor"), 409)
    assert "revoked" in body["errorMessage"]
    refused(admin.post("/Admin/Integrations/Revoke", name="nobody"), 404)


def test_a_new_password_stops_the_users_tokens(admin, api, client, company):
    changed = ok(
        admin.post("/Admin/Users/Password", {"Password": "new-password-1"}, userName="api")
    )
    assert changed["password"] == ""
    assert api.post([entry()]).status_code == 401
    assert (
        login(client, company, company.connect_api_key, "api", company.password).status_code == 401
    )
    company.password = "new-password-1"
    assert ApiSession.login(client, company).post([entry()]).status_code == 200


def test_disable_and_enable_a_user(admin, api, client, company):
    assert ok(admin.post("/Admin/Users/Disable", userName="api"))["active"] is False
    assert api.post([entry()]).status_code == 401
    ok(admin.post("/Admin/Users/Enable", userName="api"))
    assert ApiSession.login(client, company).post([entry()]).status_code == 200


def test_a_new_password_without_a_body_is_generated(admin, client, company):
    response = admin.client.post(
        "/Admin/Users/Password", params={"userName": "api"}, headers=admin.headers()
    )
    generated = ok(response)["password"]
    assert len(generated) >= 12
    assert login(client, company, company.connect_api_key, "api", generated).status_code == 200


def test_rotating_the_company_key_stops_it_and_its_tokens_but_not_the_admin_key(
    admin, api, client, company
):
    assert api.post([entry()]).status_code == 200
    rotated = ok(admin.post("/Admin/Company/RotateKey"))
    assert rotated["id"] == company.id
    assert rotated["companyApiKey"] not in ("", company.company_api_key)
    assert api.post([entry(kind="Out")]).status_code == 401
    stale = {**api.params(), "companyApiKey": rotated["companyApiKey"]}
    assert client.post(ENTRY_PATH, params=stale, json=[entry(kind="Out")]).status_code == 401
    fresh = client.post(
        "/Login/Token",
        params={
            "companyApiKey": rotated["companyApiKey"],
            "connectApiKey": company.connect_api_key,
        },
        json={"UserName": company.user_name, "Password": company.password},
    )
    assert fresh.status_code == 200
    assert ok(admin.get("/Admin/Company"))["id"] == company.id
    audit = ok(admin.get("/Admin/Audit", entity="company"))
    assert [e["action"] for e in audit["events"]][-1] == "rotate"
